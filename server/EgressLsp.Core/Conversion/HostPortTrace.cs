using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Conversion;

/// <summary>
/// A host and port the registry declares and the sidecars may dial: a ServiceEntry's (usually), else, for a host only a
/// VirtualService routes to a gateway, the Service declaring it or that VirtualService (the port its route matches, the
/// protocol its route block implies).
/// </summary>
internal sealed record HostDeclaration(MeshResource Declarer, ImmutableArray<string> ExportTo, Written Host, int Port, string? PortName, string Protocol);

/// <summary>What following one host and port of a ServiceEntry found: the destinations to propose, the findings, the objects crossed.</summary>
internal sealed record TraceResult(ImmutableArray<ConvertedDestination> Destinations, ImmutableArray<ConversionFinding> Findings,
    ImmutableArray<MeshResource> Objects);

/// <summary>
/// Follows the traffic of one external host H and port A of a ServiceEntry the way Istio routes it (the contract of
/// expansion.md read backwards): which namespaces see H, where each one's sidecars send H:A (the first matching route
/// of the VirtualService bound to <c>mesh</c> that it sees), the subset and TLS of the hop to the egress gateway, the
/// Gateway server and the gateway's route to H:U, TLS origination by a DestinationRule on H, and the ALLOW
/// AuthorizationPolicies of the gateway pods. What a policy cannot say becomes a finding, never a guess.
/// </summary>
internal sealed class HostPortTrace
{
    private readonly MeshView _mesh;
    private readonly WorkspaceIndex _workspace;
    private readonly EgressEnvironment _environment;
    private readonly HostDeclaration _declaration;
    private readonly MeshResource _entry;
    private readonly Written _host;
    private readonly int _portNumber;
    private readonly string _fqdn;
    private readonly string _protocol;
    private readonly TrafficKind _kind;
    private readonly List<ConversionFinding> _findings = [];
    private readonly List<MeshResource> _objects = [];

    public HostPortTrace(MeshView mesh, WorkspaceIndex workspace, EgressEnvironment environment, HostDeclaration declaration)
    {
        _mesh = mesh;
        _workspace = workspace;
        _environment = environment;
        _declaration = declaration;
        _entry = declaration.Declarer;
        _host = declaration.Host;
        _portNumber = declaration.Port;
        _fqdn = mesh.Fqdn(_host.Value, _entry.Namespace);
        _protocol = Protocols.Normalize(declaration.Protocol);
        _kind = Protocols.KindOf(_protocol);
    }

    private string Block => _kind switch { TrafficKind.Http => "http", TrafficKind.Tls => "tls", _ => "tcp" };

    /// <summary>Where the sidecars of one namespace (or of its workloads with some labels) send H:A.</summary>
    private sealed record Outcome(string? GatewayHost, int? GatewayPort, string? Subset, MeshRoute? Route, VirtualServiceModel? Service, MeshDestination? Destination,
        bool Direct)
    {
        public static Outcome Refused(MeshRoute? route, VirtualServiceModel? service) => new(null, null, null, route, service, null, Direct: false);

        public bool ToGateway => GatewayHost is not null;
    }

    /// <summary>What a namespace's sidecars do with H:A: labelled workloads first, then everyone else.</summary>
    private sealed record NamespaceRouting(string Namespace, ImmutableArray<(ImmutableArray<Label> Labels, Outcome Outcome)> Labelled, Outcome Rest);

    public TraceResult Run()
    {
        _objects.Add(_entry);
        if (_kind == TrafficKind.Unknown)
        {
            return Result([]);
        }
        var services = _mesh.VirtualServices
            .Where(vs => vs.IsBoundToMesh && vs.Hosts.Any(h => MeshHost.SubsetOf(_fqdn, _mesh.Fqdn(h.Value, vs.Namespace))))
            .ToArray();
        var routings = CandidateNamespaces(services, out var open)
            .Where(ns => MeshHost.IsExportedTo(_declaration.ExportTo, _entry.Namespace, ns))
            .Select(ns => Route(ns, services))
            .ToArray();
        var hops = routings
            .SelectMany(r => r.Labelled.Select(l => l.Outcome).Append(r.Rest))
            .Where(o => o.ToGateway)
            .DistinctBy(o => (o.GatewayHost, o.GatewayPort, o.Subset))
            .ToArray();
        if (hops.Length == 0)
        {
            NotConverted(_host.Location, new LocalizedText(
                "no route sends it to an egress gateway (the sidecars connect to it directly, or not at all)",
                "没有路由把它发往出口网关(Sidecar 直接连接它,或根本不连接)"));
            return Result([]);
        }
        if (MeshHost.IsWildcard(_host.Value))
        {
            NotConverted(_host.Location, new LocalizedText(
                "a wildcard host cannot be resolved by DNS at the egress gateway; a policy lists each host by name (EGP029)",
                "通配主机无法在出口网关处通过 DNS 解析;策略须逐个列出主机名(EGP029)"));
            return Result([]);
        }
        var destinations = ImmutableArray.CreateBuilder<ConvertedDestination>();
        foreach (var hop in hops)
        {
            if (Destination(hop, routings, open) is { } destination)
            {
                destinations.Add(destination);
            }
        }
        return Result(destinations.ToImmutable());
    }

