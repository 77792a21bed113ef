using System.Collections.Immutable;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Cli.Commands;

/// <summary>One input file analysed by the core, with its report.</summary>
internal sealed record AnalysedFile(InputFile Input, DocumentAnalysis Analysis);

/// <summary>
/// What <c>validate</c> and <c>expand</c> share: index the workspace (inputs plus <c>--workspace</c> folders), pick
/// each input's config, and hand each file to the core. All the checking is the core's.
/// </summary>
internal sealed class AnalysisRun
{
    private AnalysisRun(IReadOnlyList<AnalysedFile> files, ConfigResolver configs, IReadOnlyList<(string DisplayPath, string Reason)> skippedWorkspace)
    {
        Files = files;
        Configs = configs;
        SkippedWorkspace = skippedWorkspace;
    }

    public IReadOnlyList<AnalysedFile> Files { get; }

    public ConfigResolver Configs { get; }

    /// <summary>What the <c>--workspace</c> walks left out or could not read (listed with --verbose).</summary>
    public IReadOnlyList<(string DisplayPath, string Reason)> SkippedWorkspace { get; }

    public static AnalysisRun Start(IReadOnlyList<InputFile> inputs, IReadOnlyList<string> workspaceArguments, string? configPath,
        ExpansionTarget? target, CliEnvironment environment)
    {
        var configs = new ConfigResolver(environment, configPath, target);
        var loader = new WorkspaceLoader(environment);
        // Each input is parsed once, for the workspace index and its analysis alike.
        var parsed = inputs.Select(input => (Input: input, Yaml: YamlFile.Parse(input.Text))).ToArray();
        loader.AddInputs(parsed);
        foreach (var argument in workspaceArguments)
        {
            loader.AddWorkspaceArgument(argument);
        }
        var workspace = loader.Build();
        var files = parsed
            .Select(p => new AnalysedFile(p.Input, new DocumentAnalysis(p.Input.DisplayPath, p.Yaml, new AnalysisContext(configs.For(p.Input), workspace))))
            .ToArray();
        return new AnalysisRun(files, configs, loader.Skipped);
    }

    /// <summary>
    /// For the commands that need every input (convert, reach, test): reads FILE|DIR|- arguments, says on standard error
    /// which could not be read, and analyses them as one workspace; null when one could not be read (exit 2).
    /// </summary>
    public static AnalysisRun? StartReadable(CliContext context, IReadOnlyList<string> paths, IReadOnlyList<string> workspaceArguments, string? configPath,
        long maxInputBytes, out InputSet inputs, ExpansionTarget? target = null)
    {
        inputs = InputResolver.FilesAndDirectories(paths, context, maxInputBytes);
        foreach (var unreadable in inputs.Unreadable)
        {
            context.Stderr.Write($"{CliApp.Name}: {Core.Text.TerminalText.Line(unreadable.Message)}\n");
        }
        return inputs.Unreadable.Count > 0 ? null : Start(inputs.Files, workspaceArguments, configPath, target, context.Environment);
    }

    /// <summary>
    /// Reports for the config files in use that have problems of their own and are not among the inputs (an input
    /// <c>egresslsp.yaml</c> is reported by the core like any other file).
    /// </summary>
    public IEnumerable<FileReport> ConfigReports()
    {
        var inputs = Files.Select(f => f.Input.FullPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var config in Configs.Loaded)
        {
            if (!config.Config.Diagnostics.IsDefaultOrEmpty && !inputs.Contains(config.FullPath))
            {
                yield return new FileReport(config.DisplayPath, config.FullPath, config.Text, config.Config.Diagnostics);
            }
        }
    }

    public static FileReport Report(AnalysedFile file, ImmutableArray<Core.Diagnostics.Diagnostic> diagnostics) =>
        new(file.Input.DisplayPath, file.Input.FullPath, file.Analysis.Text, diagnostics);
}
