using System.CommandLine;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl validate FILE|DIR…</c>: diagnostics like a compiler (text), as JSON, or as SARIF 2.1.0. Folders are
/// walked for <c>*.yaml</c>/<c>*.yml</c>; every input is also part of the workspace, so a policy beside its
/// Deployments and gateway manifests gets the cross-file checks. An input that cannot be read (a FIFO, a dangling
/// link, over the size limit, not text) is reported on standard error and the others are still checked. Exit 2 when
/// any input could not be read, else 1 when any diagnostic is an error, else 0.
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
        var maxInputSize = CommonOptions.MaxInputSize();
        var verbose = CommonOptions.Verbose();

        var command = new Command("validate", "Check policy files and folders; print diagnostics (text, json or sarif)")
        {
            paths, format, config, workspace, target, locale, maxInputSize, verbose,
        };
        command.SetAction(parse => Run(context,
            parse.GetValue(paths) ?? [],
            parse.GetValue(format) ?? "text",
            parse.GetValue(config),
            parse.GetValue(workspace) ?? [],
            CommonOptions.ParseTarget(parse.GetValue(target)),
            LocaleResolver.Resolve(parse.GetValue(locale), context.Environment),
            parse.GetValue(maxInputSize),
            parse.GetValue(verbose)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string format, string? configPath,
        IReadOnlyList<string> workspace, Core.Targets.ExpansionTarget? target, string locale, long maxInputBytes,
        bool verbose)
    {
        var inputs = InputResolver.FilesAndDirectories(paths, context, maxInputBytes);
        var run = AnalysisRun.Start(inputs.Files, workspace, configPath, target, context.Environment);
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
                break;
        }
        // What follows goes to stderr: on a terminal it must come after the diagnostics, not before them.
        context.Stdout.Flush();
        var notes = new List<string>();
        if (verbose)
        {
            notes.AddRange(inputs.Skipped.Concat(run.SkippedWorkspace).Select(s => $"skipped '{s.DisplayPath}': {s.Reason}"));
        }
        notes.AddRange(inputs.Unreadable.Select(u => u.Message));
        notes.AddRange(WithoutPolicy(inputs, run));
        foreach (var note in notes)
        {
            context.Stderr.Write($"{CliApp.Name}: {TerminalText.Line(note)}\n");
        }
        if (format == "text" && reports.Length > 0)
        {
            var unread = inputs.Unreadable.Count == 0 ? ""
                : locale == "zh" ? $"; {inputs.Unreadable.Count} 个输入未能读取"
                : inputs.Unreadable.Count == 1 ? "; 1 input not read" : $"; {inputs.Unreadable.Count} inputs not read";
            context.Stderr.Write(DiagnosticCounts.Of(reports).Format(locale) + unread + "\n");
        }
        // As shellcheck does: an input that could not be checked outweighs the errors found in the others (all reported).
        return inputs.Unreadable.Count > 0 ? ExitCodes.Usage
            : reports.Any(r => r.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error)) ? ExitCodes.Errors
            : ExitCodes.Success;
    }

    /// <summary>
    /// Notes for the files given by name (or on standard input) that hold nothing validate checks (a policy or an Istio
    /// resource), and for the folders none of whose files holds any: a misspelt kind or a wrong file must not pass as
    /// "0 errors". A project config file is checked as a config.
    /// </summary>
    private static IEnumerable<string> WithoutPolicy(InputSet inputs, AnalysisRun run)
    {
        var withPolicy = run.Files.Where(f => f.Analysis.Documents.Any(d => d.Kind.IsAnalysed)).Select(f => f.Input).ToHashSet();
        var fromFolders = inputs.Folders.SelectMany(f => f.Files).ToHashSet();
        foreach (var file in run.Files)
        {
            if (!fromFolders.Contains(file.Input) && !ProjectConfigKind.IsConfigFile(Path.GetFileName(file.Analysis.Path)) && !withPolicy.Contains(file.Input))
            {
                yield return $"note: no {EgressPolicy.KindName} or Istio resource found in '{file.Input.DisplayPath}'";
            }
        }
        foreach (var folder in inputs.Folders)
        {
            if (folder.Files.Count > 0 && !folder.Files.Any(withPolicy.Contains))
            {
                yield return $"note: no {EgressPolicy.KindName} or Istio resource found in '{folder.Argument}' ({(folder.Files.Count == 1 ? "1 file" : $"{folder.Files.Count} files")} read)";
            }
        }
    }
}
