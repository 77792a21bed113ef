using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Traffic;

namespace EgressLsp.Core.Targets.IstioAmbient;

/// <summary>
/// The ambient data plane: ztunnel sends a request for a ServiceEntry's host to the waypoint the ServiceEntry is bound
/// to (over HBONE), and the waypoint applies the AuthorizationPolicies that target the ServiceEntry or itself and the
/// DestinationRules of the host (TLS origination). Without a usable waypoint ztunnel connects to the host itself.
/// Two things differ from sidecars, as Istio implements them: ztunnel does not enforce <c>REGISTRY_ONLY</c>
/// (istio/istio#54281), so a host no ServiceEntry declares is reached directly; and it ignores a ServiceEntry's
/// <c>exportTo</c> (istio/istio#55163: pilot/pkg/serviceregistry/ambient/services.go builds ztunnel's services with no
/// such filter), so every namespace's requests reach the waypoint.
/// </summary>
public sealed class AmbientDataPlane(EgressReachability model) : DataPlane
{
    /// <summary>The labels that bind a service (or every service of a namespace) to a waypoint (pilot/pkg/serviceregistry/ambient/waypoints.go, GetUseWaypoint).</summary>
    private const string UseWaypoint = "istio.io/use-waypoint";
    private const string UseWaypointNamespace = "istio.io/use-waypoint-namespace";
    private const string WaypointFor = "istio.io/waypoint-for";
    private const string WaypointClass = "istio-waypoint";

    private static readonly LocalizedText Waypoint = new("waypoint", " waypoint ");

    private readonly HostTrafficIndex _hosts = new(model.Mesh, model.Environment);

    public override IEnumerable<ReachDestination> Destinations => DeclaredBy(_hosts).Where(d => IsServiceEntryHost(d.Host));

    private bool IsServiceEntryHost(string host) => _hosts.For(host).Any(h => h.Declaration.Declarer is ServiceEntryModel);

    public override LocalizedText? Note { get; } = new(
        "ztunnel does not enforce it: a host no ServiceEntry declares is reached directly (istio/istio#54281)",
        "ztunnel 不执行它:没有 ServiceEntry 声明的主机会被直接访问(istio/istio#54281)");

