using System.Text.Json;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;
using EgressLsp.Tests.CrdSchemas;
using Newtonsoft.Json.Linq;

namespace EgressLsp.Tests.Expansion;

public class ManifestWriterTests
{
    private static GeneratedResource Resource(ManifestMapping manifest) =>
        new("v1", "ConfigMap", "default", "example", manifest, ["spec.egressRules[0].to[0]"], new TextSpan(0, 0));

    private static string YamlOf(string value) => ManifestWriter.ToYaml([Resource(ManifestMapping.Of(("v", value)))]);

    [Theory]
    // YAML 1.2 core schema non-strings.
    [InlineData("80", "\"80\"")]
    [InlineData("-3", "\"-3\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("0o17", "\"0o17\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("False", "\"False\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("", "\"\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData(".NaN", "\".NaN\"")]
    // YAML 1.1 non-strings, as kubectl's go-yaml reads them.
    [InlineData("on", "\"on\"")]
    [InlineData("Off", "\"Off\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("N", "\"N\"")]
    [InlineData("0777", "\"0777\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("2001-12-14t21:59:43.10-05:00", "\"2001-12-14t21:59:43.10-05:00\"")]
    // Indicators and structure.
    [InlineData("*", "\"*\"")]
    [InlineData("*.example.com", "\"*.example.com\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("#x", "\"#x\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("x:", "\"x:\"")]
    [InlineData("-x", "\"-x\"")]
    [InlineData("---", "\"---\"")]
    [InlineData("...", "\"...\"")]
    [InlineData("&anchor", "\"&anchor\"")]
    [InlineData("!tag", "\"!tag\"")]
    [InlineData("@at", "\"@at\"")]
    [InlineData("%percent", "\"%percent\"")]
    [InlineData("[x]", "\"[x]\"")]
    [InlineData("{x}", "\"{x}\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("'single'", "\"'single'\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail ", "\"trail \"")]
    [InlineData("two words", "\"two words\"")]
    // Escapes.
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\x07\"")]
    [InlineData("\uFEFFbom", "\"\\uFEFFbom\"")]
    // Plain where every reader takes a string.
    [InlineData("httpbin.org", "httpbin.org")]
    [InlineData("api.example.com:8080", "api.example.com:8080")]
    [InlineData("istio-system/egress-by-egressgateway", "istio-system/egress-by-egressgateway")]
    [InlineData("cluster.local/ns/mytest/sa/sleep-a", "cluster.local/ns/mytest/sa/sleep-a")]
    [InlineData("app.kubernetes.io/managed-by", "app.kubernetes.io/managed-by")]
    [InlineData("ISTIO_MUTUAL", "ISTIO_MUTUAL")]
    [InlineData("1password-com", "1password-com")]
    [InlineData("networking.istio.io/v1", "networking.istio.io/v1")]
    [InlineData("http://example.com/path", "http://example.com/path")]
    [InlineData("中文", "中文")]
    public void Scalars_are_plain_only_when_every_reader_takes_them_as_strings(string value, string written)
    {
        Assert.Equal($"v: {written}\n", YamlOf(value));
        var scalar = Assert.IsType<YamlScalar>(((YamlMapping)YamlFile.Parse(YamlOf(value)).Documents.Single().Root!).Get("v"));
        Assert.Equal(YamlValueType.String, scalar.ValueType);
        Assert.Equal(value, scalar.Value);
        Assert.Equal(JTokenType.String, CrdSchemaValidator.YamlJson.Load(YamlOf(value)).Single().Root!["v"]!.Type);
    }

    [Fact]
    public void Keys_are_quoted_by_the_same_rules()
    {
        var yaml = ManifestWriter.ToYaml([Resource(ManifestMapping.Of(("on", "x"), ("80", "ok"), ("app", "z")))]);
        Assert.Equal("\"on\": x\n\"80\": ok\napp: z\n", yaml);
    }

    [Fact]
    public void Yaml_is_block_style_with_sequences_at_their_key_indent()
    {
        var manifest = new ManifestMapping(
        [
            new("apiVersion", "v1"),
            new("nested", ManifestMapping.Of(("number", 80), ("enabled", true), ("name", "http"))),
            new("items", ManifestSequence.Of(
                ManifestMapping.Of(("host", "a.example.com"), ("ports", ManifestSequence.Of(80L, 443L))),
                "plain",
                ManifestSequence.Of("inner", "list"))),
            new("emptyMap", ManifestMapping.Empty),
            new("emptyList", ManifestSequence.Of()),
        ]);
        var yaml = ManifestWriter.ToYaml([Resource(manifest), Resource(ManifestMapping.Of(("second", false)))]);
        Assert.Equal(
            """
            apiVersion: v1
            nested:
              number: 80
              enabled: true
              name: http
            items:
            - host: a.example.com
              ports:
              - 80
              - 443
            - plain
            - - inner
              - list
            emptyMap: {}
            emptyList: []
            ---
            second: false

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Nothing_to_write_is_an_empty_stream() => Assert.Equal("", ManifestWriter.ToYaml(Array.Empty<GeneratedResource>()));

    [Fact]
    public void Json_is_an_indented_kubernetes_list_with_typed_scalars()
    {
        var manifest = ManifestMapping.Of(("name", "中文 <b> & \"q\""), ("port", 80), ("enabled", true), ("hosts", ManifestSequence.OfStrings(["a", "80"])));
        var json = ManifestWriter.ToJson([Resource(manifest)]);
        Assert.Equal(
            """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {
                  "name": "中文 <b> & \"q\"",
                  "port": 80,
                  "enabled": true,
                  "hosts": [
                    "a",
                    "80"
                  ]
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("items")[0].GetProperty("port").ValueKind);
    }

    [Fact]
    public void An_empty_json_list_still_has_items() =>
        Assert.Equal("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n", ManifestWriter.ToJson([]));

    [Fact]
    public void Mappings_reject_duplicate_keys_and_leave_out_empty_values()
    {
        Assert.Throws<ArgumentException>(() => new ManifestMapping([new("a", 1L), new("a", 2L)]));
        string? absent = null;
        var mapping = ManifestMapping.Of(("kept", "x"), ("null", null), ("nullString", absent), ("emptyList", ManifestSequence.Of()), ("emptyMap", ManifestMapping.Empty));
        Assert.Equal(["kept"], mapping.Keys);
        Assert.Throws<ArgumentNullException>(() => ManifestScalar.String(absent!));
    }

    [Fact]
    public void Scalars_know_their_kind()
    {
        var number = ManifestScalar.Integer(443);
        Assert.Equal(443, number.AsInteger());
        Assert.Equal("443", number.Text);
        Assert.Throws<InvalidOperationException>(() => number.AsString());
        Assert.True(ManifestScalar.Boolean(true).AsBoolean());
        Assert.Equal("443", ManifestScalar.String("443").AsString());
    }
}
