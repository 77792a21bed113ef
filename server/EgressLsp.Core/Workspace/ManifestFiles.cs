namespace EgressLsp.Core.Workspace;

/// <summary>A folder entry the walk left out or could not list, relative to the walked folder ('/' separators; "" for itself).</summary>
public sealed record SkippedEntry(string RelativePath, string Reason);

/// <summary>What a walk found: the manifests, what it skipped on purpose and the folders it could not list.</summary>
public sealed record ManifestScan(IReadOnlyList<string> Files, IReadOnlyList<SkippedEntry> Skipped, IReadOnlyList<SkippedEntry> Unlisted);

/// <summary>
/// Finds the Kubernetes manifests of a workspace folder (CLI <c>--workspace</c>, the language server's folders): <c>*.yaml</c> and <c>*.yml</c>, recursively, skipping hidden
/// files and folders (<c>.git</c>, <c>.github</c>…), <c>node_modules</c> and symbolic links to folders (no
/// cycles). The order is deterministic: ordinal by relative path. Files are only listed here; <see cref="InputReader"/>
/// refuses what is not a regular file when it is read.
/// </summary>
public static class ManifestFiles
{
    /// <summary>Larger files are not indexed (generated bundles, logs): the index is for hand-written manifests.</summary>
    public const long MaxIndexedFileBytes = 5 * 1024 * 1024;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.None,
        ReturnSpecialDirectories = false,
    };

    public static bool IsYamlFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Paths relative to <paramref name="fullDirectory"/>, with '/' separators, sorted ordinally.</summary>
    public static IReadOnlyList<string> FindYamlFiles(string fullDirectory) => Scan(fullDirectory).Files;

    /// <summary>The manifests under <paramref name="fullDirectory"/>, with what was skipped and why, each list sorted ordinally.</summary>
    public static ManifestScan Scan(string fullDirectory)
    {
        var found = new List<string>();
        var skipped = new List<SkippedEntry>();
        var unlisted = new List<SkippedEntry>();
        Walk(new DirectoryInfo(fullDirectory), "", found, skipped, unlisted);
        found.Sort(StringComparer.Ordinal);
        skipped.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        unlisted.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new ManifestScan(found, skipped, unlisted);
    }

    private static void Walk(DirectoryInfo directory, string prefix, List<string> found, List<SkippedEntry> skipped, List<SkippedEntry> unlisted)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos("*", Options).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unlisted.Add(new SkippedEntry(prefix.TrimEnd('/'),
                e is UnauthorizedAccessException ? "permission denied" : e.Message));
            return;
        }
        foreach (var entry in entries)
        {
            var relative = prefix + entry.Name;
            // Enumeration reports a link to a folder as a file; it is not followed (no cycles).
            var isLink = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
            if (entry is DirectoryInfo || (isLink && Directory.Exists(entry.FullName)))
            {
                if (SkipReason(entry.Name, isLink) is { } reason)
                {
                    skipped.Add(new SkippedEntry(relative, reason));
                }
                else
                {
                    Walk((DirectoryInfo)entry, relative + "/", found, skipped, unlisted);
                }
            }
            else if (IsYamlFile(entry.Name))
            {
                if (entry.Name.StartsWith('.'))
                {
                    skipped.Add(new SkippedEntry(relative, "hidden file"));
                }
                else
                {
                    found.Add(relative);
                }
            }
        }
    }

    private static string? SkipReason(string name, bool isLink) =>
        name.StartsWith('.') ? "hidden folder"
        : name == "node_modules" ? "node_modules"
        : isLink ? "symbolic link to a folder"
        : null;
}
