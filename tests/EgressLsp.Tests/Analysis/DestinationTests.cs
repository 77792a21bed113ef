using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP013–EGP015, EGP020–EGP022, EGP032, EGP033: a <c>to</c> entry's ports, upgrade and protocol.</summary>
public class DestinationTests
{

    // Line 13 is the first line of the "to" entries.
    private static string Policy(string entries) => TestPolicies.RuleHead + entries;

    private const string HttpEntry = """
            - name: httpbin
              hosts:
              - httpbin.org
              port:
                name: http
                number: 80
                protocol: HTTP
              byEgressGateway:
                port: 80

        """;

    private const string HttpsEntry = """
            - name: httpbin-https
              hosts:
              - httpbin.org
              port:
                name: https
                number: 443
                protocol: HTTPS
              byEgressGateway:
                port: 444

        """;

    private static readonly string GatewayWithPorts = """
        apiVersion: v1
        kind: Service
        metadata:
          name: egressgateway
          namespace: istio-system
          labels:
            istio: egressgateway
        spec:
          ports:
          - name: http
            port: 80
          - name: tls-444
            port: 444
        """;

    [Fact]
    public void EGP013_a_gateway_port_the_gateway_does_not_declare()
    {
        var yaml = Policy(HttpEntry.Replace("        port: 80\n", "        port: 8080\n"));
        var result = Analyze(yaml, Workspace(GatewayWithPorts));
        var diagnostic = result.Single("EGP013");
        Assert.Equal("21:15", result.Position(diagnostic));
        Assert.Equal("Port 8080 is not a port of egress gateway 'egressgateway' (its ports: 80, 444).", diagnostic.Message.En);
        Assert.Empty(Analyze(Policy(HttpEntry + HttpsEntry), Workspace(GatewayWithPorts)).Coded("EGP013"));
    }

