using EgressLsp.Core.Expansion;
using EgressLsp.Tests.CrdSchemas;

namespace EgressLsp.Tests.Expansion;

/// <summary>
/// Every generated object, for every target, is a valid object of its official CRD (Istio's, the Gateway API's,
/// osm-edge's), strictly: an unknown field is an error.
/// </summary>
public class ExpansionSchemaTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void Generated_resources_pass_the_strict_CRD_schemas(string name, string target)
    {
        var run = GoldenCase.Get(name).RunFor(target);
        var errors = CrdSchemaValidator.Validate(run.Yaml);
        Assert.True(errors.Count == 0, $"{name} ({target}):\n{CrdSchemaValidator.Join(errors)}");
    }

    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void The_json_list_holds_the_same_objects(string name, string target)
    {
        var resources = GoldenCase.Get(name).RunFor(target).Result.Resources;
        using var list = System.Text.Json.JsonDocument.Parse(ManifestWriter.ToJson(resources));
        var items = list.RootElement.GetProperty("items");
        Assert.Equal(resources.Length, items.GetArrayLength());
        // JSON is YAML: the validator reads the List's items as well as the YAML documents.
        var errors = CrdSchemaValidator.Validate(string.Join("---\n", items.EnumerateArray().Select(i => i.GetRawText() + "\n")));
        Assert.True(errors.Count == 0, $"{name} ({target}):\n{CrdSchemaValidator.Join(errors)}");
    }

    /// <summary>
    /// The cases a target refuses as a whole, with the error that says why: osm-edge cannot originate TLS
    /// (<c>httpsUpgrade</c>), nor admit a source whose service account the workspace does not show.
    /// </summary>
    private static readonly HashSet<(string Case, string Target)> Refused =
    [
        ("https-upgrade", "osm-edge"),
        ("tls-selector-without-workspace", "osm-edge"),
    ];

    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void Every_case_expands_for_every_target_unless_the_target_says_why_not(string name, string target)
    {
        var result = GoldenCase.Get(name).RunFor(target).Result;
        if (Refused.Contains((name, target)))
        {
            Assert.Empty(result.Resources);
            Assert.Contains(result.Diagnostics, d => d.Code == "EGP050" && d.Level == Core.Diagnostics.DiagnosticLevel.Error);
        }
        else
        {
            Assert.NotEmpty(result.Resources);
        }
    }

    /// <summary>Every policy of <c>../shared/examples/</c> (the seeds' own) is a golden case, so it is expanded for every target above.</summary>
    [Fact]
    public void Every_shared_example_policy_is_a_golden_case()
    {
        var policies = GoldenCase.Names.Select(name => File.ReadAllText(GoldenCase.Get(name).InputPath)).ToHashSet(StringComparer.Ordinal);
        var examples = Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "examples"), "*.yaml")
            .Where(path => File.ReadAllText(path).Contains("kind: ASMEgressTrafficPolicy", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, examples.Count);
        Assert.All(examples, path => Assert.True(policies.Contains(File.ReadAllText(path)), $"{path} is not a golden case's policy.yaml"));
    }
}
