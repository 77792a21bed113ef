using EgressLsp.Core.Targets;
using System.Globalization;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Expansion;

public class EgressExpanderTests
{
    private static readonly string HttpPolicy = File.ReadAllText(GoldenCase.Get("http").InputPath);

    private static (EgressPolicy Policy, ExpansionResult Result) Expand(string policyText, EgressEnvironment? environment = null)
    {
        var policy = EgressPolicy.Bind(YamlFile.Parse(policyText).Documents.Single())!;
        return (policy, EgressExpander.Expand(EgressPlan.Build(policy), environment ?? EgressEnvironment.Default, WorkspaceIndex.Empty));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Expansion_is_deterministic(string name)
    {
        var golden = GoldenCase.Get(name);
        var first = golden.Run();
        var second = golden.Run();
        Assert.Equal(first.GoldenText, second.GoldenText);
        Assert.Equal(ManifestWriter.ToJson(first.Result.Resources), ManifestWriter.ToJson(second.Result.Resources));
        // Expanding the same plan again gives the same bytes too: nothing is cached or mutated.
        var again = EgressExpander.Expand(first.Plan, first.Environment, first.Workspace);
        Assert.Equal(first.Yaml, ManifestWriter.ToYaml(again.Resources));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Diagnosing_alone_finds_what_the_expansion_reports(string name)
    {
        var expanded = GoldenCase.Get(name).Run();
        static object Key(Core.Diagnostics.Diagnostic d) => (d.Code, d.Level, d.Span, d.Message, d.Fixes.Length, d.Related.Length);
        Assert.Equal(expanded.Result.Diagnostics.Select(Key), EgressExpander.Diagnose(expanded.Plan, expanded.Environment, expanded.Workspace).Select(Key));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Streamed_resources_are_the_expansion_s_in_its_order(string name)
    {
        var golden = GoldenCase.Get(name);
        var expanded = golden.Run();
        var streamed = EgressExpander.Stream(expanded.Plan, expanded.Environment, expanded.Workspace);
        Assert.Equal(expanded.Yaml, ManifestWriter.ToYaml(streamed));
    }

    [Fact]
    public void Renaming_a_rule_changes_nothing()
    {
        var golden = GoldenCase.Get("mixed-same-host");
        var original = golden.Run();
        var renamed = golden.Run(File.ReadAllText(golden.InputPath).Replace("  - name: plain\n", "  - name: plain-http-for-team-a\n", StringComparison.Ordinal));
        Assert.Equal(original.GoldenText, renamed.GoldenText);
    }

    [Fact]
    public void Renaming_a_destination_changes_only_its_route_names()
    {
        var golden = GoldenCase.Get("mixed-same-host");
        var original = golden.Run();
        var renamed = golden.Run(File.ReadAllText(golden.InputPath).Replace("name: example-upgrade\n", "name: upgraded-v2\n", StringComparison.Ordinal));
        var before = original.Yaml.Split('\n');
        var after = renamed.Yaml.Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Equal(["  - name: example-upgrade", "  - name: example-upgrade-deny"], changed.Select(i => before[i]));
        Assert.Equal(["  - name: upgraded-v2", "  - name: upgraded-v2-deny"], changed.Select(i => after[i]));
        Assert.Equal(original.Result.Resources.Select(r => r.Name), renamed.Result.Resources.Select(r => r.Name));
    }

    [Theory]
    [InlineData("istio-sidecar", "ServiceEntry Gateway DestinationRule VirtualService AuthorizationPolicy")]
    [InlineData("istio-ambient", "Gateway ServiceEntry AuthorizationPolicy")]
    public void Every_istio_target_expands_a_policy_without_a_workspace(string targetId, string kinds)
    {
        var (_, result) = Expand(HttpPolicy, EgressEnvironment.Default with { Target = TargetRegistry.Find(targetId)! });
        Assert.Equal(kinds, string.Join(" ", result.Resources.Select(r => r.Kind).Distinct()));
        // Its one source narrows by labels the workspace cannot identify: the Istio targets say so and go on.
        Assert.All(result.Diagnostics, d => Assert.Equal("EGP042", d.Code));
    }

    [Fact]
    public void Osm_edge_needs_the_service_accounts_of_the_sources_and_says_which_from_lacks_them()
    {
        var (policy, result) = Expand(HttpPolicy, EgressEnvironment.Default with { Target = TargetRegistry.Find("osm-edge")! });
        Assert.Empty(result.Resources);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EGP050", diagnostic.Code);
        Assert.Equal(policy.Rules[0].From[0].WorkloadSelectorNode!.Span, diagnostic.Span);
        Assert.StartsWith("osm-edge admits sources by service account, and this 'from' has none known: no workload in the workspace matches it",
            diagnostic.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    name: egressgateway\n", "    name: ~\n")]
    [InlineData("  name: egress-by-egressgateway\n", "")]
    [InlineData("        protocol: HTTP\n", "        protocol: FOO\n")]
    [InlineData("    - namespace: mytest\n", "    - namespace: ~\n")]
    public void A_policy_without_gateway_name_policy_name_or_routable_destination_yields_nothing(string original, string replacement)
    {
        var text = HttpPolicy.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(HttpPolicy, text);
        Assert.Equal(ExpansionResult.Empty, Expand(text).Result);
    }

    [Fact]
    public void The_policy_namespace_defaults_to_istio_egress()
    {
        var (_, result) = Expand(HttpPolicy.Replace("  namespace: istio-egress\n", "", StringComparison.Ordinal));
        Assert.Equal(Expand(HttpPolicy).Result.Resources.Select(r => (r.Kind, r.Namespace, r.Name)), result.Resources.Select(r => (r.Kind, r.Namespace, r.Name)));
    }

    [Fact]
    public void Resources_point_back_to_their_source_entries()
    {
        var (policy, result) = Expand(HttpPolicy);
        var to = policy.Destinations.Single();
        Assert.All(result.Resources, r =>
        {
            Assert.Equal<string>(["spec.egressRules[0].to[0]"], r.SourcePaths);
            Assert.Equal(to.Node.Span, r.SourceSpan);
        });
    }

    [Theory]
    [InlineData("egress-by-egressgateway", "egress-by-egressgateway")]
    [InlineData("Egress.By_Gateway", "egress-by-gateway")]
    [InlineData("--a---b--", "a-b")]
    [InlineData("www.httpbin.org", "www-httpbin-org")]
    [InlineData("***", "")]
    public void Slugs_are_lower_case_dns_characters(string text, string slug) => Assert.Equal(slug, ResourceNames.Slug(text));

    [Fact]
    public void Long_names_keep_a_prefix_and_end_with_a_stable_hash()
    {
        var full = "egress-by-egressgateway-settlement-reports-eu-central-1-partner-bank-integration-example-com";
        var name = ResourceNames.ToDnsLabel(full);
        var hash = StableHash.Fnv1a(full).ToString("x8", CultureInfo.InvariantCulture);
        Assert.Equal($"{full[..54].TrimEnd('-')}-{hash}", name);
        Assert.True(name.Length <= ResourceNames.MaxLength);
        Assert.True(ResourceNames.IsDnsLabel(name));
        Assert.Equal(name, ResourceNames.ToDnsLabel(full));
        Assert.NotEqual(name, ResourceNames.ToDnsLabel(full + "x"));
    }

    [Fact]
    public void A_cut_at_a_dash_does_not_leave_two_dashes()
    {
        var full = new string('a', 53) + "-" + new string('b', 20);
        var name = ResourceNames.ToDnsLabel(full);
        Assert.Equal(new string('a', 53) + "-" + StableHash.Fnv1a(full).ToString("x8", CultureInfo.InvariantCulture), name);
        Assert.True(ResourceNames.IsDnsLabel(name));
    }

    [Fact]
    public void Names_that_fit_are_kept_and_empty_slugs_become_a_hash()
    {
        var exact = new string('a', 63);
        Assert.Equal(exact, ResourceNames.ToDnsLabel(exact));
        Assert.Matches("^[0-9a-f]{8}$", ResourceNames.ToDnsLabel("***"));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a--b", true)]
    [InlineData("1password", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void Dns_labels_are_recognised(string text, bool valid) => Assert.Equal(valid, ResourceNames.IsDnsLabel(text));

    [Fact]
    public void Hosts_whose_slugs_coincide_get_distinct_names()
    {
        var run = GoldenCase.Get("long-names").Run();
        var subsets = run.Result.Resources.Single(r => r.Kind == "DestinationRule" && r.Namespace == "istio-system")
            .Manifest.GetMapping("spec")!.GetSequence("subsets")!.Mappings.Select(s => s.GetString("name")!).ToList();
        Assert.Equal(subsets.Count, subsets.Distinct().Count());
        Assert.Contains("a-b-c-com", subsets);
        Assert.Contains(subsets, s => s.StartsWith("a-b-c-com-", StringComparison.Ordinal));
    }
}
