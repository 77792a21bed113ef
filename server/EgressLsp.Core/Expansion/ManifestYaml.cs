using System.Collections.Immutable;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Generated objects as the YAML nodes their written manifest would parse to, without writing and parsing it: what
/// reads the mesh of an expansion (reachability) reads values, not positions, and a large policy's expansion would
/// otherwise be written and read back on every change.
/// </summary>
public static class ManifestYaml
{
    private static readonly TextSpan Nowhere = new(0, 0);

    /// <summary>The document of the <paramref name="index"/>th object.</summary>
    public static YamlDocument Document(GeneratedResource resource, int index) => new(index, Nowhere, Node(resource.Manifest));

    private static YamlNode Node(ManifestNode node) => node switch
    {
        ManifestMapping mapping => new YamlMapping(Nowhere,
            [.. mapping.Entries.Select(e => new YamlPair(new YamlScalar(Nowhere, e.Key, YamlScalarStyle.Plain, null), Node(e.Value)))], isFlow: false, null),
        ManifestSequence sequence => new YamlSequence(Nowhere, [.. sequence.Items.Select(Node)], isFlow: false, null),
        // A string is quoted, as the writer quotes one YAML would read as another type; integers and booleans are plain.
        ManifestScalar scalar => new YamlScalar(Nowhere, scalar.Text, scalar.Kind == ManifestScalarKind.String ? YamlScalarStyle.DoubleQuoted : YamlScalarStyle.Plain, null),
        _ => throw new InvalidOperationException($"Unknown manifest node {node.GetType().Name}"),
    };
}
