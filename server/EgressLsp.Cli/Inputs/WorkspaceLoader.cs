using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Cli.Inputs;

/// <summary>
/// Builds the workspace index the core checks cross-file facts against (namespaces, workloads, service accounts,
/// gateways): the command's own input files plus every manifest under the <c>--workspace</c> folders. Files are
/// keyed by their displayed path so that what the core reports about other files reads the way the user wrote it.
/// The workspace is context, read best effort: what it skips or cannot read is only listed (<see cref="Skipped"/>).
/// </summary>
public sealed class WorkspaceLoader(CliEnvironment environment)
{
    private readonly Dictionary<string, WorkspaceFileFacts> _byFullPath = new(StringComparer.Ordinal);

    /// <summary>Workspace entries left out, with why (hidden, node_modules, unreadable, over the index limit).</summary>
    public List<(string DisplayPath, string Reason)> Skipped { get; } = [];

    /// <summary>Indexes the command's own inputs, already parsed (the analysis reuses the same parse).</summary>
    public void AddInputs(IEnumerable<(InputFile Input, YamlFile Yaml)> inputs)
    {
        foreach (var (input, yaml) in inputs)
        {
            var key = input.FullPath ?? InputFile.StdinDisplayPath;
            if (!_byFullPath.ContainsKey(key))
            {
                _byFullPath[key] = WorkspaceFileFacts.Read(input.DisplayPath, yaml);
            }
        }
    }

    /// <summary>Indexes a <c>--workspace</c> argument: a folder (walked) or a single manifest file.</summary>
    public void AddWorkspaceArgument(string argument)
    {
        var fullPath = InputResolver.FullPath(argument, environment);
        if (Directory.Exists(fullPath))
        {
            var scan = ManifestFiles.Scan(fullPath);
            Skipped.AddRange(scan.Skipped.Concat(scan.Unlisted).Select(s => (InputResolver.JoinDisplay(argument, s.RelativePath), s.Reason)));
            foreach (var relative in scan.Files)
            {
                AddFile(Path.GetFullPath(Path.Combine(fullPath, relative)), InputResolver.JoinDisplay(argument, relative));
            }
        }
        else if (File.Exists(fullPath))
        {
            AddFile(fullPath, argument);
        }
        else
        {
            throw new CliUsageException($"workspace '{argument}': no such directory");
        }
    }

    public WorkspaceIndex Build() => _byFullPath.Count == 0 ? WorkspaceIndex.Empty : WorkspaceIndex.Build(_byFullPath.Values);

    private void AddFile(string fullPath, string displayPath)
    {
        if (_byFullPath.ContainsKey(fullPath))
        {
            return;
        }
        var read = InputReader.ReadFile(fullPath, ManifestFiles.MaxIndexedFileBytes);
        if (read.Problem is { } problem)
        {
            Skipped.Add((displayPath, problem.Message));
            return;
        }
        _byFullPath[fullPath] = WorkspaceFileFacts.Read(displayPath, YamlFile.Parse(read.Text!));
    }
}
