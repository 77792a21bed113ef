using System.CommandLine;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl validate FILE|DIR…</c>: diagnostics like a compiler (text), as JSON, or as SARIF 2.1.0. Folders are
/// walked for <c>*.yaml</c>/<c>*.yml</c>; every input is also part of the workspace, so a policy beside its
/// Deployments and gateway manifests gets the cross-file checks. Exit 1 when any diagnostic is an error.
/// </summary>
internal static class ValidateCommand
{
    public static readonly string[] Formats = ["text", "json", "sarif"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "Files or folders to check (folders: *.yaml and *.yml, recursively); - reads standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Choice("--format", [], Formats, "Output format", "text");
        var config = CommonOptions.Config();
        var workspace = CommonOptions.Workspace();
        var target = CommonOptions.Target();
        var locale = CommonOptions.Locale();

        var command = new Command("validate", "Check policy files and folders; print diagnostics (text, json or sarif)")
        {
            paths, format, config, workspace, target, locale,
        };
        command.SetAction(parse => Run(context,
            parse.GetValue(paths) ?? [],
            parse.GetValue(format) ?? "text",
            parse.GetValue(config),
            parse.GetValue(workspace) ?? [],
            CommonOptions.ParseTarget(parse.GetValue(target)),
            LocaleResolver.Resolve(parse.GetValue(locale), context.Environment)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string format, string? configPath,
        IReadOnlyList<string> workspace, Core.Configuration.ExpansionTarget? target, string locale)
    {
        var inputs = InputResolver.FilesAndDirectories(paths, context);
        var run = AnalysisRun.Start(inputs, workspace, configPath, target, context.Environment);
        var reports = run.Files.Select(f => AnalysisRun.Report(f, f.Analysis.Diagnostics)).Concat(run.ConfigReports()).ToArray();

        switch (format)
        {
            case "json":
                context.Stdout.Write(JsonFormatter.Format(reports, locale));
                break;
            case "sarif":
                context.Stdout.Write(SarifFormatter.Format(reports, locale, context.Environment.CurrentDirectory));
                break;
            default:
                TextFormatter.Write(context.Stdout, reports, locale);
                context.Stderr.Write(DiagnosticCounts.Of(reports) + "\n");
                break;
        }
        return reports.Any(r => r.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error)) ? ExitCodes.Errors : ExitCodes.Success;
    }
}
