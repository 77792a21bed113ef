using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Traffic;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Reachability;

/// <summary>
/// Who can reach which external host, hop by hop, before anything is applied: the workspace's hand-written Istio
/// resources and its policies (expanded for istio-sidecar, each generated object traced to the policy line it came
/// from) are one mesh, and a request is followed through it the way <see cref="HostTraffic"/> follows Istio's routing.
/// Built once per workspace snapshot; each answer is a query on it.
/// </summary>
public sealed class EgressReachability
{
    private const string ExpandedSuffix = " (expanded)";

    private readonly MeshView _mesh;
    private readonly WorkspaceIndex _workspace;
    private readonly EgressEnvironment _environment;
    private readonly Dictionary<(string Path, string Kind, string Namespace, string Name), ManifestLocation> _origins;
    private readonly ImmutableArray<HostTraffic> _hosts;

    private EgressReachability(WorkspaceIndex workspace, EgressEnvironment environment, Dictionary<(string, string, string, string), ManifestLocation> origins)
    {
        _workspace = workspace;
        _environment = environment;
        _origins = origins;
        _mesh = workspace.MeshFor(environment.ClusterDomain);
        _hosts = [.. HostTraffic.Declarations(_mesh).Select(d => new HostTraffic(_mesh, environment, d))];
        _byHost = _hosts.Where(h => !MeshHost.IsWildcard(h.Fqdn)).ToLookup(h => h.Fqdn, StringComparer.Ordinal);
        _wildcards = [.. _hosts.Where(h => MeshHost.IsWildcard(h.Fqdn))];
        _sources = new Lazy<ImmutableArray<ReachSource>>(Sources);
    }

    private readonly Lazy<ImmutableArray<ReachSource>> _sources;
    private readonly ILookup<string, HostTraffic> _byHost;
    private readonly ImmutableArray<HostTraffic> _wildcards;

