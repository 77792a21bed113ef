using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Schema;

public class SchemaValidatorTests
{

    private static (YamlFile File, IReadOnlyList<Diagnostic> Diagnostics) Validate(string text)
    {
        var file = YamlFile.Parse(text);
        return (file, SchemaValidator.Validate(file.Documents[0].Root!, SchemaCatalog.Policy, file));
    }

    private static string At(YamlFile file, Diagnostic diagnostic) => $"{diagnostic.Code}@{file.Text.GetPosition(diagnostic.Span.Start)}";

    private static string Apply(string text, CodeFix fix)
    {
        var source = SourceText.From(text);
        foreach (var edit in fix.Edits.OrderByDescending(e => e.Span.Start))
        {
            source = source.WithChange(edit.Span, edit.NewText);
        }
        return source.Text;
    }

    [Fact]
    public void The_seed_policies_are_valid()
    {
        foreach (var name in new[] { "http", "https-upgrade", "https-passthrough" })
        {
            var (_, diagnostics) = Validate(File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", name + ".yaml")));
            Assert.Empty(diagnostics);
        }
        Assert.Empty(Validate(TestPolicies.Conventional).Diagnostics);
    }

    [Fact]
    public void An_unknown_field_is_reported_on_its_key_with_a_did_you_mean_fix()
    {
        var text = TestPolicies.Conventional.Replace("      hosts:", "      host:");
        var (file, diagnostics) = Validate(text);
        var unknown = diagnostics.Single(d => d.Code == "EGP002");
        Assert.Equal("EGP002@14:7", At(file, unknown));
        Assert.Equal(4, unknown.Span.Length);
        Assert.Contains("Did you mean 'hosts'?", unknown.Message.En);
        Assert.Contains("hosts", unknown.Message.Zh);
        var fixedText = Apply(text, Assert.Single(unknown.Fixes));
        Assert.Empty(Validate(fixedText).Diagnostics);
        // The required 'hosts' is missing too, but the misspelled key says why: one diagnostic, not two.
        Assert.DoesNotContain(diagnostics, d => d.Code == "EGP004");
    }

    [Theory]
    [InlineData("number: 80", "number: 70000", "must be between 1 and 65535; 70000 is out of range")]
    [InlineData("number: 80", "number: 0", "out of range")]
    [InlineData("number: 80", "number: \"80\"", "must be an integer, but is a string ('80'). Remove the quotes.")]
    [InlineData("port: 80", "port: [80]", "must be an integer, but is a list")]
    [InlineData("- namespace: mytest", "- namespace: My_Test", "is not a valid")]
    public void Wrong_types_and_ranges_are_reported_on_the_value(string original, string replacement, string message)
    {
        var (file, diagnostics) = Validate(TestPolicies.Conventional.Replace(original, replacement));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EGP003", diagnostic.Code);
        Assert.Contains(message, diagnostic.Message.En);
        var valueText = file.Text.Text.Substring(diagnostic.Span.Start, diagnostic.Span.Length);
        Assert.Equal(replacement[(replacement.IndexOf(':') + 2)..], valueText);
    }

    [Fact]
    public void A_missing_required_field_is_reported_on_the_parent_key_and_the_fix_inserts_it()
    {
        var text = TestPolicies.Conventional.Replace("        protocol: HTTP\n", "");
        var (file, diagnostics) = Validate(text);
        var missing = Assert.Single(diagnostics);
        Assert.Equal("EGP004@16:7", At(file, missing));
        Assert.Equal("Missing required field 'protocol' in Service port.", missing.Message.En);
        var fixedText = Apply(text, Assert.Single(missing.Fixes));
        Assert.Contains("        protocol: HTTP\n", fixedText);
        Assert.Empty(Validate(fixedText).Diagnostics);
    }

    [Fact]
    public void An_empty_required_list_is_reported()
    {
        var (file, diagnostics) = Validate(TestPolicies.Conventional.Replace("      hosts:\n      - httpbin.org\n", "      hosts: []\n"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EGP003", diagnostic.Code);
        Assert.Contains("at least 1", diagnostic.Message.En);
        Assert.Equal(13, file.Text.GetPosition(diagnostic.Span.Start).Line);
    }

    [Fact]
    public void A_protocol_outside_the_enum_gets_the_nearest_value_and_case_does_not_matter()
    {
        Assert.Empty(Validate(TestPolicies.Conventional.Replace("protocol: HTTP", "protocol: http")).Diagnostics);
        var text = TestPolicies.Conventional.Replace("protocol: HTTP", "protocol: HTTPX");
        var (file, diagnostics) = Validate(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EGP005@19:19", At(file, diagnostic));
        Assert.Contains("Allowed: HTTP, HTTPS", diagnostic.Message.En);
        Assert.Equal("HTTP", Assert.Single(Assert.Single(diagnostic.Fixes).Edits).NewText);
    }

    [Fact]
    public void An_unknown_api_version_is_the_informational_EGP008_with_a_fix()
    {
        var (_, diagnostics) = Validate(TestPolicies.Conventional.Replace("istio.alibabacloud.com/v1", "istio.alibabacloud.com/v2"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("EGP008", diagnostic.Code);
        Assert.Equal(DiagnosticLevel.Info, diagnostic.Level);
        Assert.Equal("istio.alibabacloud.com/v1", Assert.Single(Assert.Single(diagnostic.Fixes).Edits).NewText);
    }

    [Fact]
    public void Messages_exist_in_chinese()
    {
        var (_, diagnostics) = Validate(TestPolicies.Conventional.Replace("number: 80", "number: 70000"));
        Assert.Contains("超出范围", Assert.Single(diagnostics).Message.Zh);
    }

    [Fact]
    public void Aliases_are_validated_where_they_are_used()
    {
        var text = TestPolicies.Conventional.Replace("        number: 80", "        number: &p 99999");
        Assert.Single(Validate(text).Diagnostics);
    }

    [Fact]
    public void Hover_data_comes_from_the_schema_in_both_languages()
    {
        var to = SchemaCatalog.Policy.SchemaForKey("spec")!.SchemaForKey("egressRules")!.Items!.SchemaForKey("to")!.Items!;
        Assert.Equal("To", to.DefinitionName);
        var hosts = to.FindProperty("hosts")!.Schema;
        Assert.False(string.IsNullOrEmpty(hosts.Description!.Value.En));
        Assert.False(string.IsNullOrEmpty(hosts.Description!.Value.Zh));
        Assert.NotEmpty(hosts.Examples);
        var protocol = to.SchemaForKey("port")!.SchemaForKey("protocol")!;
        Assert.Contains(protocol.Enum, e => e.GetString() == "HTTPS");
        Assert.Equal(protocol.Enum.Length, protocol.EnumDescriptions.Length);
    }
}
