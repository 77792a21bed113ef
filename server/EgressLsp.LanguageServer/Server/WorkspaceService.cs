using System.Collections.Immutable;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using Microsoft.Extensions.Logging;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The Kubernetes facts of the workspace folders, indexed in the background after <c>initialized</c> and kept
/// current from file-watch events and open documents. Requests never wait for it: they use whatever index is
/// there (empty at first), and diagnostics are republished when it changes.
/// </summary>
internal sealed class WorkspaceService(ILogger logger)
{
    private readonly object _gate = new();
    private WorkspaceIndex _index = WorkspaceIndex.Empty;

    /// <summary>Raised after the index changed in a way other documents' diagnostics may depend on.</summary>
    public event Action? Changed;

    public WorkspaceIndex Current => Volatile.Read(ref _index);

    /// <param name="isOpen">Files open in the editor are skipped: their buffer, already indexed, counts, not the disk.</param>
    public Task IndexFoldersAsync(IReadOnlyList<string> folders, Func<string, bool> isOpen) => Task.Run(() =>
    {
        var found = new List<WorkspaceFileFacts>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var relative in ManifestFiles.FindYamlFiles(folder))
            {
                var path = Path.GetFullPath(Path.Combine(folder, relative));
                if (!isOpen(path) && ReadFile(path) is { } facts)
                {
                    found.Add(facts);
                }
            }
        }
        // One update for the whole scan; a document opened meanwhile keeps its buffer's facts.
        Update(index => index.WithFiles(found.Where(f => !isOpen(f.Path))), notify: true);
        logger.LogInformation("Indexed {Count} manifest files", found.Count);
    });

    /// <summary>A watched file was created, changed or deleted on disk.</summary>
    public void FileChanged(string path, bool deleted)
    {
        var facts = deleted ? null : ReadFile(path);
        Update(index => facts is null ? index.WithoutFile(path) : index.WithFile(facts), notify: true);
    }

    /// <summary>
    /// An open document's current text is what counts for its own facts. Returns the index with them and what the
    /// change means for the other documents; telling them is the caller's (it knows which document caused it).
    /// </summary>
    public (WorkspaceIndex Index, FactsChange Change) WithOpenDocument(string path, YamlFile yaml)
    {
        var facts = WorkspaceFileFacts.Read(path, yaml);
        var before = Current;
        if (facts.IsEmpty && !before.Files.Contains(path))
        {
            // A policy file declares no workloads or gateways: nothing to index.
            return (before, FactsChange.None);
        }
        var change = before.ChangeOf(facts);
        Update(index => index.WithFile(facts), notify: false);
        return (Current, change);
    }

    private void Update(Func<WorkspaceIndex, WorkspaceIndex> change, bool notify)
    {
        lock (_gate)
        {
            Volatile.Write(ref _index, change(_index));
        }
        if (notify)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// The facts of a manifest on disk, read through the core's bounded reader: devices, FIFOs and sockets are
    /// refused before opening and at most <see cref="ManifestFiles.MaxIndexedFileBytes"/> are read.
    /// </summary>
    private WorkspaceFileFacts? ReadFile(string path)
    {
        if (!ManifestFiles.IsYamlFile(path))
        {
            return null;
        }
        var read = InputReader.ReadFile(path, ManifestFiles.MaxIndexedFileBytes);
        if (read.Problem is { } problem)
        {
            if (problem.Kind != InputProblemKind.NotFound)
            {
                logger.LogDebug("Skipped {Path}: {Message}", path, problem.Message);
            }
            return null;
        }
        return WorkspaceFileFacts.Read(path, YamlFile.Parse(read.Text!));
    }
}
