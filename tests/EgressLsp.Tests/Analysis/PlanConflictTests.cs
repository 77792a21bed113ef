using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP025: conflicting routes, reported on the later entry with the earlier one related; gateway ports shared the way Istio allows.</summary>
public class PlanConflictTests
{

    /// <summary>A <c>to</c> entry of six lines, eight with a gateway port (on its eighth line), three more with an upgrade.</summary>
    private static string Entry(string host, int number, string protocol, int? gatewayPort, int? upgradePort = null) =>
        $"    - hosts:\n      - {host}\n      port:\n        name: {protocol.ToLowerInvariant()}\n        number: {number}\n        protocol: {protocol}\n" +
        (gatewayPort is { } port ? $"      byEgressGateway:\n        port: {port}\n" : "") +
        (upgradePort is { } upgrade ? $"      httpsUpgrade:\n        enabled: true\n        port: {upgrade}\n" : "");

    [Fact]
    public void Http_and_tls_destinations_of_different_hosts_share_a_gateway_port()
    {
        // EGP023 is retired: Istio picks each host's server on the port by SNI.
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + Entry("api.example.com", 80, "HTTP", 444);
        Assert.Empty(Analyze(yaml).Diagnostics);
    }

    [Fact]
    public void Tls_destinations_of_different_hosts_share_a_gateway_port_as_asm_does()
    {
        // EGP024 is retired: ASM's own setup sends every HTTPS destination through port 444.
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + Entry("api.example.com", 443, "HTTPS", 444) +
            "  - from:\n    - namespace: other\n    to:\n" + Entry("httpbin.org", 443, "HTTPS", 444);
        Assert.Empty(Analyze(yaml).Diagnostics);
    }

    [Fact]
    public void EGP025_one_host_reaching_a_gateway_port_from_two_ports_the_gateway_cannot_separate()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 80, "HTTP", 444) + Entry("httpbin.org", 443, "HTTPS", 444);
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP025");
        Assert.Equal("22:9", result.Position(diagnostic));
        Assert.Equal("Host 'httpbin.org' port 443 is already routed with different settings (port 80 of this host already goes through gateway port 444, " +
            "and the gateway tells one port's destinations apart only by host (SNI)); the routes conflict.", diagnostic.Message.En);
        Assert.Equal("14:9", Assert.Single(diagnostic.Related).Range.Start.ToString());
        Assert.Equal("Change the gateway port to 445", diagnostic.Fixes[0].Title.En);
        Assert.Empty(Analyze(ApplyFix(yaml, "EGP025")).Diagnostics);
    }

    [Fact]
    public void Two_http_ports_of_one_host_share_a_gateway_port_told_apart_by_authority()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 80, "HTTP", 80) + Entry("httpbin.org", 8080, "HTTP", 80);
        Assert.Empty(Analyze(yaml).Diagnostics);
    }

    [Fact]
    public void EGP025_the_same_host_and_port_with_different_settings()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 80, "HTTP", 80) + Entry("httpbin.org", 80, "HTTP", 80, upgradePort: 443);
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP025");
        Assert.Equal("22:9", result.Position(diagnostic));
        Assert.Equal("httpbin.org", result.Covered(diagnostic));
        Assert.Equal("Host 'httpbin.org' port 80 is already routed with different settings (HTTP through gateway port 80 to port 80, line 13); the routes conflict.",
            diagnostic.Message.En);
        Assert.Equal("14:9", Assert.Single(diagnostic.Related).Range.Start.ToString());
    }

    [Fact]
    public void Auto_allocated_ports_anchor_conflicts_on_the_entry()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 80, "HTTP", null) + Entry("httpbin.org", 80, "HTTP", null, upgradePort: 443);
        var result = Analyze(yaml);
        Assert.Equal("20:9", result.Position(result.Single("EGP025")));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "EGP014" or "EGP015");
    }
}
