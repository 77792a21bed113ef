using EgressLsp.Core.Configuration;
using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP026–EGP031: the hosts of a <c>to</c> entry.</summary>
public class HostTests
{
    /// <summary>A policy whose only <c>to</c> lists <paramref name="hosts"/>, one per line from line 15.</summary>
    private static string Policy(params string[] hosts) => $"""
        apiVersion: istio.alibabacloud.com/v1
        kind: ASMEgressTrafficPolicy
        metadata:
          name: egress-by-egressgateway
          namespace: istio-egress
        spec:
          byEgressGateway:
            name: egressgateway
          egressRules:
          - from:
            - namespace: mytest
            to:
            - name: external
              hosts:
        {string.Concat(hosts.Select(h => $"      - {h}\n"))}      port:
                name: https
                number: 443
                protocol: HTTPS
              byEgressGateway:
                port: 444

        """;

    [Fact]
    public void EGP026_a_repeated_host_is_reported_on_the_repeat_and_removed()
    {
        var yaml = Policy("httpbin.org", "www.httpbin.org", "HTTPBIN.org");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP026");
        Assert.Equal("17:9", result.Position(diagnostic));
        Assert.Equal("Host 'HTTPBIN.org' is listed twice in this 'to' entry.", diagnostic.Message.En);
        var related = Assert.Single(diagnostic.Related);
        Assert.Equal("15:9", related.Range.Start.ToString());
        Assert.Equal(Policy("httpbin.org", "www.httpbin.org"), ApplyFix(yaml, "EGP026"));
    }

    [Fact]
    public void EGP026_in_a_flow_list()
    {
        var yaml = Policy("x").Replace("      hosts:\n      - x\n", "      hosts: [httpbin.org, httpbin.org, www.httpbin.org]\n");
        Assert.Contains("hosts: [httpbin.org, www.httpbin.org]", ApplyFix(yaml, "EGP026"));
        var last = Policy("x").Replace("      hosts:\n      - x\n", "      hosts: [httpbin.org, www.httpbin.org, httpbin.org]\n");
        Assert.Contains("hosts: [httpbin.org, www.httpbin.org]\n", ApplyFix(last, "EGP026"));
    }

    [Fact]
    public void EGP027_several_hosts_once_per_entry_on_the_hosts_key()
    {
        var result = Analyze(Policy("httpbin.org", "www.httpbin.org", "eu.httpbin.org"));
        var diagnostic = result.Single("EGP027");
        Assert.Equal("14:7", result.Position(diagnostic));
        Assert.Equal("hosts", result.Covered(diagnostic));
        Assert.Equal("Hosts 'httpbin.org', 'www.httpbin.org', 'eu.httpbin.org' share one entry: they must resolve (DNS) to the same addresses.", diagnostic.Message.En);
        Assert.Empty(Analyze(Policy("httpbin.org")).Diagnostics);
    }

    [Theory]
    [InlineData("\"*\"", "'*' alone would match every host; list the external hosts")]
    [InlineData("api_v2.example.com", "it contains the character '_'; use letters, digits, '-' and '.'")]
    [InlineData("-api.example.com", "the label '-api' starts or ends with '-'")]
    [InlineData("api..example.com", "it has an empty label (two dots in a row, or a leading dot)")]
    [InlineData("api.example.123", "the top-level label '123' is all digits")]
    [InlineData("\"foo.*.example.com\"", "it contains the character '*' (a wildcard is only allowed as the whole first label, '*.example.com'); use letters, digits, '-' and '.'")]
    public void EGP028_invalid_host_names(string host, string reason)
    {
        var result = Analyze(Policy(host));
        var diagnostic = result.Single("EGP028");
        Assert.Equal("15:9", result.Position(diagnostic));
        Assert.Equal($"'{host.Trim('"')}' is not a valid DNS host name: {reason}.", diagnostic.Message.En);
        Assert.Equal(host, result.Covered(diagnostic));
    }

    [Fact]
    public void EGP028_a_label_longer_than_63_characters_and_a_name_longer_than_253()
    {
        var longLabel = new string('a', 64) + ".example.com";
        Assert.Contains("longer than 63 characters", Analyze(Policy(longLabel)).Single("EGP028").Message.En);
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";
        Assert.Contains("characters long (at most 253)", Analyze(Policy(longName)).Single("EGP028").Message.En);
    }

    [Fact]
    public void EGP028_a_url_is_fixed_to_its_host()
    {
        var yaml = Policy("https://api.example.com:443/v1");
        var diagnostic = Analyze(yaml).Single("EGP028");
        Assert.EndsWith("write the host name alone, without scheme, port or path.", diagnostic.Message.En);
        Assert.Equal(Policy("api.example.com"), ApplyFix(yaml, "EGP028"));
    }

    [Theory]
    [InlineData("httpbin.org")]
    [InlineData("HttpBin.org")]
    [InlineData("xn--fiqs8s.example.com")]
    [InlineData("istio.io.")]
    [InlineData("a1.b-2.example")]
    public void Valid_host_names_pass(string host)
    {
        Assert.Empty(Analyze(Policy(host)).Diagnostics);
    }

    [Fact]
    public void EGP029_a_wildcard_host()
    {
        var result = Analyze(Policy("\"*.example.com\""));
        var diagnostic = result.Single("EGP029");
        Assert.Equal("15:9", result.Position(diagnostic));
        Assert.Equal("Wildcard host '*.example.com' cannot use DNS resolution through the egress gateway; list the concrete host names.", diagnostic.Message.En);
        Assert.Empty(result.Coded("EGP028"));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.0.0/16")]
    [InlineData("\"2001:db8::1\"")]
    public void EGP030_ip_addresses(string host)
    {
        var result = Analyze(Policy(host));
        var diagnostic = result.Single("EGP030");
        Assert.Equal("15:9", result.Position(diagnostic));
        Assert.StartsWith($"'{host.Trim('"')}' is an IP address", diagnostic.Message.En);
        Assert.Empty(result.Coded("EGP028"));
    }

    [Fact]
    public void EGP030_not_for_names_that_only_look_numeric()
    {
        Assert.Empty(Analyze(Policy("1password.com")).Diagnostics);
        Assert.Single(Analyze(Policy("10.0.0.256")).Coded("EGP028"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("reviews.default.svc")]
    [InlineData("reviews.default.svc.cluster.local")]
    [InlineData("\"*.svc.cluster.local\"")]
    public void EGP031_cluster_internal_hosts(string host)
    {
        var result = Analyze(Policy(host));
        var diagnostic = result.Single("EGP031");
        Assert.Equal("15:9", result.Position(diagnostic));
        Assert.Equal($"'{host.Trim('"')}' is a cluster-internal host; egress policies are for services outside the mesh.", diagnostic.Message.En);
    }

    [Fact]
    public void EGP031_follows_the_configured_cluster_domain_and_the_workspace_namespaces()
    {
        var environment = EgressEnvironment.Default with { ClusterDomain = "corp.internal" };
        Assert.Single(Analyze(Policy("reviews.default.svc.corp.internal"), environment: environment).Coded("EGP031"));
        var workspace = Workspace("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n");
        Assert.Single(Analyze(Policy("reviews.bookinfo"), workspace).Coded("EGP031"));
        Assert.Empty(Analyze(Policy("reviews.bookinfo")).Coded("EGP031"));
        Assert.Empty(Analyze(Policy("svc.example.com")).Coded("EGP031"));
    }
}