    private TraceResult Result(ImmutableArray<ConvertedDestination> destinations) =>
        new(destinations, [.. _findings], [.. _objects.Distinct()]);

    // ----- which namespaces, and where their sidecars send H:A

    /// <summary>
    /// The namespaces that may send H:A: those the ServiceEntry is exported to; when it is exported everywhere
    /// (<paramref name="open"/>), the namespaces the workspace knows or the resources name. The root namespace, where
    /// Istio's gateways run, is a source only when a route names it.
    /// </summary>
    private IEnumerable<string> CandidateNamespaces(VirtualServiceModel[] services, out bool open)
    {
        open = _declaration.ExportTo.IsEmpty || _declaration.ExportTo.Contains(MeshView.ExportToAll);
        var named = services.SelectMany(vs => vs.Routes.SelectMany(r => r.SourceNamespaces)).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> candidates = open
            ? _workspace.KnownNamespaces.Append(_entry.Namespace).Concat(services.Select(vs => vs.Namespace)).Concat(named)
                .Concat(_mesh.AuthorizationPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources).SelectMany(s => s.Namespaces).Select(n => n.Value))
            : _declaration.ExportTo.Select(e => e == "." ? _entry.Namespace : e);
        return candidates
            .Where(ns => ns.Length > 0 && !ns.Contains('*') && (ns != _environment.RootNamespace || named.Contains(ns)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    private NamespaceRouting Route(string ns, VirtualServiceModel[] services)
    {
        var service = services.FirstOrDefault(vs => MeshHost.IsExportedTo(vs.ExportTo, vs.Namespace, ns));
        if (service is null)
        {
            // No VirtualService: the sidecars connect to H themselves (registry-only meshes included: H is registered).
            return new NamespaceRouting(ns, [], new Outcome(null, null, null, null, null, null, Direct: true));
        }
        _objects.Add(service);
        var labelled = ImmutableArray.CreateBuilder<(ImmutableArray<Label>, Outcome)>();
        foreach (var route in service.Routes.Where(r => r.Block == Block && service.IsSidecarRoute(r)))
        {
            MeshMatch?[] matches = route.Matches.IsEmpty ? [null] : [.. route.Matches.Where(m => AppliesInMesh(service, m, ns))];
            if (matches.Length == 0)
            {
                continue;
            }
            var outcome = OutcomeOf(service, route);
            if (matches.Any(m => m is null || m.SourceLabels.IsEmpty))
            {
                return new NamespaceRouting(ns, labelled.ToImmutable(), outcome);
            }
            foreach (var match in matches)
            {
                labelled.Add((match!.SourceLabels, outcome));
            }
        }
        // No route matched: HTTP finds no route (404 NR); TLS and TCP fall through to a direct connection.
        return new NamespaceRouting(ns, labelled.ToImmutable(),
            _kind == TrafficKind.Http ? Outcome.Refused(null, service) : new Outcome(null, null, null, null, service, null, Direct: true));
    }

    /// <summary>Whether a match of a sidecar route applies to H:A from <paramref name="ns"/> (labels aside).</summary>
    private bool AppliesInMesh(VirtualServiceModel service, MeshMatch match, string ns)
    {
        var gateways = match.Gateways.IsEmpty ? service.BoundGateways : match.Gateways.Select(g => g.Value);
        if (!gateways.Contains(VirtualServiceModel.MeshGatewayName) || match.PortNumber is { } port && port != _portNumber ||
            match.SourceNamespace is { } source && source != ns || !match.SniHosts.IsEmpty && !match.SniHosts.Any(s => MeshHost.SubsetOf(_fqdn, s.Value)) ||
            match.Authority is { } authority && !Authorities.Contains(authority))
        {
            return false;
        }
        ReportConditions(match, service);
        return true;
    }

    private ImmutableArray<string> Authorities => _portNumber == 80 ? [_host.Value, $"{_host.Value}:80"] : [$"{_host.Value}:{_portNumber}"];

    private Outcome OutcomeOf(VirtualServiceModel service, MeshRoute route)
    {
        ReportBehaviours(route, service);
        if (route.DirectResponseStatus is not null)
        {
            return Outcome.Refused(route, service);
        }
        var destinations = route.Destinations.Where(d => !d.IsMirror).ToArray();
        if (destinations.Length > 1)
        {
            LeftOut(new Written("route", destinations[1].Location), new LocalizedText("weighted route", "按权重分流的路由"), service, new LocalizedText(
                "a policy sends each destination through one gateway port; the proposal keeps the heaviest destination",
                "策略让每个目的地只经过一个网关端口;提议保留权重最大的目的地"));
        }
        var destination = destinations.OrderByDescending(d => d.Weight ?? 0).FirstOrDefault();
        if (destination?.Host is not { } host)
        {
            return Outcome.Refused(route, service);
        }
        var fqdn = _mesh.Fqdn(host.Value, service.Namespace);
        if (IsGatewayHost(fqdn))
        {
            return new Outcome(fqdn, destination.Port, destination.Subset?.Value, route, service, destination, Direct: false);
        }
        return new Outcome(null, null, null, route, service, destination, Direct: fqdn == _fqdn);
    }

    /// <summary>
    /// An egress gateway's Service: one the mesh knows as such (<see cref="MeshView.IsEgressGatewayHost"/>), or any
    /// cluster-local host other than H when a Gateway of the workspace forwards H onward (a gateway of one's own name).
    /// </summary>
    private bool IsGatewayHost(string fqdn) =>
        _mesh.IsEgressGatewayHost(fqdn) || fqdn != _fqdn && _mesh.ServiceOf(fqdn) is not null && _mesh.GatewayHopsTo(_fqdn).Any(h => h.Gateway is not null);

    // ----- one gateway hop: the subset, the Gateway, the gateway's route, origination, authorisation

    private ConvertedDestination? Destination(Outcome hop, NamespaceRouting[] routings, bool open)
    {
        var gatewayPort = hop.GatewayPort;
        var (gatewayNamespace, gatewayService) = _mesh.ServiceOf(hop.GatewayHost!)!.Value;
        if (gatewayPort is null)
        {
            NotConverted(hop.Destination!.Location, new LocalizedText(
                "the route to the egress gateway names no port, so the gateway port is unknown",
                "发往出口网关的路由未指定端口,无法得知网关端口"));
            return null;
        }
        if (GatewayRoute(gatewayPort.Value) is not { } gatewayHop)
        {
            NotConverted(hop.Route!.Location, new LocalizedText(
                $"no route of a Gateway forwards it when it arrives at the egress gateway on port {gatewayPort}, so the gateway drops it",
                $"没有网关路由在它到达出口网关端口 {gatewayPort} 时转发它,网关会丢弃它"));
            return null;
        }
        var (service, route, upstream, gateway, server) = gatewayHop;
        _objects.Add(service);
        _objects.Add(gateway);
        ReportBehaviours(route, service);
        if (_mesh.Fqdn(upstream.Host!.Value.Value, service.Namespace) != _fqdn)
        {
            NotConverted(upstream.Location, new LocalizedText(
                $"the egress gateway forwards it to {upstream.Host.Value.Value}, another host",
                $"出口网关把它转发到另一个主机 {upstream.Host.Value.Value}"));
            return null;
        }
        var upstreamPort = upstream.Port ?? _portNumber;
        var differences = new HashSet<ProposalDifference>();
        var sources = new List<(string Namespace, ImmutableArray<Label> Labels)>();
        var hopFound = false;
        ClientTls? hopTls = null;
        // The gateway's own namespace sees H so that the gateway can forward it; its sidecars are no source.
        foreach (var routing in routings.Where(r => r.Namespace != gatewayNamespace))
        {
            var selected = routing.Labelled.Where(l => SameHop(l.Outcome, hop)).Select(l => l.Labels).ToList();
            var whole = SameHop(routing.Rest, hop);
            if (!whole && selected.Count == 0)
            {
                ReportBypass(routing, differences);
                continue;
            }
            if (!TrySubsetTls(routing.Namespace, hop, gatewayNamespace, out var tls))
            {
                SourcesDiffer(hop.Destination!.Location, new LocalizedText(
                    $"namespace '{routing.Namespace}' is routed to subset '{hop.Subset}', which no DestinationRule on its lookup path declares (503 NC)",
                    $"命名空间“{routing.Namespace}”被路由到子集“{hop.Subset}”,但其查找路径上没有 DestinationRule 声明它(503 NC)"),
                    NotListed(routing.Namespace), differences);
                continue;
            }
            if (!hopFound)
            {
                (hopFound, hopTls) = (true, tls);
            }
            if (whole)
            {
                if (selected.Count > 0 || routing.Labelled.Any(l => !SameHop(l.Outcome, hop)))
                {
                    ReportExceptions(routing, hop, differences);
                }
                sources.Add((routing.Namespace, []));
            }
            else
            {
                sources.AddRange(selected.Distinct(LabelsComparer.Instance).Select(labels => (routing.Namespace, labels)));
            }
        }
        if (!hopFound || !CheckHopTls(hopTls, server, gateway, differences) || !TryOrigination(gatewayNamespace, upstreamPort, upstream, out var upgrade))
        {
            return null;
        }
        var admitted = Admitted(gateway, gatewayNamespace, gatewayPort.Value, differences);
        var listed = Authorised(sources, admitted, hop, differences);
        if (listed.Count == 0)
        {
            NotConverted(hop.Route!.Location, new LocalizedText(
                "no namespace is both routed to the egress gateway and admitted by it",
                "没有命名空间既被路由到出口网关又被它放行"));
            return null;
        }
        if (open && admitted.All && routings.Any(r => r.Rest.ToGateway && r.Rest.Route is { } rest && !rest.SourceNamespaces.Any()))
        {
            SourcesDiffer(_entry.Location, new LocalizedText(
                "every namespace of the mesh reaches it through the gateway (the ServiceEntry is exported everywhere and the gateway admits any source)",
                "网格中的每个命名空间都可经网关访问它(ServiceEntry 导出到所有命名空间,且网关放行任意来源)"),
                new LocalizedText(
                    $"lists the namespaces the workspace knows ({string.Join(", ", listed.Select(s => s.Namespace).Distinct())}); add any other that needs it",
                    $"列出工作区已知的命名空间({string.Join(", ", listed.Select(s => s.Namespace).Distinct())});如有其他需要访问的命名空间请补充"),
                differences);
        }
        var identity = new GatewayIdentity(gateway.Selector.FirstOrDefault(l => l.Key == Manifest.GatewayLabelKey).Value ?? gatewayService,
            gatewayNamespace, gatewayService, gateway.Selector, _mesh.ClusterDomain);
        var group = hop.Route?.Name ?? $"{_entry.Namespace}/{_entry.Name}";
        return new ConvertedDestination(_host.Value, _portNumber, _protocol, _declaration.PortName, group, hop.Route?.Name ?? _entry.Name, identity,
            gatewayPort.Value, upgrade, [.. listed.Select(s => new ProposedSource(s.Namespace, s.Labels))], [.. differences.Order()], [.. _objects.Distinct()]);
    }

    private static bool SameHop(Outcome outcome, Outcome hop) =>
        outcome.ToGateway && outcome.GatewayHost == hop.GatewayHost && outcome.GatewayPort == hop.GatewayPort && outcome.Subset == hop.Subset;

    private sealed record GatewayRouteHop(VirtualServiceModel Service, MeshRoute Route, MeshDestination Upstream, GatewayModel Gateway, GatewayServer Server);

    /// <summary>The route a Gateway applies to H arriving on port P, with the server that takes it.</summary>
    private GatewayRouteHop? GatewayRoute(int gatewayPort)
    {
        var blocks = _kind == TrafficKind.Http ? ["http"] : new[] { "tls", "tcp" };
        foreach (var hop in _mesh.GatewayHopsTo(_fqdn))
        {
            if (hop.Gateway is not { } gateway || !blocks.Contains(hop.Route.Block) || hop.Destination.IsMirror || hop.Destination.Host is null)
            {
                continue;
            }
            var reference = $"{gateway.Namespace}/{gateway.Name}";
            var applies = hop.Route.Matches.IsEmpty || hop.Route.Matches.Any(m =>
                (m.Gateways.IsEmpty || m.Gateways.Any(g => IstioResourceKind.GatewayNamed(g.Value, hop.VirtualService.Namespace) is { } named &&
                    $"{named.Namespace}/{named.Name}" == reference)) &&
                (m.PortNumber is not { } port || port == gatewayPort) &&
                (m.SniHosts.IsEmpty || m.SniHosts.Any(s => MeshHost.SubsetOf(_fqdn, s.Value))) &&
                (m.Authority is not { } authority || Authorities.Contains(authority)));
            var server = gateway.Servers.FirstOrDefault(s => s.Port == gatewayPort && s.Hosts.Any(h =>
                MeshHost.GatewayHostFor(h.Value, gateway.Namespace, hop.VirtualService.Namespace) is { } covered && MeshHost.SubsetOf(_fqdn, covered)));
            if (applies && server is not null)
            {
                foreach (var match in hop.Route.Matches)
                {
                    ReportConditions(match, hop.VirtualService);
                }
                return new GatewayRouteHop(hop.VirtualService, hop.Route, hop.Destination, gateway, server);
            }
        }
        return null;
    }

    /// <summary>
    /// The client TLS of the hop to the gateway port as a sidecar of <paramref name="ns"/> applies it (the subset's, for
    /// the port or whole, else the rule's); false when the route names a subset no DestinationRule on the lookup path declares.
    /// </summary>
    private bool TrySubsetTls(string ns, Outcome hop, string gatewayNamespace, out ClientTls? tls)
    {
        foreach (var rule in _mesh.DestinationRulesFor(ns, hop.GatewayHost!, gatewayNamespace))
        {
            ReportTrafficSettings(rule);
            var subset = rule.Subsets.FirstOrDefault(s => s.Name.Value == hop.Subset);
            if (hop.Subset is null || subset is not null)
            {
                _objects.Add(rule);
                tls = (subset is null ? null : PortTls(subset.PortTls, hop.GatewayPort) ?? subset.Tls) ?? PortTls(rule.PortTls, hop.GatewayPort) ?? rule.Tls;
                return true;
            }
        }
        tls = null;
        return hop.Subset is null;
    }

    private static ClientTls? PortTls(ImmutableArray<PortTls> ports, int? port) => ports.FirstOrDefault(p => p.Port == port)?.Tls;

    /// <summary>
    /// The hop to the gateway as the two ends see it: Istio mutual TLS (the subset's ISTIO_MUTUAL with <c>sni: H</c>, a
    /// server terminating mutual TLS), or plain (no client TLS; a plain HTTP server or TLS passthrough). A hop whose
    /// ends disagree never carries traffic, and is not converted.
    /// </summary>
    private bool CheckHopTls(ClientTls? tls, GatewayServer server, GatewayModel gateway, HashSet<ProposalDifference> differences)
    {
        var mode = tls?.Mode?.Value;
        var serverMode = server.Tls?.Mode?.Value;
        var protocol = server.Protocol?.Value.ToUpperInvariant();
        var mutual = mode == "ISTIO_MUTUAL";
        var terminates = serverMode is "ISTIO_MUTUAL" or "MUTUAL" or "SIMPLE" or "OPTIONAL_MUTUAL";
        if (mutual != terminates || mode is not (null or "DISABLE" or "ISTIO_MUTUAL"))
        {
            NotConverted(tls?.Location ?? server.Location, new LocalizedText(
                $"the sidecars send {(mutual ? "Istio mutual TLS" : mode is null or "DISABLE" ? "no TLS" : $"TLS mode {mode}")} to the gateway, but its server on port {server.Port} {(terminates ? $"terminates TLS ({serverMode})" : "does not terminate TLS")}",
                $"Sidecar 向网关发送{(mutual ? " Istio 双向 TLS" : mode is null or "DISABLE" ? "非 TLS 流量" : $" TLS 模式 {mode}")},但其端口 {server.Port} 的服务器{(terminates ? $"终止 TLS({serverMode})" : "不终止 TLS")}"));
            return false;
        }
        if (mutual && tls!.Sni?.Value != _host.Value)
        {
            NotConverted(tls.Sni?.Location ?? tls.Location, new LocalizedText(
                $"the gateway subset sends SNI '{tls.Sni?.Value}', so the gateway cannot select the server of {_host.Value} (EGI004)",
                $"网关子集发送的 SNI 为“{tls.Sni?.Value}”,网关无法据此选中 {_host.Value} 的服务器(EGI004)"));
            return false;
        }
        if (!mutual || serverMode != "ISTIO_MUTUAL")
        {
            differences.Add(ProposalDifference.PlainHopToGateway);
            Stricter(server.Tls?.Location ?? server.Location, new LocalizedText(
                !mutual
                    ? $"the sidecars reach the egress gateway {(protocol == "HTTP" ? "in plain text" : "with TLS passed through")} (server port {server.Port} of Gateway {gateway.Namespace}/{gateway.Name})"
                    : $"Gateway {gateway.Namespace}/{gateway.Name} terminates mutual TLS with its own certificate files ({serverMode})",
                    !mutual
                    ? $"Sidecar 以{(protocol == "HTTP" ? "明文" : " TLS 透传")}访问出口网关(Gateway {gateway.Namespace}/{gateway.Name} 的端口 {server.Port})"
                    : $"Gateway {gateway.Namespace}/{gateway.Name} 用自己的证书文件终止双向 TLS({serverMode})"),
                new LocalizedText("secures the hop with Istio mutual TLS (ISTIO_MUTUAL, with the SNI of the host)", "用 Istio 双向 TLS(ISTIO_MUTUAL,SNI 为该主机)保护这一跳"));
        }
        return true;
    }

    /// <summary>
    /// TLS origination at the gateway: a SIMPLE DestinationRule for H on port U, seen from the gateway's namespace, is
    /// the policy's <c>httpsUpgrade</c> (null port: none). What a policy cannot originate is not converted.
    /// </summary>
    private bool TryOrigination(string gatewayNamespace, int upstreamPort, MeshDestination upstream, out int? upgrade)
    {
        upgrade = null;
        ClientTls? tls = null;
        foreach (var rule in _mesh.DestinationRulesFor(gatewayNamespace, _fqdn, _entry.Namespace))
        {
            if ((PortTls(rule.PortTls, upstreamPort) ?? rule.Tls) is { } found)
            {
                tls = found;
                _objects.Add(rule);
                ReportTrafficSettings(rule);
            }
            foreach (var unused in rule.PortTls.Where(p => p.Port is { } port && port != upstreamPort && p.Tls.Originates))
            {
                _findings.Add(new ConversionFinding(unused.Tls.Location,
                    DiagnosticCatalog.EGC006.Create(unused.Tls.Location.Span, $"{rule.Kind} {rule.Namespace}/{rule.Name}", _host.Value, unused.Port, upstreamPort)));
            }
        }
        var mode = tls?.Mode?.Value;
        if (mode == "MUTUAL")
        {
            NotConverted(tls!.Location, new LocalizedText(
                "the egress gateway originates mutual TLS with a client certificate, which a policy cannot express",
                "出口网关以客户端证书发起双向 TLS,策略无法表达"));
            return false;
        }
        var originates = mode == "SIMPLE";
        if (originates && _kind != TrafficKind.Http)
        {
            NotConverted(tls!.Location, new LocalizedText(
                "the application already sends TLS, and the gateway would originate TLS again (EGP020)",
                "应用已发送 TLS,网关又会再次发起 TLS(EGP020)"));
            return false;
        }
        if (!originates && upstreamPort != _portNumber)
        {
            NotConverted(upstream.Location, new LocalizedText(
                $"the egress gateway forwards it to port {upstreamPort} without originating TLS; a policy changes the port only to upgrade to HTTPS",
                $"出口网关把它转发到端口 {upstreamPort} 却不发起 TLS;策略只在升级为 HTTPS 时改变端口"));
            return false;
        }
        upgrade = originates ? upstreamPort : null;
        return true;
    }

    /// <summary>Whom the gateway admits for H: everyone (no ALLOW policy applies to its pods), namespaces, or service accounts.</summary>
    private sealed record Admission(bool All, HashSet<string> Namespaces, HashSet<(string Namespace, string ServiceAccount)> Accounts);

    private Admission Admitted(GatewayModel gateway, string gatewayNamespace, int gatewayPort, HashSet<ProposalDifference> differences)
    {
        var workloadNamespace = _mesh.GatewayWorkloadNamespace(gateway, gatewayNamespace);
        var applying = _mesh.AuthorizationPolicies
            .Where(ap => (ap.Namespace == workloadNamespace || ap.Namespace == _environment.RootNamespace) && !ap.HasTargetRefs &&
                (ap.Selector is not { } selector || selector.All(l => gateway.Selector.Contains(l))))
            .ToArray();
        foreach (var other in applying.Where(ap => ap.Action != "ALLOW"))
        {
            _objects.Add(other);
            LeftOut(new Written(other.Action, other.Location), new LocalizedText("authorization action", "授权动作"), other, new LocalizedText(
                "a policy admits sources with ALLOW rules only; keep this one beside it", "策略只用 ALLOW 规则放行来源;请在其旁保留此对象"));
        }
        var allows = applying.Where(ap => ap.Action == "ALLOW").ToArray();
        if (allows.Length == 0)
        {
            differences.Add(ProposalDifference.NoGatewayAuthorization);
            Stricter(gateway.Location, new LocalizedText(
                $"no ALLOW AuthorizationPolicy applies to the egress gateway pods, so the gateway admits whatever reaches it",
                "没有 ALLOW AuthorizationPolicy 作用于出口网关 Pod,网关放行到达它的一切流量"),
                new LocalizedText("adds one that admits only the listed sources", "会增加一个只放行所列来源的 AuthorizationPolicy"));
            return new Admission(true, [], []);
        }
        var admission = new Admission(false, new HashSet<string>(StringComparer.Ordinal), []);
        foreach (var policy in allows)
        {
            foreach (var rule in policy.Rules.Where(r => Covers(r, gatewayPort)))
            {
                _objects.Add(policy);
                foreach (var condition in rule.Conditions)
                {
                    LeftOut(condition, new LocalizedText("authorization condition", "授权条件"), policy, new LocalizedText(
                        "a policy admits by source only; the proposal admits the rule's sources for every request",
                        "策略只按来源放行;提议对所有请求放行该规则的来源"));
                }
                if (rule.Sources.IsEmpty)
                {
                    return admission with { All = true };
                }
                foreach (var source in rule.Sources)
                {
                    foreach (var condition in source.Conditions.Concat(source.NotNamespaces))
                    {
                        LeftOut(condition, new LocalizedText("source condition", "来源条件"), policy, new LocalizedText(
                            "a policy lists sources by namespace and workload labels only", "策略只按命名空间和工作负载标签列出来源"));
                    }
                    if (!source.Principals.IsEmpty)
                    {
                        foreach (var principal in source.Principals)
                        {
                            if (principal.Value == "*")
                            {
                                return admission with { All = true };
                            }
                            if (ParsePrincipal(principal.Value) is { } account)
                            {
                                admission.Accounts.Add(account);
                            }
                        }
                    }
                    else if (source.Namespaces.Any(n => n.Value == "*"))
                    {
                        return admission with { All = true };
                    }
                    else
                    {
                        admission.Namespaces.UnionWith(source.Namespaces.Select(n => n.Value));
                    }
                }
            }
        }
        return admission;
    }

    /// <summary>
    /// Whether an ALLOW rule covers H: for HTTP, its <c>to.operation.hosts</c> name H as the Host header carries it;
    /// for TLS and TCP, its <c>connection.sni</c> values name H and it has no HTTP-only field (which never matches a
    /// TCP connection, security/pkg/.../authz/builder); <c>ports</c> name the gateway port.
    /// </summary>
    private bool Covers(AuthorizationRule rule, int gatewayPort) =>
        (rule.Ports is not { } ports || ports.Contains(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture))) &&
        (_kind == TrafficKind.Http
            ? rule.Hosts is not { } hosts || hosts.Any(h => Authorities.Contains(h) || h == _host.Value)
            : rule.Hosts is null && (rule.SniValues is not { } sni || sni.Contains(_host.Value)));

    /// <summary><c>{trust domain}/ns/{namespace}/sa/{service account}</c>.</summary>
    private static (string Namespace, string ServiceAccount)? ParsePrincipal(string principal)
    {
        var parts = principal.Split('/');
        return parts is [_, "ns", var ns, "sa", var account] && !ns.Contains('*') && !account.Contains('*') ? (ns, account) : null;
    }

    /// <summary>The sources both routed to the gateway and admitted by it; an admitted service account becomes the labels of its workloads.</summary>
    private List<(string Namespace, ImmutableArray<Label> Labels)> Authorised(List<(string Namespace, ImmutableArray<Label> Labels)> routed, Admission admitted,
        Outcome hop, HashSet<ProposalDifference> differences)
    {
        if (admitted.All)
        {
            return routed;
        }
        var result = new List<(string, ImmutableArray<Label>)>();
        foreach (var (ns, labels) in routed)
        {
            if (admitted.Namespaces.Contains(ns))
            {
                result.Add((ns, labels));
                continue;
            }
            var accounts = admitted.Accounts.Where(a => a.Namespace == ns).Select(a => a.ServiceAccount).Order(StringComparer.Ordinal).ToArray();
            if (accounts.Length == 0)
            {
                continue;
            }
            if (!labels.IsEmpty)
            {
                result.Add((ns, labels));
                continue;
            }
            foreach (var account in accounts)
            {
                if (LabelsOf(ns, account) is { } derived)
                {
                    result.Add((ns, derived));
                }
                else
                {
                    SourcesDiffer(hop.Destination!.Location, new LocalizedText(
                        $"the gateway admits service account '{account}' of namespace '{ns}', and no set of pod labels selects exactly the workloads of the workspace that run as it",
                        $"网关放行命名空间“{ns}”的服务账号“{account}”,但工作区中没有一组 Pod 标签恰好选中以它运行的工作负载"),
                        new LocalizedText($"does not list it: add its workloads to the workspace and convert again, or add the source by hand",
                            "未列出它:请把其工作负载加入工作区后重新转换,或手动添加该来源"),
                        differences);
                }
            }
        }
        return result;
    }

    /// <summary>The pod labels all workloads running as <paramref name="account"/> share, when they select exactly those workloads.</summary>
    private ImmutableArray<Label>? LabelsOf(string ns, string account)
    {
        var workloads = _workspace.WorkloadsIn(ns).ToArray();
        var running = workloads.Where(w => w.ServiceAccount == account).ToArray();
        if (running.Length == 0)
        {
            return null;
        }
        ImmutableArray<Label> common = [.. running[0].PodLabels.Where(l => running.All(w => w.PodLabels.Contains(l)))];
        return !common.IsEmpty && workloads.Where(w => w.Matches(common)).All(w => w.ServiceAccount == account) ? common : null;
    }

    // ----- findings

    private void NotConverted(ManifestLocation at, LocalizedText reason) =>
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC002.Create(at.Span, _host.Value, _portNumber, reason)));

    private void Stricter(ManifestLocation at, LocalizedText input, LocalizedText proposal) =>
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC003.Create(at.Span, _host.Value, _portNumber, input, proposal)));

    private void SourcesDiffer(ManifestLocation at, LocalizedText input, LocalizedText proposal, HashSet<ProposalDifference> differences)
    {
        differences.Add(ProposalDifference.SourcesDiffer);
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC004.Create(at.Span, _host.Value, _portNumber, input, proposal)));
    }

    private static LocalizedText NotListed(string ns) => new($"does not list '{ns}'", $"未列出“{ns}”");

    private void LeftOut(Written what, LocalizedText kind, MeshResource owner, LocalizedText consequence) =>
        _findings.Add(new ConversionFinding(what.Location, DiagnosticCatalog.EGC001.Create(what.Location.Span, kind, what.Value, owner.DisplayName, consequence)));

    private void ReportConditions(MeshMatch match, VirtualServiceModel service)
    {
        foreach (var condition in match.Conditions)
        {
            LeftOut(condition, new LocalizedText("match condition", "匹配条件"), service, new LocalizedText(
                "a policy routes every request to the host; the proposal drops the condition, so requests it excluded go through the gateway too",
                "策略路由发往该主机的所有请求;提议去掉此条件,原先被排除的请求也会经过网关"));
        }
    }

    private void ReportBehaviours(MeshRoute route, VirtualServiceModel service)
    {
        foreach (var behaviour in route.Behaviours)
        {
            LeftOut(behaviour, new LocalizedText("route setting", "路由设置"), service, new LocalizedText(
                "retries, timeouts, fault injection, mirroring, rewrites, redirects, header changes and CORS stay hand-written",
                "重试、超时、故障注入、流量镜像、重写、重定向、请求头修改和 CORS 需继续手写"));
        }
    }

    private void ReportTrafficSettings(DestinationRuleModel rule)
    {
        foreach (var setting in rule.TrafficSettings.IsDefault ? [] : rule.TrafficSettings)
        {
            LeftOut(setting, new LocalizedText("traffic policy setting", "流量策略设置"), rule, new LocalizedText(
                "load balancing, connection pools and outlier detection stay hand-written (a DestinationRule beside the policy's)",
                "负载均衡、连接池和异常检测需继续手写(在策略生成的对象旁另写 DestinationRule)"));
        }
    }

    /// <summary>A namespace that sees H:A but sends it elsewhere than a gateway: straight to H is a bypass the policy would close.</summary>
    private void ReportBypass(NamespaceRouting routing, HashSet<ProposalDifference> differences)
    {
        if (routing.Rest.Direct)
        {
            SourcesDiffer(routing.Rest.Route?.Location ?? routing.Rest.Service?.Location ?? _entry.Location, new LocalizedText(
                $"namespace '{routing.Namespace}' reaches it directly, bypassing the egress gateway",
                $"命名空间“{routing.Namespace}”绕过出口网关直接访问它"),
                new LocalizedText($"does not list '{routing.Namespace}': its requests would be refused", $"未列出“{routing.Namespace}”:其请求将被拒绝"), differences);
        }
    }

    /// <summary>Labelled workloads sent elsewhere before the rest of their namespace goes to the gateway: a policy cannot make exceptions.</summary>
    private void ReportExceptions(NamespaceRouting routing, Outcome hop, HashSet<ProposalDifference> differences)
    {
        foreach (var (labels, outcome) in routing.Labelled.Where(l => !SameHop(l.Outcome, hop)))
        {
            SourcesDiffer(outcome.Route?.Location ?? _entry.Location, new LocalizedText(
                $"workloads {{{string.Join(", ", labels.Select(l => $"{l.Key}: {l.Value}"))}}} of '{routing.Namespace}' are {(outcome.Direct ? "sent directly" : "refused")} while the rest of the namespace goes through the gateway",
                $"“{routing.Namespace}”中的工作负载 {{{string.Join(", ", labels.Select(l => $"{l.Key}: {l.Value}"))}}} 被{(outcome.Direct ? "直接发送" : "拒绝")},而该命名空间的其余部分经过网关"),
                new LocalizedText($"admits the whole of '{routing.Namespace}' through the gateway", $"允许整个“{routing.Namespace}”经网关访问"), differences);
        }
    }

    private sealed class LabelsComparer : IEqualityComparer<ImmutableArray<Label>>
    {
        public static LabelsComparer Instance { get; } = new();

        public bool Equals(ImmutableArray<Label> x, ImmutableArray<Label> y) => x.SequenceEqual(y);

        public int GetHashCode(ImmutableArray<Label> labels) => labels.Aggregate(0, (hash, label) => HashCode.Combine(hash, label));
    }
}
