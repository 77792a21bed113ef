using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Schema;

// Placeholder replaced by the real validator in the next commit.
public static class SchemaValidator
{
    public static IEnumerable<Diagnostic> Validate(YamlNode root, object? schema, YamlFile file) => [];
}

public static class SchemaCatalog
{
    public static object? Config => null;
}
