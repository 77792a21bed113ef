using System.CommandLine;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl expand FILE…</c>: the Istio (or osm-edge) resources the policies stand for, as multi-document YAML
/// or a JSON <c>v1/List</c>, ready for <c>kubectl apply -f -</c>. Errors and warnings go to standard error (infos
/// are left to <c>validate</c>); with any error nothing is written to standard output and the exit code is 1.
/// </summary>
internal static class ExpandCommand
{
    public static readonly string[] OutputFormats = ["yaml", "json"];

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Policy files to expand; - reads standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var target = CommonOptions.Target();
        var output = CommonOptions.Choice("--output", ["-o"], OutputFormats, "Output format", "yaml");
        var config = CommonOptions.Config();
        var workspace = CommonOptions.Workspace();
        var locale = CommonOptions.Locale();
        var maxInputSize = CommonOptions.MaxInputSize();

        var command = new Command("expand", "Expand egress policies into Istio or osm-edge resources (YAML or JSON on stdout)")
        {
            files, target, output, config, workspace, locale, maxInputSize,
        };
        command.SetAction(parse => Run(context,
            parse.GetValue(files) ?? [],
            CommonOptions.ParseTarget(parse.GetValue(target)),
            parse.GetValue(output) ?? "yaml",
            parse.GetValue(config),
            parse.GetValue(workspace) ?? [],
            LocaleResolver.Resolve(parse.GetValue(locale), context.Environment),
            parse.GetValue(maxInputSize)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, Core.Targets.ExpansionTarget? target, string output,
        string? configPath, IReadOnlyList<string> workspace, string locale, long maxInputBytes)
    {
        var inputs = InputResolver.Files(paths, context, maxInputBytes);
        var run = AnalysisRun.Start(inputs, workspace, configPath, target, context.Environment);

        var reports = new List<FileReport>(run.ConfigReports());
        var withoutPolicy = new List<string>();
        foreach (var file in run.Files)
        {
            // The --target override is already in the file's context, so the analysis reports the chosen target's
            // problems, the expansion's own (EGP042, EGP050) among them.
            reports.Add(AnalysisRun.Report(file, file.Analysis.Diagnostics));
            if (!file.Analysis.Policies.Any())
            {
                withoutPolicy.Add(file.Input.DisplayPath);
            }
        }

        // Infos are for validate and the editor; a `kubectl apply` pipeline hears only about errors and warnings.
        TextFormatter.Write(context.Stderr, reports.Select(r => r with { Diagnostics = [.. r.Diagnostics.Where(d => d.Level >= DiagnosticLevel.Warning)] }), locale);
        var errors = reports.Sum(r => r.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error));
        if (errors > 0)
        {
            context.Stderr.Write($"egressctl: nothing expanded: {(errors == 1 ? "1 error" : $"{errors} errors")}\n");
            return ExitCodes.Errors;
        }
        foreach (var path in withoutPolicy)
        {
            context.Stderr.Write($"egressctl: {TerminalText.Escape(path)}: no ASMEgressTrafficPolicy to expand\n");
        }
        if (withoutPolicy.Count == run.Files.Count)
        {
            return ExitCodes.Errors;
        }
        // Made and written one resource at a time: a large expansion is never held whole.
        var resources = run.Files.SelectMany(file => file.Analysis.StreamResources());
        if (output == "json")
        {
            ManifestWriter.WriteJson(context.Stdout, resources);
        }
        else
        {
            ManifestWriter.WriteYaml(context.Stdout, resources);
        }
        return ExitCodes.Success;
    }
}
