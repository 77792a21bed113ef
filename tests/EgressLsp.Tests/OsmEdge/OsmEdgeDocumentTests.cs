using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Tests.Expansion;

namespace EgressLsp.Tests.OsmEdge;

/// <summary>
/// Hand-written osm-edge policies (Egress, EgressGateway): checked against osm-edge's CRD (OSM001) and what its
/// controller and webhook accept (OSM001–OSM003), completed and documented from the CRD.
/// </summary>
public class OsmEdgeDocumentTests
{
    private static string SeedExample => File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "osm-egress.yaml"));

    private static string Egress => SeedExample.Split("---")[0];

    private static DocumentAnalysis Analyse(string text) => Istio.IstioDocumentTests.AnalyseAsWorkspace("/work/osm/egress.yaml", text);

    private static string At(string text, Diagnostic diagnostic) => text.Substring(diagnostic.Span.Start, diagnostic.Span.Length);

    [Fact]
    public void The_seed_example_is_recognised_and_clean()
    {
        var analysis = Analyse(SeedExample);
        Assert.Equal(["Egress", "EgressGateway"], analysis.Documents.Select(d => d.Kind.Name));
        Assert.All(analysis.Documents, d => Assert.True(d.Kind.IsAnalysed));
        Assert.Empty(analysis.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_osm_edge_expansion_analyses_clean(string name)
    {
        var yaml = GoldenCase.Get(name).RunFor("osm-edge").Yaml;
        Assert.Empty(Analyse(yaml).Diagnostics.Select(d => $"{d.Code} {d.Message.En}"));
    }

    [Fact]
    public void Schema_findings_are_OSM001_on_the_value_that_breaks_the_CRD()
    {
        var text = Egress.Replace("kind: ServiceAccount", "kind: Pod", StringComparison.Ordinal).Replace("number: 80", "number: 70000", StringComparison.Ordinal);
        var diagnostics = Analyse(text).Diagnostics;
        Assert.All(diagnostics, d => Assert.Equal(("OSM001", DiagnosticLevel.Error), (d.Code, d.Level)));
        Assert.Equal(["Pod", "70000"], diagnostics.Select(d => At(text, d)));
    }

    [Fact]
    public void A_protocol_the_controller_skips_is_OSM001_and_case_does_not_matter()
    {
        var text = Egress.Replace("protocol: http", "protocol: grpc", StringComparison.Ordinal);
        var finding = Assert.Single(Analyse(text).Diagnostics);
        Assert.Equal("OSM001", finding.Code);
        Assert.Equal("grpc", At(text, finding));
        Assert.Contains("nothing on port 80 is allowed", finding.Message.En, StringComparison.Ordinal);
        Assert.Contains("grpc", finding.Message.Zh, StringComparison.Ordinal);
        Assert.Empty(Analyse(Egress.Replace("protocol: http", "protocol: HTTPS", StringComparison.Ordinal)).Diagnostics);
        Assert.Empty(Analyse(Egress.Replace("protocol: http", "protocol: tcp-server-first", StringComparison.Ordinal)).Diagnostics);
    }

    [Fact]
    public void A_second_global_EgressGateway_is_OSM002_on_each_pointing_at_the_other()
    {
        var second = SeedExample.Split("---")[1].Replace("name: global-egress-gateway\n", "name: backup\n", StringComparison.Ordinal);
        var text = SeedExample + "---" + second;
        var findings = Analyse(text).Diagnostics.Where(d => d.Code == "OSM002").ToArray();
        Assert.Equal(2, findings.Length);
        Assert.All(findings, d => Assert.Equal("global", At(text, d)));
        Assert.Contains("egress-gateway/backup", findings[0].Message.En, StringComparison.Ordinal);
        Assert.Contains(findings[0].Related, r => r.Message.En.Contains("EgressGateway egress-gateway/backup sets 'global' too", StringComparison.Ordinal));

        // The same object twice (one EgressGateway updated) is no redefinition, nor is one without 'global'.
        Assert.DoesNotContain(Analyse(SeedExample + "---" + second.Replace("global:", "rules: []\n  globalx:", StringComparison.Ordinal)).Diagnostics, d => d.Code == "OSM002");
        Assert.DoesNotContain(Analyse(SeedExample + "---" + second.Replace("global:\n", "rules:\n", StringComparison.Ordinal).Replace("  - service:", "  - egressPolicies: []\n    egressGateways:\n    - service:", StringComparison.Ordinal)).Diagnostics, d => d.Code == "OSM002");
    }

    [Theory]
    [InlineData("specs.smi-spec.io/v1alpha4", "HTTPRouteGroup", null)]
    [InlineData("policy.openservicemesh.io/v1alpha1", "UpstreamTrafficSetting", null)]
    [InlineData("specs.smi-spec.io", "HTTPRouteGroup", "specs.smi-spec.io")]
    [InlineData("specs.smi-spec.io/v1alpha4", "TCPRoute", "TCPRoute")]
    [InlineData("policy.openservicemesh.io/v1alpha1", "Retry", "Retry")]
    public void Matches_the_webhook_refuses_are_OSM003(string apiGroup, string kind, string? flagged)
    {
        var text = Egress + $"  matches:\n  - apiGroup: {apiGroup}\n    kind: {kind}\n    name: routes\n";
        var findings = Analyse(text).Diagnostics;
        if (flagged is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            var finding = Assert.Single(findings);
            Assert.Equal(("OSM003", flagged), (finding.Code, At(text, finding)));
        }
    }

    [Fact]
    public void Two_UpstreamTrafficSetting_matches_are_OSM003_on_the_second()
    {
        const string setting = "  - apiGroup: policy.openservicemesh.io/v1alpha1\n    kind: UpstreamTrafficSetting\n    name: {0}\n";
        var text = Egress + "  matches:\n" + string.Format(setting, "one") + string.Format(setting, "two");
        var finding = Assert.Single(Analyse(text).Diagnostics);
        Assert.Equal("OSM003", finding.Code);
        Assert.Contains("name: two", At(text, finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_offers_the_CRD_s_fields_and_values_and_hover_its_description()
    {
        var text = Egress.Replace("  - kind: ServiceAccount", "  - kind: ", StringComparison.Ordinal);
        var offset = text.IndexOf("  - kind: ", StringComparison.Ordinal) + "  - kind: ".Length;
        Assert.Contains("ServiceAccount", CompletionService.GetCompletions(Analyse(text), offset).Items.Select(i => i.Label));

        var keys = Egress.Replace("  hosts:", "  h\n  hosts:", StringComparison.Ordinal);
        var keyOffset = keys.IndexOf("  h\n", StringComparison.Ordinal) + 3;
        Assert.Contains("ipAddresses", CompletionService.GetCompletions(Analyse(keys), keyOffset).Items.Select(i => i.Label));

        var hover = HoverService.GetHover(Analyse(Egress), Egress.IndexOf("hosts", StringComparison.Ordinal) + 2, "en");
        Assert.NotNull(hover);
        Assert.Contains("host", hover.Markdown, StringComparison.OrdinalIgnoreCase);
    }
}
