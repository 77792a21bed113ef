using Newtonsoft.Json.Linq;

namespace EgressLsp.Tests.CrdSchemas;

public class YamlJsonTests
{
    private static JToken Value(string yamlScalar)
    {
        var document = Assert.Single(CrdSchemaValidator.YamlJson.Load("v: " + yamlScalar));
        return document.Root!["v"]!;
    }

    [Theory]
    [InlineData("80", JTokenType.Integer, "80")]
    [InlineData("-3", JTokenType.Integer, "-3")]
    [InlineData("0x1F", JTokenType.Integer, "31")]
    [InlineData("0o17", JTokenType.Integer, "15")]
    [InlineData("1.5", JTokenType.Float, "1.5")]
    [InlineData("1e3", JTokenType.Float, "1000")]
    [InlineData("true", JTokenType.Boolean, "True")]
    [InlineData("FALSE", JTokenType.Boolean, "False")]
    [InlineData("null", JTokenType.Null, "")]
    [InlineData("~", JTokenType.Null, "")]
    [InlineData("", JTokenType.Null, "")]
    [InlineData("\"80\"", JTokenType.String, "80")]
    [InlineData("'true'", JTokenType.String, "true")]
    [InlineData("!!str 80", JTokenType.String, "80")]
    [InlineData("! 80", JTokenType.String, "80")]
    [InlineData("yes", JTokenType.String, "yes")] // YAML 1.1 booleans are strings in 1.2 core
    [InlineData("0777x", JTokenType.String, "0777x")]
    [InlineData("1.2.3", JTokenType.String, "1.2.3")]
    [InlineData("edition.cnn.com", JTokenType.String, "edition.cnn.com")]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema(string yaml, JTokenType type, string text)
    {
        var value = Value(yaml);
        Assert.Equal(type, value.Type);
        Assert.Equal(text, ((JValue)value).Value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : ((JValue)value).Value?.ToString() ?? "");
    }

    [Fact]
    public void Block_scalars_are_strings()
    {
        var document = Assert.Single(CrdSchemaValidator.YamlJson.Load("v: |\n  80\n"));
        Assert.Equal(JTokenType.String, document.Root!["v"]!.Type);
    }

    [Fact]
    public void Documents_are_numbered_from_one_including_empty_ones()
    {
        var documents = CrdSchemaValidator.YamlJson.Load("a: 1\n---\n---\nb: 2\n");
        Assert.Equal([1, 2, 3], documents.Select(d => d.Number));
        Assert.Equal(JTokenType.Null, documents[1].Root!.Type);
        Assert.Equal(2L, documents[2].Root!["b"]!.Value<long>());
        Assert.Equal(4L, documents[2].Lines.LineOf(documents[2].Root!["b"]!));
    }
}
