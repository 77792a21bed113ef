using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Traffic;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// The sidecar data plane: the registry as each namespace sees it (<c>exportTo</c>), the sidecar's route, the hop to the
/// egress gateway (subset, TLS, server), the gateway's route and TLS origination, its authorization, as
/// <see cref="HostTraffic"/> follows Istio's routing; unlisted hosts meet the outbound traffic policy.
/// </summary>
public sealed class SidecarDataPlane(EgressReachability model) : DataPlane
{
    private static readonly LocalizedText Gateway = new("gateway", "网关");

    private readonly HostTrafficIndex _hosts = new(model.Mesh, model.Environment);

    public override IEnumerable<ReachDestination> Destinations => DeclaredBy(_hosts);

    public override ReachAnswer Answer(ReachSource source, ReachDestination destination)
    {
        var path = new Request(model, model.Chain(source));
        var matching = _hosts.For(destination.Host);
        var port = destination.PortOr(matching.FirstOrDefault(h => h.IsVisibleTo(source.Namespace))?.Port);
        var traffic = matching.FirstOrDefault(h => h.Port == port && h.IsVisibleTo(source.Namespace));
        if (traffic is null)
        {
            return path.Unregistered(destination, port, matching.FirstOrDefault(h => h.Port == port) ?? matching.FirstOrDefault());
        }
        return path.Follow(traffic);
    }

