using EgressLsp.Cli.Formatting;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Reachability;

/// <summary>
/// Hand-written resources followed through the data plane of the configured target: ambient's ztunnel and waypoint
/// (seed 001, Istio's ambient egress task) and osm-edge's Egress and EgressGateway (seed 004), with the bypasses each
/// data plane leaves open.
/// </summary>
public class DataPlaneTests
{
    private const string Waypoint = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: istio-egress
          labels:
            istio.io/use-waypoint: waypoint
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: waypoint
          namespace: istio-egress
          labels:
            istio.io/waypoint-for: service
        spec:
          gatewayClassName: istio-waypoint
          listeners:
          - name: mesh
            port: 15008
            protocol: HBONE
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: httpbin.org
          namespace: istio-egress
        spec:
          hosts:
          - httpbin.org
          ports:
          - number: 80
            name: http
            protocol: HTTP
          resolution: DNS
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: httpbin
          namespace: istio-egress
        spec:
          targetRefs:
          - kind: ServiceEntry
            group: networking.istio.io
            name: httpbin.org
          action: ALLOW
          rules:
          - from:
            - source:
                principals: ["cluster.local/ns/default/sa/admin"]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: admin
          namespace: default
        spec:
          template:
            metadata:
              labels:
                app: admin
            spec:
              serviceAccountName: admin
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shell
          namespace: default
        spec:
          template:
            metadata:
              labels:
                app: shell
        """;

    private const string OsmEdge = """
        kind: Egress
        apiVersion: policy.openservicemesh.io/v1alpha1
        metadata:
          name: httpbin-80
          namespace: curl
        spec:
          sources:
          - kind: ServiceAccount
            name: curl
            namespace: curl
          hosts:
          - httpbin.org
          ports:
          - number: 80
            protocol: http
        ---
        kind: Egress
        apiVersion: policy.openservicemesh.io/v1alpha1
        metadata:
          name: postgres
          namespace: curl
        spec:
          sources:
          - kind: ServiceAccount
            name: curl
            namespace: curl
          hosts:
          - db.example.com
          ports:
          - number: 5432
            protocol: tcp
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: curl
          namespace: curl
        spec:
          template:
            metadata:
              labels:
                app: curl
            spec:
              serviceAccountName: curl
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: other
          namespace: other
        spec:
          template:
            metadata:
              labels:
                app: other
        ---
        kind: EgressGateway
        apiVersion: policy.openservicemesh.io/v1alpha1
        metadata:
          name: global-egress-gateway
          namespace: egress-gateway
        spec:
          global:
          - service: global-egress-gateway
            namespace: egress-gateway
        """;

    private static EgressReachability Model(string yaml, string target, OutboundTrafficPolicy outbound = OutboundTrafficPolicy.RegistryOnly) =>
        EgressReachability.Build(WorkspaceIndex.Build([WorkspaceFileFacts.Read("mesh.yaml", YamlFile.Parse(yaml))]),
            EgressEnvironment.Default with { Target = TargetRegistry.Find(target)!, OutboundTrafficPolicy = outbound });

    private static ReachAnswer Ask(EgressReachability model, string from, string to) =>
        model.Answer(ReachSource.Parse(from, out _)!, ReachDestination.Parse(to, null, out _)!);

    [Fact]
    public void Ambient_the_waypoint_admits_the_principal_its_policy_names_and_refuses_the_rest_with_403()
    {
        var model = Model(Waypoint, "istio-ambient");

        var admin = Ask(model, "default/app=admin", "httpbin.org:80");
        var shell = Ask(model, "default/app=shell", "httpbin.org:80");

        Assert.True(admin.IsAllowed && admin.Via == ReachVia.EgressGateway, ReachFormatter.Text(admin, "en"));
        Assert.Equal(["registry", "ztunnel", "waypoint", "authorization", "upstream"], admin.Hops.Select(h => h.Step));
        Assert.Contains("the label of namespace 'istio-egress'", admin.Hops[1].Detail.En, StringComparison.Ordinal);
        Assert.Equal("waypoint.istio-egress.svc.cluster.local", admin.Gateway);
        Assert.False(shell.IsAllowed);
        Assert.Equal(("authorization", "AuthorizationPolicy"), (shell.Decisive!.Step, shell.Decisive.Object!.Kind));
        Assert.StartsWith("HTTP 403", shell.Symptom!.Value.En, StringComparison.Ordinal);
        Assert.Contains("service account default", shell.Decisive.Detail.En, StringComparison.Ordinal);
    }

    /// <summary>ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281): a host no ServiceEntry declares is a bypass.</summary>
    [Fact]
    public void Ambient_an_undeclared_host_is_reached_directly_whatever_the_outbound_policy()
    {
        var answer = Ask(Model(Waypoint, "istio-ambient"), "default/app=shell", "example.org:443");

        Assert.Equal((ReachOutcome.Allowed, ReachVia.Direct), (answer.Outcome, answer.Via));
        Assert.Contains("istio/istio#54281", ReachFormatter.Text(answer, "en"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    istio.io/use-waypoint: waypoint\n", "    team: egress\n", "neither it nor namespace 'istio-egress' has the label")]
    [InlineData("  name: httpbin.org\n  namespace: istio-egress\n", "  name: httpbin.org\n  namespace: istio-egress\n  labels:\n    istio.io/use-waypoint: none\n", "opts it out")]
    [InlineData("  gatewayClassName: istio-waypoint\n", "  gatewayClassName: istio\n", "names no waypoint Gateway istio-egress/waypoint")]
    [InlineData("    istio.io/waypoint-for: service\n", "    istio.io/waypoint-for: workload\n", "not service traffic")]
    public void Ambient_a_service_left_without_a_waypoint_is_reached_directly_past_its_policy(string original, string replacement, string why)
    {
        Assert.Contains(original, Waypoint, StringComparison.Ordinal);
        var model = Model(Waypoint.Replace(original, replacement, StringComparison.Ordinal), "istio-ambient");

        var answer = Ask(model, "default/app=shell", "httpbin.org:80");

        Assert.Equal((ReachOutcome.Allowed, ReachVia.Direct), (answer.Outcome, answer.Via));
        Assert.Contains(why, string.Join("\n", answer.Hops.Select(h => h.Detail.En)), StringComparison.Ordinal);
    }

    [Fact]
    public void Osm_edge_an_egress_admits_its_service_account_through_the_global_gateway_and_the_sidecar_answers_403_for_other_hosts()
    {
        var model = Model(OsmEdge, "osm-edge");

        var allowed = Ask(model, "curl", "httpbin.org:80");
        var otherHost = Ask(model, "curl", "httpstat.us:80");
        var otherNamespace = Ask(model, "other", "httpbin.org:80");

        Assert.True(allowed.IsAllowed && allowed.Via == ReachVia.EgressGateway, ReachFormatter.Text(allowed, "en"));
        Assert.Equal(["egress-policy", "egress-gateway", "upstream"], allowed.Hops.Select(h => h.Step));
        Assert.Equal(("Egress", "httpbin-80"), (allowed.Hops[0].Object!.Kind, allowed.Hops[0].Object!.Name));
        Assert.Equal("global-egress-gateway.egress-gateway.svc.cluster.local", allowed.Gateway);
        // Seed 004: with an Egress for httpbin.org:80, curl to httpstat.us gets "HTTP/1.1 403 Forbidden" from the sidecar.
        Assert.StartsWith("HTTP 403", otherHost.Symptom!.Value.En, StringComparison.Ordinal);
        Assert.Equal("connection refused (egress disabled)", otherNamespace.Symptom!.Value.En);
    }

    [Fact]
    public void Osm_edge_a_tcp_egress_admits_any_host_on_its_port()
    {
        var answer = Ask(Model(OsmEdge, "osm-edge"), "curl", "anything.example.net:5432");

        Assert.True(answer.IsAllowed, ReachFormatter.Text(answer, "en"));
        Assert.Contains("a TCP port admits any host", answer.Hops[0].Detail.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Osm_edge_with_egress_enabled_everything_leaves_through_the_global_gateway_and_without_a_gateway_directly()
    {
        var permissive = Ask(Model(OsmEdge, "osm-edge", OutboundTrafficPolicy.AllowAny), "other", "httpstat.us:80");
        var withoutGateway = Ask(Model(OsmEdge[..OsmEdge.LastIndexOf("---", StringComparison.Ordinal)], "osm-edge"), "curl", "httpbin.org:80");

        Assert.Equal((ReachOutcome.Allowed, ReachVia.EgressGateway), (permissive.Outcome, permissive.Via));
        Assert.Contains("enableEgress true", ReachFormatter.Text(permissive, "en"), StringComparison.Ordinal);
        Assert.Equal((ReachOutcome.Allowed, ReachVia.Direct), (withoutGateway.Outcome, withoutGateway.Via));
    }

    [Fact]
    public void The_matrix_lists_the_service_accounts_a_data_plane_admits_as_sources_of_their_own()
    {
        var ambient = Model(Waypoint, "istio-ambient").Matrix();
        var osm = Model(OsmEdge, "osm-edge").Matrix();

        Assert.Contains("default/sa/admin", ambient.Sources.Select(s => s.Display));
        Assert.DoesNotContain("istio-egress", ambient.Sources.Select(s => s.Display));
        Assert.Contains("curl/sa/curl", osm.Sources.Select(s => s.Display));
        Assert.DoesNotContain("egress-gateway", osm.Sources.Select(s => s.Display));
        Assert.Equal(["db.example.com:5432", "httpbin.org:80"], osm.Destinations.Select(d => $"{d.Host}:{d.Port}"));
    }
}
