using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP023–EGP025: conflicts the plan finds, reported on the later entry with the earlier one related.</summary>
public class PlanConflictTests
{

    /// <summary>A <c>to</c> entry of six lines, eight with a gateway port (on its eighth line), three more with an upgrade.</summary>
    private static string Entry(string host, int number, string protocol, int? gatewayPort, int? upgradePort = null) =>
        $"    - hosts:\n      - {host}\n      port:\n        name: {protocol.ToLowerInvariant()}\n        number: {number}\n        protocol: {protocol}\n" +
        (gatewayPort is { } port ? $"      byEgressGateway:\n        port: {port}\n" : "") +
        (upgradePort is { } upgrade ? $"      httpsUpgrade:\n        enabled: true\n        port: {upgrade}\n" : "");

    [Fact]
    public void EGP023_one_gateway_port_carrying_http_and_tls()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + Entry("api.example.com", 80, "HTTP", 444);
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP023");
        Assert.Equal("28:15", result.Position(diagnostic));
        Assert.Equal("Gateway port 444 carries HTTP inside mutual TLS here but HTTPS passed through as is elsewhere in this policy; a gateway port carries one kind of traffic.",
            diagnostic.Message.En);
        Assert.Equal("20:15", Assert.Single(diagnostic.Related).Range.Start.ToString());
        Assert.Equal("Change the gateway port to 80", diagnostic.Fixes[0].Title.En);
        Assert.Equal(TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + Entry("api.example.com", 80, "HTTP", 80), ApplyFix(yaml, "EGP023"));
    }

    [Fact]
    public void EGP024_two_tls_destinations_on_one_gateway_port_and_the_fix_takes_the_next_free_port()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + Entry("api.example.com", 443, "HTTPS", 445) + Entry("other.example.com", 443, "HTTPS", 444);
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP024");
        Assert.Equal("36:15", result.Position(diagnostic));
        Assert.Equal("Gateway port 444 is already used by the TLS destination httpbin.org:443; after mutual TLS the gateway cannot tell two TLS destinations apart. Give each its own port.",
            diagnostic.Message.En);
        Assert.Equal("Change the gateway port to 446", diagnostic.Fixes[0].Title.En);
        ApplyFix(yaml, "EGP024");
    }

    [Fact]
    public void EGP024_entries_differing_only_in_sources_may_share_a_port()
    {
        var yaml = TestPolicies.RuleHead + Entry("httpbin.org", 443, "HTTPS", 444) + "  - from:\n    - namespace: other\n    to:\n" + Entry("httpbin.org", 443, "HTTPS", 444);
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