    /// <summary>The routes' and policies' namespaces: where the egress resources live, are exported to, and whom they admit.</summary>
    public override IEnumerable<string> NamedNamespaces =>
        _hosts.All.SelectMany(h => h.Declaration.ExportTo)
            .Concat(_hosts.All.Select(h => h.Declaration.Declarer.Namespace))
            .Concat(_hosts.All.SelectMany(h => h.MeshServices).Select(vs => vs.Namespace))
            .Concat(_hosts.All.SelectMany(h => h.MeshServices).SelectMany(vs => vs.ExportTo.Concat(vs.Routes.SelectMany(r => r.SourceNamespaces))))
            .Concat(model.Mesh.AuthorizationPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources).SelectMany(s => s.Namespaces).Select(n => n.Value));

    /// <summary>The namespaces of the egress gateway Services the sidecars' routes send to.</summary>
    public override IEnumerable<string> GatewayNamespaces =>
        _hosts.All.SelectMany(h => h.MeshServices)
            .SelectMany(vs => vs.Routes.SelectMany(r => r.Destinations).Select(d => d.Host is { } host ? model.Mesh.Fqdn(host.Value, vs.Namespace) : null))
            .OfType<string>()
            .Where(model.Mesh.IsEgressGatewayHost)
            .Select(fqdn => model.Mesh.ServiceOf(fqdn)!.Value.Namespace);

    /// <summary>The pod labels the sidecars' routes single out (<c>sourceLabels</c>), in the namespaces they apply to.</summary>
    public override IEnumerable<ReachSource> SingledOut(IReadOnlySet<string> namespaces) =>
        _hosts.All.SelectMany(h => h.MeshServices).Distinct()
            .SelectMany(vs => vs.Routes.Where(vs.IsSidecarRoute).SelectMany(r => r.Matches)
                .Where(m => !m.SourceLabels.IsEmpty)
                .SelectMany(m => (m.SourceNamespace is { } ns ? (IEnumerable<string>)[ns] : namespaces).Select(ns => (Namespace: ns, m.SourceLabels))))
            .Where(s => namespaces.Contains(s.Namespace))
            .DistinctBy(s => (s.Namespace, string.Join(",", s.SourceLabels)))
            .Select(s => new ReachSource(s.Namespace, s.SourceLabels));

    /// <summary>One request's way through the sidecar and the egress gateway.</summary>
    private sealed class Request(EgressReachability model, HopChain chain)
    {
        private readonly ReachSource _source = chain.Source;

        public ReachAnswer Unregistered(ReachDestination destination, int port, HostTraffic? hidden)
        {
            (chain.Host, chain.Port) = (destination.Host, port);
            chain.Http = destination.Protocol is { } asked ? asked == ReachProtocol.Http : hidden is null || hidden.Kind == TrafficKind.Http;
            chain.Protocol = destination.Protocol is null && hidden is not null ? hidden.Protocol : chain.Http ? "HTTP" : "TLS";
            var at = model.ObjectOf(hidden?.Declaration.Declarer);
            if (model.Environment.OutboundTrafficPolicy == OutboundTrafficPolicy.AllowAny)
            {
                chain.Hop("registry", at, $"{destination.Host}:{port} is not in the registry of namespace '{_source.Namespace}'; under ALLOW_ANY the sidecar sends it to PassthroughCluster, straight to the host, past every egress gateway",
                    $"{destination.Host}:{port} 不在命名空间“{_source.Namespace}”的注册表中;在 ALLOW_ANY 下 Sidecar 把它发往 PassthroughCluster,直达主机,绕过所有出口网关");
                return chain.Allowed(ReachVia.Direct);
            }
            if (hidden is not null)
            {
                chain.Hop("registry", at, $"{hidden.Declaration.Declarer.Kind} {hidden.Declaration.Declarer.Namespace}/{hidden.Declaration.Declarer.Name} declares {hidden.Host}{(hidden.Port == port ? "" : $" (port {hidden.Port}, not {port})")} but is not exported to namespace '{_source.Namespace}'",
                    $"{hidden.Declaration.Declarer.Kind} {hidden.Declaration.Declarer.Namespace}/{hidden.Declaration.Declarer.Name} 声明了 {hidden.Host}{(hidden.Port == port ? "" : $"(端口 {hidden.Port},不是 {port})")},但未导出到命名空间“{_source.Namespace}”");
            }
            else
            {
                chain.Hop("registry", null, $"no ServiceEntry declares {destination.Host}:{port} for namespace '{_source.Namespace}'",
                    $"没有 ServiceEntry 为命名空间“{_source.Namespace}”声明 {destination.Host}:{port}");
            }
            return chain.Refused("HTTP 502 (BlackHoleCluster: REGISTRY_ONLY)", "HTTP 502(BlackHoleCluster:REGISTRY_ONLY)",
                "connection reset (BlackHoleCluster: REGISTRY_ONLY)", "连接被重置(BlackHoleCluster:REGISTRY_ONLY)");
        }

        public ReachAnswer Follow(HostTraffic traffic)
        {
            chain.For(traffic);
            var declarer = traffic.Declaration.Declarer;
            chain.Hop("registry", model.ObjectOf(declarer), $"declares {traffic.Host}:{traffic.Port} ({traffic.Protocol}), visible in namespace '{_source.Namespace}'",
                $"声明了 {traffic.Host}:{traffic.Port}({traffic.Protocol}),在命名空间“{_source.Namespace}”中可见");
            var outcome = traffic.Route(_source.Namespace).For(_source.Labels);
            var routeAt = model.ObjectOf(outcome.Service, outcome.Route?.Location);
            if (outcome.Service is null)
            {
                chain.Hop("sidecar", null, $"no VirtualService routes {traffic.Host} for namespace '{_source.Namespace}': the sidecar connects to it directly",
                    $"没有 VirtualService 为命名空间“{_source.Namespace}”路由 {traffic.Host}:Sidecar 直接连接它");
                return Direct(traffic);
            }
            if (outcome.Route is null)
            {
                if (outcome.Direct)
                {
                    chain.Hop("sidecar", routeAt, "no route matches; the TLS connection passes straight to the host", "没有路由匹配;TLS 连接直达主机");
                    return Direct(traffic);
                }
                chain.Hop("sidecar", routeAt, $"no route matches a workload of '{_source.Namespace}' with these labels on port {traffic.Port}",
                    $"没有路由匹配“{_source.Namespace}”中带这些标签的工作负载(端口 {traffic.Port})");
                return chain.Refused("HTTP 404 (NR: no route)", "HTTP 404(NR:无路由)", "connection reset (no route)", "连接被重置(无路由)");
            }
            var route = $"{outcome.Route.Block}[{outcome.Route.Index}]{(outcome.Route.Name is { } name ? $" '{name}'" : "")}";
            if (outcome.Status is { } status)
            {
                chain.Hop("sidecar", routeAt, $"route {route} answers {status} itself", $"路由 {route} 直接返回 {status}");
                return chain.Refused($"HTTP {status} (direct response)", $"HTTP {status}(直接响应)", $"connection reset", "连接被重置");
            }
            if (outcome.Direct)
            {
                chain.Hop("sidecar", routeAt, $"route {route} sends it straight to {traffic.Host}", $"路由 {route} 把它直接发往 {traffic.Host}");
                return Direct(traffic);
            }
            if (!outcome.ToGateway)
            {
                var elsewhere = outcome.Destination?.Host?.Value ?? "(no host)";
                chain.Hop("sidecar", routeAt, $"route {route} sends it to {elsewhere}, not to an egress gateway nor to {traffic.Host}",
                    $"路由 {route} 把它发往 {elsewhere},既不是出口网关也不是 {traffic.Host}");
                return chain.Refused($"sent to {elsewhere} instead", $"被发往 {elsewhere}", $"sent to {elsewhere} instead", $"被发往 {elsewhere}");
            }
            chain.Hop("sidecar", routeAt, $"route {route} sends it to the egress gateway {outcome.GatewayHost}:{outcome.GatewayPort}{(outcome.Subset is { } s ? $", subset {s}" : "")}",
                $"路由 {route} 把它发往出口网关 {outcome.GatewayHost}:{outcome.GatewayPort}{(outcome.Subset is { } z ? $",子集 {z}" : "")}");
            return ThroughGateway(traffic, outcome);
        }

        private ReachAnswer Direct(HostTraffic traffic)
        {
            chain.Hop("upstream", null, $"{traffic.Host}:{traffic.Port}, directly from the sidecar: no egress gateway sees it", $"{traffic.Host}:{traffic.Port},由 Sidecar 直连:没有出口网关经手");
            return chain.Allowed(ReachVia.Direct);
        }

        private ReachAnswer ThroughGateway(HostTraffic traffic, SidecarOutcome hop)
        {
            chain.Gateway = hop.GatewayHost;
            var (gatewayNamespace, _) = traffic.GatewayServiceOf(hop);
            if (hop.GatewayPort is not { } gatewayPort)
            {
                chain.Hop("gateway-subset", model.ObjectOf(hop.Service, hop.Destination?.Location), "the route to the gateway names no port", "发往网关的路由未指定端口");
                return chain.Refused("HTTP 503 (no gateway port)", "HTTP 503(无网关端口)", "connection reset (no gateway port)", "连接被重置(无网关端口)");
            }
            var (found, tls, rule) = traffic.SubsetTls(_source.Namespace, hop);
            if (!found)
            {
                chain.Hop("gateway-subset", model.ObjectOf(hop.Service, hop.Destination?.Location),
                    $"no DestinationRule on the lookup path of '{_source.Namespace}' ('{_source.Namespace}', '{gatewayNamespace}', '{model.Environment.RootNamespace}') declares subset {hop.Subset} of {hop.GatewayHost}",
                    $"“{_source.Namespace}”的查找路径(“{_source.Namespace}”、“{gatewayNamespace}”、“{model.Environment.RootNamespace}”)上没有 DestinationRule 声明 {hop.GatewayHost} 的子集 {hop.Subset}");
                return chain.Refused($"HTTP 503 (NC: no cluster for subset {hop.Subset})", $"HTTP 503(NC:子集 {hop.Subset} 无集群)",
                    $"connection reset (NC: no cluster for subset {hop.Subset})", $"连接被重置(NC:子集 {hop.Subset} 无集群)");
            }
            var mode = tls?.Mode?.Value ?? "none";
            chain.Hop("gateway-subset", model.ObjectOf(rule, tls?.Location), $"TLS to the gateway: {mode}{(tls?.Sni is { } sni ? $", sni {sni.Value}" : "")}",
                $"到网关的 TLS:{mode}{(tls?.Sni is { } z ? $",sni {z.Value}" : "")}");
            if (traffic.GatewayRoute(gatewayPort) is not { } gatewayHop)
            {
                chain.Hop("gateway-server", null, $"no Gateway serves {traffic.Host} on port {gatewayPort} with a route that forwards it",
                    $"没有 Gateway 在端口 {gatewayPort} 上为 {traffic.Host} 提供服务并转发它");
                return chain.Refused("HTTP 404 (NR at the egress gateway)", "HTTP 404(出口网关处 NR)", "connection reset at the egress gateway (no matching server)", "在出口网关处连接被重置(无匹配的服务器)");
            }
            var server = gatewayHop.Server;
            chain.Hop("gateway-server", model.ObjectOf(gatewayHop.Gateway, server.Location),
                $"server port {server.Port} {server.Protocol?.Value}, TLS {server.Tls?.Mode?.Value ?? "none"}", $"服务器端口 {server.Port} {server.Protocol?.Value},TLS {server.Tls?.Mode?.Value ?? "无"}");
            var security = traffic.HopSecurityOf(tls, server);
            if (security is HopSecurity.Mismatch or HopSecurity.WrongSni)
            {
                chain.Hop("gateway-server", model.ObjectOf(gatewayHop.Gateway, server.Location),
                    security == HopSecurity.WrongSni ? $"the subset's SNI '{tls?.Sni?.Value}' selects no server of {traffic.Host}" : $"the sidecar sends TLS mode {mode}, the server expects {server.Tls?.Mode?.Value ?? "no TLS"}",
                    security == HopSecurity.WrongSni ? $"子集的 SNI“{tls?.Sni?.Value}”选不中 {traffic.Host} 的服务器" : $"Sidecar 发送 TLS 模式 {mode},服务器期望 {server.Tls?.Mode?.Value ?? "非 TLS"}");
                return chain.Refused("HTTP 503 (UF: the TLS handshake with the egress gateway fails)", "HTTP 503(UF:与出口网关的 TLS 握手失败)",
                    "connection reset (the TLS handshake with the egress gateway fails)", "连接被重置(与出口网关的 TLS 握手失败)");
            }
            var upstream = gatewayHop.Upstream;
            var upstreamHost = upstream.Host!.Value.Value;
            var upstreamPort = upstream.Port ?? traffic.Port;
            chain.Hop("gateway-route", model.ObjectOf(gatewayHop.Service, gatewayHop.Route.Location), $"forwards it to {upstreamHost}:{upstreamPort}", $"把它转发到 {upstreamHost}:{upstreamPort}");
            if (!traffic.ForwardsToHost(gatewayHop))
            {
                return chain.Refused($"sent to {upstreamHost} instead", $"被发往 {upstreamHost}", $"sent to {upstreamHost} instead", $"被发往 {upstreamHost}");
            }
            var origination = traffic.OriginationAt(gatewayNamespace, upstreamPort);
            if (OriginateTls(model, chain, traffic, origination, Gateway) is { } refused)
            {
                return refused;
            }
            var admission = traffic.Admission(gatewayHop.Gateway, gatewayNamespace, gatewayPort);
            if (admission.Authorizes)
            {
                var account = model.ServiceAccountOf(_source);
                var policy = admission.Policies.FirstOrDefault();
                var at = model.ObjectOf(policy) ?? model.ObjectOf(gatewayHop.Gateway);
                if (!admission.Admits(_source.Namespace, account))
                {
                    chain.Hop("authorization", at,
                        $"the gateway's ALLOW policies admit {admission.Admitted} for {traffic.Host}; not '{_source.Namespace}'{(account is null ? "" : $" (service account {account})")}",
                        $"网关的 ALLOW 策略为 {traffic.Host} 放行 {admission.Admitted};不含“{_source.Namespace}”{(account is null ? "" : $"(服务账号 {account})")}");
                    return chain.Refused("HTTP 403 (RBAC: access denied at the egress gateway)", "HTTP 403(RBAC:出口网关拒绝访问)",
                        "connection reset (RBAC: access denied at the egress gateway)", "连接被重置(RBAC:出口网关拒绝访问)");
                }
                chain.Hop("authorization", at, $"admits '{_source.Namespace}'{(account is null ? "" : $" (service account {account})")}", $"放行“{_source.Namespace}”{(account is null ? "" : $"(服务账号 {account})")}");
            }
            else
            {
                chain.Hop("authorization", null, "no ALLOW AuthorizationPolicy applies to the gateway pods: the gateway admits any source", "没有 ALLOW AuthorizationPolicy 作用于网关 Pod:网关放行任意来源");
            }
            HopToHost(chain, traffic, origination, Gateway);
            return chain.Allowed(ReachVia.EgressGateway);
        }
    }
}
