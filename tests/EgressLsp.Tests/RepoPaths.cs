namespace EgressLsp.Tests;

/// <summary>Well-known folders for tests: the repository root (the folder holding <c>EgressLsp.sln</c>), the shared
/// read-only material beside it, and the committed schemas.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest folder above <see cref="AppContext.BaseDirectory"/> holding <c>EgressLsp.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The shared read-only material: <c>{Root}/../shared</c>.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The committed schemas: <c>{Root}/schemas</c>.</summary>
    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>The schemas derived from official CRDs, one folder per source: <c>{Root}/schemas/istio</c>, <c>gateway-api</c>, <c>osm-edge</c>.</summary>
    public static IReadOnlyList<string> CrdSchemaFolders => [.. SchemaGen.CrdSchemaDeriver.Sources.Select(source => Path.Combine(Schemas, source.Name))];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EgressLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains EgressLsp.sln.");
    }
}
