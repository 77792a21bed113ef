using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Yaml;

public class NodeLocatorTests
{
    private const string Policy = "spec:\n  egressRules:\n  - to:\n    - hosts: [a.com, b.com]\n      port:\n        protocol: HTTP\n";

    private static NodeLocation Locate(string marker, int delta = 0)
    {
        var file = YamlFile.Parse(Policy);
        return NodeLocator.Find(file.Documents[0], Policy.IndexOf(marker, StringComparison.Ordinal) + delta)!;
    }

    [Fact]
    public void A_value_inside_nested_lists_has_its_full_path()
    {
        var location = Locate("b.com");
        Assert.Equal("spec.egressRules[0].to[0].hosts[1]", location.PathText);
        Assert.Equal("b.com", ((YamlScalar)location.Node).Value);
        Assert.False(location.IsOnKey);
    }

    [Fact]
    public void A_key_is_recognised_and_the_cursor_at_its_end_still_counts()
    {
        var location = Locate("protocol", "protocol".Length);
        Assert.True(location.IsOnKey);
        Assert.Equal("protocol", location.Pair!.Value.KeyText);
        Assert.Equal("spec.egressRules[0].to[0].port", location.PathText);
    }

    [Fact]
    public void The_path_resolves_to_the_schema_that_documents_it()
    {
        var location = Locate("HTTP");
        var schema = SchemaNavigator.Resolve(SchemaCatalog.Policy, location.Path)!;
        Assert.Equal("Protocol", schema.Title);
        Assert.Null(SchemaNavigator.Resolve(SchemaCatalog.Policy, [PathSegment.Property("nonsense")]));
    }
}