    [Fact]
    public void EGP013_needs_a_gateway_manifest_that_lists_ports()
    {
        var deploymentOnly = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: egressgateway
              namespace: istio-system
            spec:
              template:
                metadata:
                  labels:
                    istio: egressgateway
            """;
        Assert.Empty(Analyze(Policy(HttpEntry.Replace("        port: 80\n", "        port: 8080\n")), Workspace(deploymentOnly)).Diagnostics);
    }

    [Fact]
    public void EGP014_v1beta1_requires_the_gateway_port_and_the_fix_inserts_it_after_the_port()
    {
        var entry = HttpEntry.Replace("      byEgressGateway:\n        port: 80\n", "");
        var yaml = Policy(entry).Replace("/v1\n", "/v1beta1\n");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP014");
        Assert.Equal("13:7", result.Position(diagnostic));
        Assert.Equal("name", result.Covered(diagnostic));
        Assert.Equal("Set the gateway port to 80", diagnostic.Fixes[0].Title.En);
        Assert.Equal(Policy(HttpEntry).Replace("/v1\n", "/v1beta1\n"), ApplyFix(yaml, "EGP014"));
        Assert.Empty(Analyze(Policy(HttpEntry).Replace("/v1\n", "/v1beta1\n")).Diagnostics);
    }

    [Fact]
    public void EGP014_fix_gives_each_tls_entry_its_own_port_from_444()
    {
        var entries = HttpsEntry.Replace("      byEgressGateway:\n        port: 444\n", "") +
                      HttpsEntry.Replace("httpbin.org", "api.example.com").Replace("httpbin-https", "api").Replace("      byEgressGateway:\n        port: 444\n", "");
        var result = Analyze(Policy(entries).Replace("/v1\n", "/v1beta1\n"));
        var fixes = result.Coded("EGP014").Select(d => d.Fixes[0].Title.En).ToArray();
        Assert.Equal(["Set the gateway port to 444", "Set the gateway port to 445"], fixes);
    }

    [Fact]
    public void EGP014_on_an_empty_byEgressGateway_fills_it()
    {
        var yaml = Policy(HttpsEntry.Replace("        port: 444\n", "")).Replace("/v1\n", "/v1beta1\n");
        var result = Analyze(yaml);
        Assert.Equal("byEgressGateway", result.Covered(result.Single("EGP014")));
        Assert.Equal(Policy(HttpsEntry).Replace("/v1\n", "/v1beta1\n"), ApplyFix(yaml, "EGP014"));
    }

    [Fact]
    public void EGP014_is_not_reported_for_v1_where_ports_are_allocated()
    {
        var yaml = Policy(HttpEntry.Replace("      byEgressGateway:\n        port: 80\n", ""));
        Assert.Empty(Analyze(yaml).Diagnostics);
    }

    [Fact]
    public void EGP015_some_entries_set_a_port_and_this_one_does_not()
    {
        var yaml = Policy(HttpEntry + HttpsEntry.Replace("      byEgressGateway:\n        port: 444\n", ""));
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP015");
        Assert.Equal("22:7", result.Position(diagnostic));
        Assert.Matches(@"This entry gets port 1\d{4}; set it explicitly\.$", diagnostic.Message.En);
        Assert.Equal("Set the gateway port to 444", diagnostic.Fixes[0].Title.En);
        Assert.Equal(Policy(HttpEntry + HttpsEntry), ApplyFix(yaml, "EGP015"));
    }

    [Fact]
    public void EGP015_not_reported_when_every_entry_omits_or_sets_the_port()
    {
        Assert.Empty(Analyze(Policy(HttpEntry + HttpsEntry)).Coded("EGP015"));
        var none = Policy((HttpEntry + HttpsEntry).Replace("      byEgressGateway:\n        port: 80\n", "").Replace("      byEgressGateway:\n        port: 444\n", ""));
        Assert.Empty(Analyze(none).Coded("EGP015"));
    }

    [Fact]
    public void EGP020_https_upgrade_on_an_https_destination()
    {
        var yaml = Policy(HttpsEntry + "      httpsUpgrade:\n        enabled: true\n        port: 443\n");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP020");
        Assert.Equal("23:18", result.Position(diagnostic));
        Assert.Equal("true", result.Covered(diagnostic));
        Assert.Equal("httpsUpgrade cannot apply to this HTTPS destination: the application already sends TLS, the gateway would originate TLS a second time.", diagnostic.Message.En);
        Assert.Equal(Policy(HttpsEntry), ApplyFix(yaml, "EGP020"));
    }

    [Fact]
    public void EGP020_not_reported_for_http_or_when_disabled()
    {
        Assert.Empty(Analyze(Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n        port: 443\n")).Diagnostics);
        Assert.Empty(Analyze(Policy(HttpsEntry + "      httpsUpgrade:\n        enabled: false\n")).Coded("EGP020"));
    }

    [Fact]
    public void EGP021_a_port_while_enabled_is_false_offers_removal_first()
    {
        var yaml = Policy(HttpEntry + "      httpsUpgrade:\n        enabled: false\n        port: 443\n");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP021");
        Assert.Equal("24:9", result.Position(diagnostic));
        Assert.Equal("port: 443", result.Covered(diagnostic));
        Assert.Equal(["Remove the unused port", "Set enabled: true"], diagnostic.Fixes.Select(f => f.Title.En));
        Assert.True(diagnostic.Fixes[0].IsPreferred);
        Assert.Equal(Policy(HttpEntry + "      httpsUpgrade:\n        enabled: false\n"), ApplyFix(yaml, "EGP021", "Remove the unused port"));
        Assert.Equal(Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n        port: 443\n"), ApplyFix(yaml, "EGP021", "Set enabled: true"));
    }

    [Fact]
    public void EGP021_a_port_without_enabled_prefers_enabling_and_removal_drops_the_block()
    {
        var yaml = Policy(HttpEntry + "      httpsUpgrade:\n        port: 443\n");
        var diagnostic = Analyze(yaml).Single("EGP021");
        Assert.True(diagnostic.Fixes.Single(f => f.Title.En == "Set enabled: true").IsPreferred);
        Assert.Equal(Policy(HttpEntry), ApplyFix(yaml, "EGP021", "Remove the unused port"));
        Assert.Equal(Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n        port: 443\n"), ApplyFix(yaml, "EGP021", "Set enabled: true"));
    }

    [Fact]
    public void EGP021_does_not_offer_enabling_on_a_tls_destination()
    {
        var diagnostic = Analyze(Policy(HttpsEntry + "      httpsUpgrade:\n        port: 443\n")).Single("EGP021");
        Assert.Equal(["Remove the unused port"], diagnostic.Fixes.Select(f => f.Title.En));
    }

    [Fact]
    public void EGP022_enabled_without_a_port_inserts_443()
    {
        var yaml = Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP022");
        Assert.Equal("23:18", result.Position(diagnostic));
        Assert.Equal(Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n        port: 443\n"), ApplyFix(yaml, "EGP022"));
    }

    [Fact]
    public void EGP022_in_flow_style_and_with_an_empty_port()
    {
        var flow = Policy(HttpEntry + "      httpsUpgrade: {enabled: true}\n");
        Assert.Contains("httpsUpgrade: {enabled: true, port: 443}", ApplyFix(flow, "EGP022"));
        var empty = Policy(HttpEntry + "      httpsUpgrade:\n        enabled: true\n        port:\n");
        Assert.Contains("        port: 443\n", ApplyFix(empty, "EGP022"));
    }

    [Fact]
    public void EGP032_udp_and_database_protocols()
    {
        var udp = Analyze(Policy(HttpsEntry.Replace("protocol: HTTPS", "protocol: UDP").Replace("name: https", "name: udp")));
        var diagnostic = udp.Single("EGP032");
        Assert.Equal("19:19", udp.Position(diagnostic));
        Assert.StartsWith("UDP cannot be carried", diagnostic.Message.En);

        var mongo = Analyze(Policy(HttpsEntry.Replace("protocol: HTTPS", "protocol: MONGO").Replace("name: https", "name: mongo").Replace("number: 443", "number: 27017")));
        Assert.StartsWith("MONGO crosses the egress gateway as opaque TCP", mongo.Single("EGP032").Message.En);
    }

    [Fact]
    public void EGP032_tcp_with_several_hosts_is_reported_on_hosts()
    {
        var entry = HttpsEntry.Replace("protocol: HTTPS", "protocol: TCP").Replace("name: https", "name: tcp")
            .Replace("      - httpbin.org\n", "      - db1.example.com\n      - db2.example.com\n");
        var result = Analyze(Policy(entry));
        var diagnostic = result.Single("EGP032");
        Assert.Equal("14:7", result.Position(diagnostic));
        Assert.Equal("hosts", result.Covered(diagnostic));
        Assert.Contains("cannot tell these 2 hosts apart", diagnostic.Message.En);
    }

    [Fact]
    public void EGP032_not_reported_for_http_family_tls_or_single_host_tcp()
    {
        foreach (var protocol in new[] { "HTTP", "HTTP2", "GRPC", "GRPC-WEB" })
        {
            var entry = HttpEntry.Replace("protocol: HTTP", $"protocol: {protocol}").Replace("name: http", $"name: {protocol.ToLowerInvariant()}");
            Assert.Empty(Analyze(Policy(entry)).Coded("EGP032"));
        }
        Assert.Empty(Analyze(Policy(HttpsEntry.Replace("protocol: HTTPS", "protocol: TCP").Replace("name: https", "name: tcp"))).Coded("EGP032"));
        Assert.Empty(Analyze(Policy(HttpsEntry.Replace("      - httpbin.org\n", "      - httpbin.org\n      - www.httpbin.org\n"))).Coded("EGP032"));
    }

    [Fact]
    public void EGP033_a_port_name_without_the_protocol_prefix()
    {
        var yaml = Policy(HttpEntry.Replace("name: http\n", "name: web\n"));
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP033");
        Assert.Equal("17:15", result.Position(diagnostic));
        Assert.Equal("Port name 'web' does not follow the '<protocol>[-suffix]' convention (for example 'http-web').", diagnostic.Message.En);
        Assert.Equal(["Rename to http-web", "Rename to http"], diagnostic.Fixes.Select(f => f.Title.En));
        Assert.Contains("name: http-web\n", ApplyFix(yaml, "EGP033", "Rename to http-web"));
        Assert.Contains("name: http\n", ApplyFix(yaml, "EGP033", "Rename to http"));
    }

    [Fact]
    public void EGP033_a_name_of_another_protocol_keeps_its_suffix()
    {
        var diagnostic = Analyze(Policy(HttpsEntry.Replace("name: https\n", "name: http-api\n"))).Single("EGP033");
        Assert.Equal(["Rename to https-api", "Rename to https"], diagnostic.Fixes.Select(f => f.Title.En));
    }

    [Fact]
    public void EGP033_conventional_names_pass()
    {
        Assert.Empty(Analyze(Policy(HttpEntry.Replace("name: http\n", "name: http-httpbin\n"))).Coded("EGP033"));
        Assert.Empty(Analyze(Policy(HttpEntry.Replace("protocol: HTTP", "protocol: grpc-web").Replace("name: http\n", "name: grpc-web-api\n"))).Coded("EGP033"));
        Assert.Empty(Analyze(Policy(HttpEntry.Replace("name: http\n", "name: HTTP\n"))).Coded("EGP033"));
    }
}
