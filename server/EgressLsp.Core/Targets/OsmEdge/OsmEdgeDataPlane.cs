using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Reachability;

namespace EgressLsp.Core.Targets.OsmEdge;

/// <summary>
/// The osm-edge data plane, as osm-edge builds its sidecars' egress (pkg/catalog/egress.go, GetEgressTrafficPolicy): a
/// pod's request leaves when an Egress lists the pod's service account among its sources and declares the port, matching
/// HTTP by the Host header, HTTPS by SNI and TCP by port (and IP ranges) alone; it goes through the gateway of the
/// EgressGateway rule that names the Egress, else a global one, else straight to the host (egress_gateway.go,
/// getGatewayForEgress). The outbound traffic policy stands for the mesh's <c>enableEgress</c>: REGISTRY_ONLY is
/// <c>false</c>, where anything else is refused (HTTP 403 where the sidecar has HTTP egress routes on the port, else the
/// connection is refused: seed 004); ALLOW_ANY is <c>true</c>, where it passes, through the global gateway if any.
/// </summary>
public sealed class OsmEdgeDataPlane(EgressReachability model) : DataPlane
{
    private bool EgressEnabled => model.Environment.OutboundTrafficPolicy == OutboundTrafficPolicy.AllowAny;

    public override LocalizedText? Note => EgressEnabled
        ? new LocalizedText("osm-edge: enableEgress true", "osm-edge:enableEgress 为 true")
        : new LocalizedText("osm-edge: enableEgress false", "osm-edge:enableEgress 为 false");

    /// <summary>Every host and port an Egress declares, with its protocol.</summary>
    public override IEnumerable<ReachDestination> Destinations =>
        model.Mesh.OsmEgresses.SelectMany(e => e.Hosts.SelectMany(h => e.Ports.Where(p => p.Number is not null)
            .Select(p => new ReachDestination(h.Value, p.Number, IsHttp(p) ? ReachProtocol.Http : ReachProtocol.Tls))));

    public override IEnumerable<string> NamedNamespaces =>
        model.Mesh.OsmEgresses.SelectMany(e => e.Sources).Select(s => s.Namespace).OfType<string>();

    /// <summary>Where the EgressGateways and the gateway Services they name live.</summary>
    public override IEnumerable<string> GatewayNamespaces =>
        model.Mesh.OsmEgressGateways.SelectMany(g => g.GlobalGateways.Concat(g.Rules.SelectMany(r => r.Gateways)).Select(s => s.Namespace).Append(g.Namespace));

    /// <summary>The service accounts the Egress policies admit, each a source of its own.</summary>
    public override IEnumerable<ReachSource> SingledOut(IReadOnlySet<string> namespaces) =>
        model.Mesh.OsmEgresses.SelectMany(e => e.Sources)
            .Select(s => s.ServiceAccount).OfType<(string Namespace, string Name)>()
            .Where(s => namespaces.Contains(s.Namespace))
            .Distinct()
            .Select(s => new ReachSource(s.Namespace, [], s.Name, $"sa/{s.Name}"));

    private static bool IsHttp(OsmEgressPort port) => string.Equals(port.Protocol?.Value, "http", StringComparison.OrdinalIgnoreCase);

    private static bool IsTcp(OsmEgressPort port) => port.Protocol?.Value.ToLowerInvariant() is "tcp" or "tcp-server-first";

    public override ReachAnswer Answer(ReachSource source, ReachDestination destination)
    {
        var chain = model.Chain(source);
        var declared = model.Mesh.OsmEgresses.SelectMany(e => e.Ports.Where(p => p.Number is not null && e.Hosts.Any(h => h.Value == destination.Host))).ToArray();
        var port = destination.PortOr(declared.FirstOrDefault()?.Number);
        var written = declared.FirstOrDefault(p => p.Number == port);
        chain.Http = destination.Protocol is { } asked ? asked == ReachProtocol.Http : written is not null ? IsHttp(written) : port != 443;
        (chain.Host, chain.Port) = (destination.Host, port);
        chain.Protocol = written?.Protocol?.Value.ToUpperInvariant() ?? (chain.Http ? "HTTP" : "TLS");

        var accounts = model.AccountsOf(source);
        (OsmEgressModel Egress, OsmEgressPort Port)? first = null;
        foreach (var account in accounts)
        {
            var admitting = model.Mesh.OsmEgresses.Where(e => e.Admits(source.Namespace, account)).ToArray();
            var admitted = admitting.Select(e => (Egress: e, Port: MatchingPort(e, destination.Host, port, chain.Http))).FirstOrDefault(m => m.Port is not null);
            if (admitted.Port is not { } admittedPort)
            {
                return Unmatched(chain, account, admitting, port);
            }
            first ??= (admitted.Egress, admittedPort);
        }
        var (matched, how) = first!.Value;
        var condition = IsTcp(how)
            ? matched.IpAddresses.IsEmpty ? "; a TCP port admits any host (osm-edge matches TCP by port and IP ranges, not by host)" : $"; TCP, when {destination.Host}'s address is in {string.Join(", ", matched.IpAddresses)}"
            : "";
        var conditionZh = IsTcp(how)
            ? matched.IpAddresses.IsEmpty ? ";TCP 端口放行任意主机(osm-edge 按端口和 IP 段匹配 TCP,不按主机)" : $";TCP,当 {destination.Host} 的地址在 {string.Join(", ", matched.IpAddresses)} 中时"
            : "";
        chain.Hop("egress-policy", model.ObjectOf(matched), $"admits service accounts {string.Join(", ", accounts)} of '{source.Namespace}' to {destination.Host}:{port} ({how.Protocol?.Value}){condition}",
            $"放行“{source.Namespace}”的服务账号 {string.Join(", ", accounts)} 访问 {destination.Host}:{port}({how.Protocol?.Value}){conditionZh}");
        return Leave(chain, GatewayFor(matched));
    }

