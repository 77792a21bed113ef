using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Schema;

public static class SchemaNavigator
{
    /// <summary>The schema node describing the value at <paramref name="path"/>, or null when the path leaves the schema.</summary>
    public static SchemaNode? Resolve(SchemaNode root, IEnumerable<PathSegment> path)
    {
        SchemaNode? current = root;
        foreach (var segment in path)
        {
            current = segment.IsItem ? current?.Items : current?.SchemaForKey(segment.Key!);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }
}
