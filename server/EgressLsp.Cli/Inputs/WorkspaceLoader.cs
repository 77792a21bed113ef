using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Cli.Inputs;

/// <summary>
/// Builds the workspace index the core checks cross-file facts against (namespaces, workloads, service accounts,
/// gateways): the command's own input files plus every manifest under the <c>--workspace</c> folders. Files are
/// keyed by their displayed path so that what the core reports about other files reads the way the user wrote it.
/// </summary>
public sealed class WorkspaceLoader(CliEnvironment environment)
{
    private readonly Dictionary<string, WorkspaceFileFacts> _byFullPath = new(StringComparer.Ordinal);

    public void AddInputs(IEnumerable<InputFile> inputs)
    {
        foreach (var input in inputs)
        {
            var key = input.FullPath ?? InputFile.StdinDisplayPath;
            if (!_byFullPath.ContainsKey(key))
            {
                _byFullPath[key] = WorkspaceFileFacts.Read(input.DisplayPath, YamlFile.Parse(input.Text));
            }
        }
    }

    /// <summary>Indexes a <c>--workspace</c> argument: a folder (walked) or a single manifest file.</summary>
    public void AddWorkspaceArgument(string argument)
    {
        var fullPath = InputResolver.FullPath(argument, environment);
        if (Directory.Exists(fullPath))
        {
            foreach (var relative in ManifestFiles.FindYamlFiles(fullPath))
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
        try
        {
            if (new FileInfo(fullPath).Length > ManifestFiles.MaxIndexedFileBytes)
            {
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        if (FileReader.TryReadFile(fullPath) is { } text)
        {
            _byFullPath[fullPath] = WorkspaceFileFacts.Read(displayPath, YamlFile.Parse(text));
        }
    }
}