    /// <summary>The namespaces whom the waypoints' policies admit, by namespace or by principal.</summary>
    public override IEnumerable<string> NamedNamespaces =>
        WaypointPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources)
            .SelectMany(s => s.Namespaces.Select(n => n.Value).Concat(s.Principals.Select(p => HostTraffic.ParsePrincipal(p.Value)?.Namespace).OfType<string>()));

    /// <summary>The namespaces the waypoints run in (where the egress ServiceEntries live too).</summary>
    public override IEnumerable<string> GatewayNamespaces => model.Mesh.Gateways.Where(IsWaypoint).Select(g => g.Namespace);

    /// <summary>The service accounts the waypoints' policies admit by principal, each a source of its own.</summary>
    public override IEnumerable<ReachSource> SingledOut(IReadOnlySet<string> namespaces) =>
        WaypointPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources).SelectMany(s => s.Principals)
            .Select(p => HostTraffic.ParsePrincipal(p.Value)).OfType<(string Namespace, string ServiceAccount)>()
            .Where(p => namespaces.Contains(p.Namespace))
            .Distinct()
            .Select(p => new ReachSource(p.Namespace, [], p.ServiceAccount, $"sa/{p.ServiceAccount}"));

    private IEnumerable<AuthorizationPolicyModel> WaypointPolicies =>
        model.Mesh.AuthorizationPolicies.Where(ap => ap.TargetRefs.Any(r => r.Kind is "ServiceEntry" or "Gateway"));

    private static bool IsWaypoint(GatewayModel gateway) => gateway.IsGatewayApi && gateway.GatewayClass == WaypointClass;

    public override ReachAnswer Answer(ReachSource source, ReachDestination destination)
    {
        var chain = model.Chain(source);
        var matching = _hosts.For(destination.Host).Where(h => h.Declaration.Declarer is ServiceEntryModel).ToArray();
        var port = destination.PortOr(matching.FirstOrDefault()?.Port);
        if (matching.FirstOrDefault(h => h.Port == port) is not { } traffic)
        {
            (chain.Host, chain.Port) = (destination.Host, port);
            chain.Http = destination.Protocol is { } asked ? asked == ReachProtocol.Http : port != 443;
            chain.Protocol = chain.Http ? "HTTP" : "TLS";
            chain.Hop("registry", null, $"no ServiceEntry declares {destination.Host}:{port}; ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281) and connects to it directly, past every waypoint",
                $"没有 ServiceEntry 声明 {destination.Host}:{port};ztunnel 不执行 REGISTRY_ONLY(istio/istio#54281),直接连接它,绕过所有 waypoint");
            return chain.Allowed(ReachVia.Direct);
        }
        chain.For(traffic);
        var entry = (ServiceEntryModel)traffic.Declaration.Declarer;
        if (traffic.IsVisibleTo(source.Namespace))
        {
            chain.Hop("registry", model.ObjectOf(entry), $"declares {traffic.Host}:{traffic.Port} ({traffic.Protocol}), visible in namespace '{source.Namespace}'",
                $"声明了 {traffic.Host}:{traffic.Port}({traffic.Protocol}),在命名空间“{source.Namespace}”中可见");
        }
        else
        {
            chain.Hop("registry", model.ObjectOf(entry), $"declares {traffic.Host}:{traffic.Port} ({traffic.Protocol}); its exportTo leaves out '{source.Namespace}', but ztunnel ignores exportTo (istio/istio#55163)",
                $"声明了 {traffic.Host}:{traffic.Port}({traffic.Protocol});其 exportTo 不含“{source.Namespace}”,但 ztunnel 忽略 exportTo(istio/istio#55163)");
        }
        if (Bind(chain, entry) is not { } waypoint)
        {
            chain.Hop("upstream", null, $"{traffic.Host}:{traffic.Port}, directly from ztunnel: no waypoint sees it", $"{traffic.Host}:{traffic.Port},由 ztunnel 直连:没有 waypoint 经手");
            return chain.Allowed(ReachVia.Direct);
        }
        chain.Gateway = $"{waypoint.Name}.{waypoint.Namespace}.svc.{model.Environment.ClusterDomain}";
        var admission = traffic.WaypointAdmission(waypoint);
        if (admission.Authorizes)
        {
            var at = model.ObjectOf(admission.Policies.FirstOrDefault());
            var accounts = model.AccountsOf(source);
            var refused = accounts.FirstOrDefault(account => !admission.Admits(source.Namespace, account));
            if (refused is not null)
            {
                chain.Hop("authorization", at, $"the ALLOW policies of the waypoint admit {admission.Admitted} for {traffic.Host}; not '{source.Namespace}' (service account {refused})",
                    $"waypoint 的 ALLOW 策略为 {traffic.Host} 放行 {admission.Admitted};不含“{source.Namespace}”(服务账号 {refused})");
                return chain.Refused("HTTP 403 (RBAC: access denied at the waypoint)", "HTTP 403(RBAC:waypoint 拒绝访问)",
                    "connection reset (RBAC: access denied at the waypoint)", "连接被重置(RBAC:waypoint 拒绝访问)");
            }
            chain.Hop("authorization", at, $"admits '{source.Namespace}' (service accounts {string.Join(", ", accounts)})",
                $"放行“{source.Namespace}”(服务账号 {string.Join(", ", accounts)})");
        }
        else
        {
            chain.Hop("authorization", null, $"no ALLOW AuthorizationPolicy targets ServiceEntry {entry.Namespace}/{entry.Name} or the waypoint: it admits any source",
                $"没有 ALLOW AuthorizationPolicy 以 ServiceEntry {entry.Namespace}/{entry.Name} 或该 waypoint 为目标:放行任意来源");
        }
        var origination = traffic.OriginationAt(waypoint.Namespace, traffic.Port);
        if (OriginateTls(model, chain, traffic, origination, Waypoint) is { } tlsError)
        {
            return tlsError;
        }
        HopToHost(chain, traffic, origination, Waypoint);
        return chain.Allowed(ReachVia.EgressGateway);
    }

    /// <summary>
    /// The waypoint ztunnel sends the ServiceEntry's traffic to, with the hops that say why; null (and the hop that says
    /// why) when there is none: istiod binds it by the ServiceEntry's <c>istio.io/use-waypoint</c> label (<c>none</c> opts out),
    /// else its namespace's; a waypoint that does not exist, does not take service traffic, or does not let the
    /// ServiceEntry's namespace attach leaves it unbound (waypoints.go: fetchWaypointForTarget, fetchWaypointForService).
    /// </summary>
    private GatewayModel? Bind(HopChain chain, ServiceEntryModel entry)
    {
        var own = LabelOf(entry.Labels, UseWaypoint);
        var fromNamespace = own is null ? LabelOf(model.Mesh.LabelsOfNamespace(entry.Namespace), UseWaypoint) : null;
        var at = model.ObjectOf(entry);
        if (own == "none" || (own ?? fromNamespace) is not { } name || name == "none")
        {
            chain.Hop("ztunnel", at, own == "none"
                    ? $"its label {UseWaypoint}: none opts it out of waypoints: ztunnel connects to {entry.Name}'s hosts directly"
                    : $"neither it nor namespace '{entry.Namespace}' has the label {UseWaypoint}: it is bound to no waypoint and ztunnel connects to its hosts directly",
                own == "none"
                    ? $"其标签 {UseWaypoint}: none 使其不使用 waypoint:ztunnel 直接连接其主机"
                    : $"它和命名空间“{entry.Namespace}”都没有标签 {UseWaypoint}:它未绑定 waypoint,ztunnel 直接连接其主机");
            return null;
        }
        var labels = own is not null ? entry.Labels : model.Mesh.LabelsOfNamespace(entry.Namespace);
        var waypointNamespace = LabelOf(labels, UseWaypointNamespace) ?? entry.Namespace;
        var waypoint = model.Mesh.Gateways.FirstOrDefault(g => g.IsGatewayApi && g.Namespace == waypointNamespace && g.Name == name);
        var via = own is not null ? "its label" : $"the label of namespace '{entry.Namespace}'";
        var viaZh = own is not null ? "其标签" : $"命名空间“{entry.Namespace}”的标签";
        if (waypoint is null || !IsWaypoint(waypoint))
        {
            chain.Hop("ztunnel", at, $"{via} {UseWaypoint}: {name} names no waypoint Gateway {waypointNamespace}/{name} (gatewayClassName {WaypointClass}) in the workspace: istiod leaves it unbound and ztunnel connects to its hosts directly",
                $"{viaZh} {UseWaypoint}: {name} 指向的 waypoint Gateway {waypointNamespace}/{name}(gatewayClassName {WaypointClass})不在工作区中:istiod 不绑定它,ztunnel 直接连接其主机");
            return null;
        }
        var trafficType = LabelOf(waypoint.Labels, WaypointFor) ?? "service";
        if (trafficType is not ("service" or "all"))
        {
            chain.Hop("waypoint", model.ObjectOf(waypoint), $"the waypoint takes {WaypointFor}: {trafficType} traffic, not service traffic: istiod leaves the ServiceEntry unbound and ztunnel connects to its hosts directly",
                $"该 waypoint 只接收 {WaypointFor}: {trafficType} 流量,不接收服务流量:istiod 不绑定该 ServiceEntry,ztunnel 直接连接其主机");
            return null;
        }
        if (waypoint.Namespace != entry.Namespace && waypoint.AllowedRoutesFrom is null or "Same")
        {
            chain.Hop("waypoint", model.ObjectOf(waypoint), $"its HBONE listener lets only its own namespace attach (allowedRoutes from Same), not '{entry.Namespace}': ztunnel connects to the hosts directly",
                $"其 HBONE 监听器只允许本命名空间绑定(allowedRoutes from Same),不含“{entry.Namespace}”:ztunnel 直接连接这些主机");
            return null;
        }
        chain.Hop("ztunnel", at, $"bound by {via} {UseWaypoint}: {name}: ztunnel sends it over HBONE (mTLS) to waypoint {waypoint.Namespace}/{waypoint.Name}",
            $"由{viaZh} {UseWaypoint}: {name} 绑定:ztunnel 经 HBONE(双向 TLS)把它发往 waypoint {waypoint.Namespace}/{waypoint.Name}");
        chain.Hop("waypoint", model.ObjectOf(waypoint), $"waypoint for {trafficType} traffic (gatewayClassName {WaypointClass})",
            $"处理 {trafficType} 流量的 waypoint(gatewayClassName {WaypointClass})");
        return waypoint;
    }

    private static string? LabelOf(IEnumerable<Label> labels, string key) =>
        labels.Where(l => l.Key == key).Select(l => l.Value).FirstOrDefault();
}
