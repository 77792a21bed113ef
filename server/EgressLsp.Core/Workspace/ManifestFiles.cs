namespace EgressLsp.Core.Workspace;

/// <summary>
/// Finds the Kubernetes manifests of a workspace folder (CLI <c>--workspace</c>, the language server's folders): <c>*.yaml</c> and <c>*.yml</c>, recursively, skipping hidden
/// files and folders (<c>.git</c>, <c>.github</c>…), <c>node_modules</c> and symbolic links to folders (no
/// cycles). The order is deterministic: ordinal by relative path.
/// </summary>
public static class ManifestFiles
{
    /// <summary>Larger files are not indexed (generated bundles, logs): the index is for hand-written manifests.</summary>
    public const long MaxIndexedFileBytes = 5 * 1024 * 1024;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.None,
        ReturnSpecialDirectories = false,
    };

    public static bool IsYamlFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Paths relative to <paramref name="fullDirectory"/>, with '/' separators, sorted ordinally.</summary>
    public static IReadOnlyList<string> FindYamlFiles(string fullDirectory)
    {
        var found = new List<string>();
        Walk(new DirectoryInfo(fullDirectory), "", found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static void Walk(DirectoryInfo directory, string prefix, List<string> found)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos("*", Options).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }
            if (entry is DirectoryInfo child)
            {
                if (child.Name != "node_modules" && child.LinkTarget is null)
                {
                    Walk(child, prefix + child.Name + "/", found);
                }
            }
            else if (IsYamlFile(entry.Name))
            {
                found.Add(prefix + entry.Name);
            }
        }
    }
}