    /// <summary>
    /// The model of a workspace: its hand-written resources, and its policies expanded for istio-sidecar (the
    /// environment's other settings apply), whose objects join the others and point back at their policy's lines.
    /// </summary>
    public static EgressReachability Build(WorkspaceIndex workspace, EgressEnvironment environment)
    {
        var sidecar = environment with { Target = TargetRegistry.Default };
        var origins = new Dictionary<(string, string, string, string), ManifestLocation>();
        var files = new List<WorkspaceFileFacts>();
        foreach (var policy in workspace.MeshFor(environment.ClusterDomain).Policies)
        {
            if (policy.Plan is not { } plan)
            {
                continue;
            }
            var resources = EgressExpander.Expand(plan, sidecar, workspace).Resources;
            if (resources.IsEmpty)
            {
                continue;
            }
            var path = $"{policy.Path} ({policy.Namespace}/{policy.Name}){ExpandedSuffix}";
            files.Add(WorkspaceFileFacts.Read(path, YamlFile.Parse(ManifestWriter.ToYaml(resources))));
            foreach (var resource in resources)
            {
                origins[(path, resource.Kind, resource.Namespace, resource.Name)] =
                    new ManifestLocation(policy.Path, resource.SourceSpan, policy.Text.GetPositionSpan(resource.SourceSpan));
            }
        }
        return new EgressReachability(workspace.WithFiles(files), environment, origins);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkspaceIndex, CachedModel> Cache = new();

    private sealed class CachedModel(EgressEnvironment environment, EgressReachability model)
    {
        public EgressEnvironment Environment { get; } = environment;

        public EgressReachability Model { get; } = model;
    }

    /// <summary>
    /// The model of a workspace snapshot for an environment, built once and shared by the documents analysed against
    /// that snapshot (every egress test of the workspace reads the same one).
    /// </summary>
    public static EgressReachability For(WorkspaceIndex workspace, EgressEnvironment environment)
    {
        if (Cache.TryGetValue(workspace, out var cached) && cached.Environment == environment)
        {
            return cached.Model;
        }
        var model = Build(workspace, environment);
        Cache.AddOrUpdate(workspace, new CachedModel(environment, model));
        return model;
    }

    public EgressEnvironment Environment => _environment;

    /// <summary>
    /// Policies are followed through their istio-sidecar expansion; under another configured target (istio-ambient's
    /// waypoints, osm-edge's Egress policies) the path differs, and every answer says so.
    /// </summary>
    private LocalizedText? Caveat => _environment.Target == TargetRegistry.Default || _mesh.Policies.IsEmpty ? null : new LocalizedText(
        $"policies are followed through their istio-sidecar expansion; the configured target {_environment.Target.Id} is not followed yet",
        $"策略按其 istio-sidecar 展开结果分析;尚未按所配置的目标 {_environment.Target.Id} 分析");

    // ----- one question

    public ReachAnswer Answer(ReachSource source, ReachDestination destination)
    {
        var path = new PathBuilder(this, source);
        // The registry's entries for the host: its own, then the wildcards that cover it (in declaration order).
        var matching = _byHost[destination.Host].Concat(_wildcards.Where(h => MeshHost.SubsetOf(destination.Host, h.Fqdn))).ToArray();
        var port = destination.Port
            ?? (destination.Protocol is { } protocol ? (protocol == ReachProtocol.Http ? 80 : 443)
                : matching.FirstOrDefault(h => h.IsVisibleTo(source.Namespace))?.Port ?? 80);
        var traffic = matching.FirstOrDefault(h => h.Port == port && h.IsVisibleTo(source.Namespace));
        if (traffic is null)
        {
            return path.Unregistered(destination, port, matching.FirstOrDefault(h => h.Port == port) ?? matching.FirstOrDefault());
        }
        return path.Follow(traffic);
    }

    // ----- every source against every destination

    /// <summary>
    /// Every source namespace the workspace names (its Namespaces and workloads, the namespaces the egress resources live
    /// in, are exported to or admit) and every labelled source a route singles out, against every host and port the
    /// registry declares. The namespaces egress gateways run in are left out.
    /// </summary>
    /// <param name="host">Only this host's destinations (the editor's hover and lens), else all.</param>
    public ReachMatrix Matrix(string? host = null)
    {
        var destinations = _hosts
            .Where(h => !MeshHost.IsWildcard(h.Host) && h.Kind != TrafficKind.Unknown && (host is null || h.Fqdn == host))
            .Select(h => new ReachDestination(h.Fqdn, h.Port, h.Kind == TrafficKind.Http ? ReachProtocol.Http : ReachProtocol.Tls))
            .Distinct()
            .OrderBy(d => d.Host, StringComparer.Ordinal).ThenBy(d => d.Port)
            .ToImmutableArray();
        var sources = _sources.Value;
        var answers = sources.Select(source => destinations.Select(destination => Answer(source, destination)).ToImmutableArray()).ToImmutableArray();
        return new ReachMatrix(sources, destinations, answers);
    }

    private ImmutableArray<ReachSource> Sources()
    {
        // The namespaces egress gateways run in see the hosts so that the gateways can forward them; they are no sources.
        var gatewayNamespaces = _hosts.SelectMany(h => h.MeshServices)
            .SelectMany(vs => vs.Routes.SelectMany(r => r.Destinations).Select(d => d.Host is { } host ? _mesh.Fqdn(host.Value, vs.Namespace) : null))
            .OfType<string>()
            .Where(_mesh.IsEgressGatewayHost)
            .Select(fqdn => _mesh.ServiceOf(fqdn)!.Value.Namespace)
            .Append(_environment.RootNamespace)
            .Append(_environment.GatewayNamespace)
            .ToHashSet(StringComparer.Ordinal);
        var namespaces = _workspace.KnownNamespaces
            .Concat(_hosts.SelectMany(h => h.Declaration.ExportTo))
            .Concat(_hosts.Select(h => h.Declaration.Declarer.Namespace))
            .Concat(_hosts.SelectMany(h => h.MeshServices).Select(vs => vs.Namespace))
            .Concat(_hosts.SelectMany(h => h.MeshServices).SelectMany(vs => vs.ExportTo.Concat(vs.Routes.SelectMany(r => r.SourceNamespaces))))
            .Concat(_mesh.AuthorizationPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources).SelectMany(s => s.Namespaces).Select(n => n.Value))
            .Where(ns => ns.Length > 0 && ns != "." && !ns.Contains('*') && !gatewayNamespaces.Contains(ns))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var labelled = _hosts.SelectMany(h => h.MeshServices).Distinct()
            .SelectMany(vs => vs.Routes.Where(vs.IsSidecarRoute).SelectMany(r => r.Matches)
                .Where(m => !m.SourceLabels.IsEmpty)
                .SelectMany(m => (m.SourceNamespace is { } ns ? [ns] : namespaces).Select(ns => (Namespace: ns, m.SourceLabels))))
            .Where(s => namespaces.Contains(s.Namespace))
            .DistinctBy(s => (s.Namespace, string.Join(",", s.SourceLabels)));
        return [.. namespaces.Select(ns => new ReachSource(ns, []))
            .Concat(labelled.Select(s => new ReachSource(s.Namespace, s.SourceLabels)))
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Display, StringComparer.Ordinal)];
    }

    // ----- where objects are read

    private HopObject? ObjectOf(MeshResource? resource, ManifestLocation? at = null)
    {
        if (resource is null)
        {
            return null;
        }
        return _origins.TryGetValue((resource.Path, resource.Kind, resource.Namespace, resource.Name), out var origin)
            ? new HopObject(resource.Kind, resource.Namespace, resource.Name, origin, Generated: true)
            : new HopObject(resource.Kind, resource.Namespace, resource.Name, at ?? resource.Location, Generated: false);
    }

    /// <summary>The service account of a source: its own, else the one every workload of its namespace with its labels runs as.</summary>
    private string? ServiceAccountOf(ReachSource source)
    {
        if (source.ServiceAccount is not null)
        {
            return source.ServiceAccount;
        }
        var accounts = _workspace.WorkloadsIn(source.Namespace).Where(w => w.Matches(source.Labels)).Select(w => w.ServiceAccount).Distinct(StringComparer.Ordinal).ToArray();
        return accounts is [var only] && !source.Labels.IsEmpty ? only : null;
    }

    /// <summary>Builds one answer's hops, in the order the request meets them.</summary>
    private sealed class PathBuilder(EgressReachability model, ReachSource source)
    {
        private readonly ImmutableArray<ReachHop>.Builder _hops = ImmutableArray.CreateBuilder<ReachHop>();
        private string _protocol = "HTTP";
        private bool _http = true;
        private string _host = "";
        private int _port;

        private void Hop(string step, HopObject? at, string en, string zh) => _hops.Add(new ReachHop(step, at, new LocalizedText(en, zh)));

        private string? _gateway;

        private ReachAnswer Done(ReachOutcome outcome, ReachVia? via, LocalizedText? symptom) =>
            new(source, _host, _port, _protocol, outcome, via, symptom, _hops.ToImmutable(), model._environment.OutboundTrafficPolicy, _gateway, model.Caveat);

        private ReachAnswer Refused(string httpEn, string httpZh, string tlsEn, string tlsZh) =>
            Done(ReachOutcome.Refused, null, _http ? new LocalizedText(httpEn, httpZh) : new LocalizedText(tlsEn, tlsZh));

        public ReachAnswer Unregistered(ReachDestination destination, int port, HostTraffic? hidden)
        {
            (_host, _port) = (destination.Host, port);
            _http = destination.Protocol is { } asked ? asked == ReachProtocol.Http : hidden is null || hidden.Kind == TrafficKind.Http;
            _protocol = destination.Protocol is null && hidden is not null ? hidden.Protocol : _http ? "HTTP" : "TLS";
            var at = model.ObjectOf(hidden?.Declaration.Declarer);
            if (model._environment.OutboundTrafficPolicy == OutboundTrafficPolicy.AllowAny)
            {
                Hop("registry", at, $"{destination.Host}:{port} is not in the registry of namespace '{source.Namespace}'; under ALLOW_ANY the sidecar sends it to PassthroughCluster, straight to the host, past every egress gateway",
                    $"{destination.Host}:{port} 不在命名空间“{source.Namespace}”的注册表中;在 ALLOW_ANY 下 Sidecar 把它发往 PassthroughCluster,直达主机,绕过所有出口网关");
                return Done(ReachOutcome.Allowed, ReachVia.Direct, null);
            }
            if (hidden is not null)
            {
                Hop("registry", at, $"{hidden.Declaration.Declarer.Kind} {hidden.Declaration.Declarer.Namespace}/{hidden.Declaration.Declarer.Name} declares {hidden.Host}{(hidden.Port == port ? "" : $" (port {hidden.Port}, not {port})")} but is not exported to namespace '{source.Namespace}'",
                    $"{hidden.Declaration.Declarer.Kind} {hidden.Declaration.Declarer.Namespace}/{hidden.Declaration.Declarer.Name} 声明了 {hidden.Host}{(hidden.Port == port ? "" : $"(端口 {hidden.Port},不是 {port})")},但未导出到命名空间“{source.Namespace}”");
            }
            else
            {
                Hop("registry", null, $"no ServiceEntry declares {destination.Host}:{port} for namespace '{source.Namespace}'",
                    $"没有 ServiceEntry 为命名空间“{source.Namespace}”声明 {destination.Host}:{port}");
            }
            return Refused("HTTP 502 (BlackHoleCluster: REGISTRY_ONLY)", "HTTP 502(BlackHoleCluster:REGISTRY_ONLY)",
                "connection reset (BlackHoleCluster: REGISTRY_ONLY)", "连接被重置(BlackHoleCluster:REGISTRY_ONLY)");
        }

        public ReachAnswer Follow(HostTraffic traffic)
        {
            (_host, _port, _protocol) = (traffic.Host, traffic.Port, traffic.Protocol);
            _http = traffic.Kind == TrafficKind.Http;
            var declarer = traffic.Declaration.Declarer;
            Hop("registry", model.ObjectOf(declarer), $"declares {traffic.Host}:{traffic.Port} ({traffic.Protocol}), visible in namespace '{source.Namespace}'",
                $"声明了 {traffic.Host}:{traffic.Port}({traffic.Protocol}),在命名空间“{source.Namespace}”中可见");
            var outcome = traffic.Route(source.Namespace).For(source.Labels);
            var routeAt = model.ObjectOf(outcome.Service, outcome.Route?.Location);
            if (outcome.Service is null)
            {
                Hop("sidecar", null, $"no VirtualService routes {traffic.Host} for namespace '{source.Namespace}': the sidecar connects to it directly",
                    $"没有 VirtualService 为命名空间“{source.Namespace}”路由 {traffic.Host}:Sidecar 直接连接它");
                return Direct(traffic);
            }
            if (outcome.Route is null)
            {
                if (outcome.Direct)
                {
                    Hop("sidecar", routeAt, "no route matches; the TLS connection passes straight to the host", "没有路由匹配;TLS 连接直达主机");
                    return Direct(traffic);
                }
                Hop("sidecar", routeAt, $"no route matches a workload of '{source.Namespace}' with these labels on port {traffic.Port}",
                    $"没有路由匹配“{source.Namespace}”中带这些标签的工作负载(端口 {traffic.Port})");
                return Refused("HTTP 404 (NR: no route)", "HTTP 404(NR:无路由)", "connection reset (no route)", "连接被重置(无路由)");
            }
            var route = $"{outcome.Route.Block}[{outcome.Route.Index}]{(outcome.Route.Name is { } name ? $" '{name}'" : "")}";
            if (outcome.Status is { } status)
            {
                Hop("sidecar", routeAt, $"route {route} answers {status} itself", $"路由 {route} 直接返回 {status}");
                return Refused($"HTTP {status} (direct response)", $"HTTP {status}(直接响应)", $"connection reset", "连接被重置");
            }
            if (outcome.Direct)
            {
                Hop("sidecar", routeAt, $"route {route} sends it straight to {traffic.Host}", $"路由 {route} 把它直接发往 {traffic.Host}");
                return Direct(traffic);
            }
            if (!outcome.ToGateway)
            {
                var elsewhere = outcome.Destination?.Host?.Value ?? "(no host)";
                Hop("sidecar", routeAt, $"route {route} sends it to {elsewhere}, not to an egress gateway nor to {traffic.Host}",
                    $"路由 {route} 把它发往 {elsewhere},既不是出口网关也不是 {traffic.Host}");
                return Refused($"sent to {elsewhere} instead", $"被发往 {elsewhere}", $"sent to {elsewhere} instead", $"被发往 {elsewhere}");
            }
            Hop("sidecar", routeAt, $"route {route} sends it to the egress gateway {outcome.GatewayHost}:{outcome.GatewayPort}{(outcome.Subset is { } s ? $", subset {s}" : "")}",
                $"路由 {route} 把它发往出口网关 {outcome.GatewayHost}:{outcome.GatewayPort}{(outcome.Subset is { } z ? $",子集 {z}" : "")}");
            return ThroughGateway(traffic, outcome);
        }

        private ReachAnswer Direct(HostTraffic traffic)
        {
            Hop("upstream", null, $"{traffic.Host}:{traffic.Port}, directly from the sidecar: no egress gateway sees it", $"{traffic.Host}:{traffic.Port},由 Sidecar 直连:没有出口网关经手");
            return Done(ReachOutcome.Allowed, ReachVia.Direct, null);
        }

        private ReachAnswer ThroughGateway(HostTraffic traffic, SidecarOutcome hop)
        {
            _gateway = hop.GatewayHost;
            var (gatewayNamespace, _) = traffic.GatewayServiceOf(hop);
            if (hop.GatewayPort is not { } gatewayPort)
            {
                Hop("gateway-subset", model.ObjectOf(hop.Service, hop.Destination?.Location), "the route to the gateway names no port", "发往网关的路由未指定端口");
                return Refused("HTTP 503 (no gateway port)", "HTTP 503(无网关端口)", "connection reset (no gateway port)", "连接被重置(无网关端口)");
            }
            var (found, tls, rule) = traffic.SubsetTls(source.Namespace, hop);
            if (!found)
            {
                Hop("gateway-subset", model.ObjectOf(hop.Service, hop.Destination?.Location),
                    $"no DestinationRule on the lookup path of '{source.Namespace}' ('{source.Namespace}', '{gatewayNamespace}', '{model._environment.RootNamespace}') declares subset {hop.Subset} of {hop.GatewayHost}",
                    $"“{source.Namespace}”的查找路径(“{source.Namespace}”、“{gatewayNamespace}”、“{model._environment.RootNamespace}”)上没有 DestinationRule 声明 {hop.GatewayHost} 的子集 {hop.Subset}");
                return Refused($"HTTP 503 (NC: no cluster for subset {hop.Subset})", $"HTTP 503(NC:子集 {hop.Subset} 无集群)",
                    $"connection reset (NC: no cluster for subset {hop.Subset})", $"连接被重置(NC:子集 {hop.Subset} 无集群)");
            }
            var mode = tls?.Mode?.Value ?? "none";
            Hop("gateway-subset", model.ObjectOf(rule, tls?.Location), $"TLS to the gateway: {mode}{(tls?.Sni is { } sni ? $", sni {sni.Value}" : "")}",
                $"到网关的 TLS:{mode}{(tls?.Sni is { } z ? $",sni {z.Value}" : "")}");
            if (traffic.GatewayRoute(gatewayPort) is not { } gatewayHop)
            {
                Hop("gateway-server", null, $"no Gateway serves {traffic.Host} on port {gatewayPort} with a route that forwards it",
                    $"没有 Gateway 在端口 {gatewayPort} 上为 {traffic.Host} 提供服务并转发它");
                return Refused("HTTP 404 (NR at the egress gateway)", "HTTP 404(出口网关处 NR)", "connection reset at the egress gateway (no matching server)", "在出口网关处连接被重置(无匹配的服务器)");
            }
            var server = gatewayHop.Server;
            Hop("gateway-server", model.ObjectOf(gatewayHop.Gateway, server.Location),
                $"server port {server.Port} {server.Protocol?.Value}, TLS {server.Tls?.Mode?.Value ?? "none"}", $"服务器端口 {server.Port} {server.Protocol?.Value},TLS {server.Tls?.Mode?.Value ?? "无"}");
            var security = traffic.HopSecurityOf(tls, server);
            if (security is HopSecurity.Mismatch or HopSecurity.WrongSni)
            {
                Hop("gateway-server", model.ObjectOf(gatewayHop.Gateway, server.Location),
                    security == HopSecurity.WrongSni ? $"the subset's SNI '{tls?.Sni?.Value}' selects no server of {traffic.Host}" : $"the sidecar sends TLS mode {mode}, the server expects {server.Tls?.Mode?.Value ?? "no TLS"}",
                    security == HopSecurity.WrongSni ? $"子集的 SNI“{tls?.Sni?.Value}”选不中 {traffic.Host} 的服务器" : $"Sidecar 发送 TLS 模式 {mode},服务器期望 {server.Tls?.Mode?.Value ?? "非 TLS"}");
                return Refused("HTTP 503 (UF: the TLS handshake with the egress gateway fails)", "HTTP 503(UF:与出口网关的 TLS 握手失败)",
                    "connection reset (the TLS handshake with the egress gateway fails)", "连接被重置(与出口网关的 TLS 握手失败)");
            }
            var upstream = gatewayHop.Upstream;
            var upstreamHost = upstream.Host!.Value.Value;
            var upstreamPort = upstream.Port ?? traffic.Port;
            Hop("gateway-route", model.ObjectOf(gatewayHop.Service, gatewayHop.Route.Location), $"forwards it to {upstreamHost}:{upstreamPort}", $"把它转发到 {upstreamHost}:{upstreamPort}");
            if (!traffic.ForwardsToHost(gatewayHop))
            {
                return Refused($"sent to {upstreamHost} instead", $"被发往 {upstreamHost}", $"sent to {upstreamHost} instead", $"被发往 {upstreamHost}");
            }
            var origination = traffic.OriginationAt(gatewayNamespace, upstreamPort);
            if (origination.Rule is { } origin)
            {
                Hop("tls-origination", model.ObjectOf(origin, origination.Tls?.Location), $"the gateway originates TLS ({origination.Tls?.Mode?.Value}) to {traffic.Host}:{origination.EndpointPort}",
                    $"网关向 {traffic.Host}:{origination.EndpointPort} 发起 TLS({origination.Tls?.Mode?.Value})");
                if (origination.Kind == OriginationKind.DoubleTls)
                {
                    return Refused("TLS error (TLS originated over the application's TLS)", "TLS 错误(在应用的 TLS 之上再次发起 TLS)",
                        "TLS error (TLS originated over the application's TLS)", "TLS 错误(在应用的 TLS 之上再次发起 TLS)");
                }
            }
            var admission = traffic.Admission(gatewayHop.Gateway, gatewayNamespace, gatewayPort);
            if (admission.Authorizes)
            {
                var account = model.ServiceAccountOf(source);
                var policy = admission.Policies.FirstOrDefault();
                var at = model.ObjectOf(policy) ?? model.ObjectOf(gatewayHop.Gateway);
                if (!admission.Admits(source.Namespace, account))
                {
                    Hop("authorization", at,
                        $"the gateway's ALLOW policies admit {Admitted(admission)} for {traffic.Host}; not '{source.Namespace}'{(account is null ? "" : $" (service account {account})")}",
                        $"网关的 ALLOW 策略为 {traffic.Host} 放行 {Admitted(admission)};不含“{source.Namespace}”{(account is null ? "" : $"(服务账号 {account})")}");
                    return Refused("HTTP 403 (RBAC: access denied at the egress gateway)", "HTTP 403(RBAC:出口网关拒绝访问)",
                        "connection reset (RBAC: access denied at the egress gateway)", "连接被重置(RBAC:出口网关拒绝访问)");
                }
                Hop("authorization", at, $"admits '{source.Namespace}'{(account is null ? "" : $" (service account {account})")}", $"放行“{source.Namespace}”{(account is null ? "" : $"(服务账号 {account})")}");
            }
            else
            {
                Hop("authorization", null, "no ALLOW AuthorizationPolicy applies to the gateway pods: the gateway admits any source", "没有 ALLOW AuthorizationPolicy 作用于网关 Pod:网关放行任意来源");
            }
            var carried = origination.Kind is OriginationKind.Simple or OriginationKind.Mutual ? ("TLS originated by the gateway", "由网关发起 TLS")
                : _http ? ($"plain {traffic.Protocol}", $"明文 {traffic.Protocol}") : ("TLS from the application, passed through", "应用发起的 TLS,透传");
            Hop("upstream", null, $"{traffic.Host}:{origination.EndpointPort} ({carried.Item1})", $"{traffic.Host}:{origination.EndpointPort}({carried.Item2})");
            return Done(ReachOutcome.Allowed, ReachVia.EgressGateway, null);
        }

        private static string Admitted(GatewayAdmission admission)
        {
            var names = admission.Namespaces.Order(StringComparer.Ordinal)
                .Concat(admission.Accounts.OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal)
                    .Select(a => $"{a.Namespace}/sa/{a.ServiceAccount}"))
                .ToArray();
            return names.Length == 0 ? "nothing" : string.Join(", ", names);
        }
    }
}