    /// <summary>The Egress's port that takes the request: HTTP matched by the Host header, HTTPS by SNI, TCP by port alone (pkg/catalog/egress.go).</summary>
    private static OsmEgressPort? MatchingPort(OsmEgressModel egress, string host, int port, bool http) =>
        egress.Ports.FirstOrDefault(p => p.Number == port && (IsTcp(p) || IsHttp(p) == http && egress.Hosts.Any(h => h.Value == host)));

    private ReachAnswer Unmatched(HopChain chain, string account, OsmEgressModel[] admitting, int port)
    {
        var source = chain.Source;
        if (EgressEnabled)
        {
            chain.Hop("sidecar", null, $"no Egress admits service account {account} of '{source.Namespace}' to {chain.Host}:{port}; with enableEgress true the sidecar lets it out anyway",
                $"没有 Egress 放行“{source.Namespace}”的服务账号 {account} 访问 {chain.Host}:{port};enableEgress 为 true 时 Sidecar 仍然放行");
            return Leave(chain, model.Mesh.OsmEgressGateways.FirstOrDefault(g => !g.GlobalGateways.IsEmpty) is { } global ? (global, global.GlobalGateways[0]) : null);
        }
        var httpRoutes = admitting.FirstOrDefault(e => e.Ports.Any(p => p.Number == port && IsHttp(p)));
        if (chain.Http && httpRoutes is not null)
        {
            chain.Hop("sidecar", model.ObjectOf(httpRoutes), $"admits service account {account} of '{chain.Source.Namespace}' to HTTP on port {port}, but not to host {chain.Host}: the sidecar answers 403",
                $"放行“{chain.Source.Namespace}”的服务账号 {account} 访问端口 {port} 上的 HTTP,但不含主机 {chain.Host}:Sidecar 返回 403");
            return chain.Refused("HTTP 403 (the sidecar's egress routes do not list the host)", "HTTP 403(Sidecar 的出口路由未列出该主机)");
        }
        chain.Hop("sidecar", null, $"no Egress admits service account {account} of '{source.Namespace}' to {chain.Host}:{port}, and enableEgress is false",
            $"没有 Egress 放行“{source.Namespace}”的服务账号 {account} 访问 {chain.Host}:{port},且 enableEgress 为 false");
        return chain.Refused("connection refused (egress disabled)", "连接被拒绝(出口已禁用)");
    }

    /// <summary>The gateway the Egress goes through: its EgressGateway rule's, else a global one, else none (getGatewayForEgress).</summary>
    private (OsmEgressGatewayModel Gateway, OsmGatewayService Service)? GatewayFor(OsmEgressModel egress)
    {
        foreach (var gateway in model.Mesh.OsmEgressGateways)
        {
            foreach (var rule in gateway.Rules.Where(r => !r.Gateways.IsEmpty))
            {
                if (rule.EgressPolicies.Any(p => string.Equals(p.Namespace, egress.Namespace, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(p.Name, egress.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    return (gateway, rule.Gateways[0]);
                }
            }
        }
        return model.Mesh.OsmEgressGateways.FirstOrDefault(g => !g.GlobalGateways.IsEmpty) is { } global ? (global, global.GlobalGateways[0]) : null;
    }

    private ReachAnswer Leave(HopChain chain, (OsmEgressGatewayModel Gateway, OsmGatewayService Service)? through)
    {
        if (through is not { } hop)
        {
            chain.Hop("upstream", null, $"{chain.Host}:{chain.Port}, directly from the sidecar: no EgressGateway sends it through a gateway",
                $"{chain.Host}:{chain.Port},由 Sidecar 直连:没有 EgressGateway 让它经过网关");
            return chain.Allowed(ReachVia.Direct);
        }
        chain.Gateway = $"{hop.Service.Service}.{hop.Service.Namespace}.svc.{model.Environment.ClusterDomain}";
        chain.Hop("egress-gateway", model.ObjectOf(hop.Gateway), $"sends it through the egress gateway {hop.Service.Service}.{hop.Service.Namespace}",
            $"让它经过出口网关 {hop.Service.Service}.{hop.Service.Namespace}");
        chain.Hop("upstream", null, $"{chain.Host}:{chain.Port}, from the egress gateway", $"{chain.Host}:{chain.Port},由出口网关发出");
        return chain.Allowed(ReachVia.EgressGateway);
    }
}
