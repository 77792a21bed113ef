using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Kinds.Istio;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Traffic;

/// <summary>
/// A host and port the registry declares and the sidecars may dial: a ServiceEntry's (usually), else, for a host only a
/// VirtualService routes to a gateway, the Service declaring it or that VirtualService (the port its route matches, the
/// protocol its route block implies).
/// </summary>
public sealed record HostDeclaration(MeshResource Declarer, ImmutableArray<string> ExportTo, Written Host, int Port, string? PortName, string Protocol);

/// <summary>Where the sidecars of one namespace (or of its workloads with some labels) send H:A, and the route that says so.</summary>
/// <param name="Direct">Straight to H (no route, or a route to H itself): a bypass of every egress gateway.</param>
public sealed record SidecarOutcome(string? GatewayHost, int? GatewayPort, string? Subset, MeshRoute? Route, VirtualServiceModel? Service,
    MeshDestination? Destination, bool Direct)
{
    public static SidecarOutcome Refused(MeshRoute? route, VirtualServiceModel? service) => new(null, null, null, route, service, null, Direct: false);

    public bool ToGateway => GatewayHost is not null;

    /// <summary>A route that answers itself (<c>directResponse</c>), else null.</summary>
    public int? Status => Route?.DirectResponseStatus;

    public bool SameHop(SidecarOutcome other) =>
        ToGateway && GatewayHost == other.GatewayHost && GatewayPort == other.GatewayPort && Subset == other.Subset;
}

/// <summary>What a namespace's sidecars do with H:A: workloads with some labels first (route order), then everyone else.</summary>
/// <param name="Conditions">The narrowing match keys (headers, URI…) of the matches that applied, with their VirtualService.</param>
public sealed record NamespaceRouting(string Namespace, ImmutableArray<(ImmutableArray<Label> Labels, SidecarOutcome Outcome)> Labelled, SidecarOutcome Rest,
    ImmutableArray<(Written Condition, VirtualServiceModel Service)> Conditions)
{
    /// <summary>Where a pod with <paramref name="podLabels"/> is sent: the first labelled route its labels satisfy, else the rest's.</summary>
    public SidecarOutcome For(IReadOnlyCollection<Label> podLabels) =>
        Labelled.FirstOrDefault(l => l.Labels.All(podLabels.Contains)).Outcome ?? Rest;
}

/// <summary>The route a Gateway applies to H arriving on the gateway port, with the server that takes it.</summary>
public sealed record GatewayRouteHop(VirtualServiceModel Service, MeshRoute Route, MeshDestination Upstream, GatewayModel Gateway, GatewayServer Server);

/// <summary>How the hop to the gateway is secured, as its two ends see it.</summary>
public enum HopSecurity
{
    /// <summary>ISTIO_MUTUAL from the subset, a server terminating ISTIO_MUTUAL.</summary>
    IstioMutual,

    /// <summary>ISTIO_MUTUAL from the subset, a server terminating mutual TLS with certificate files (Istio 1.0's idiom).</summary>
    CertificateFiles,

    /// <summary>No client TLS, a plain HTTP server.</summary>
    Plaintext,

    /// <summary>No client TLS, the application's TLS passed through.</summary>
    Passthrough,

    /// <summary>The two ends disagree: no traffic passes.</summary>
    Mismatch,

    /// <summary>Istio mutual TLS with an SNI other than H: the gateway cannot select H's server.</summary>
    WrongSni,
}

/// <summary>The gateway's TLS towards H on the upstream port.</summary>
public enum OriginationKind
{
    /// <summary>None, on the port the application dialled.</summary>
    None,

    /// <summary>SIMPLE TLS: the policy's httpsUpgrade.</summary>
    Simple,

    /// <summary>Mutual TLS with a client certificate.</summary>
    Mutual,

    /// <summary>TLS originated over the application's own TLS.</summary>
    DoubleTls,

    /// <summary>Another port than the application's, without TLS.</summary>
    PortChangeWithoutTls,
}

/// <param name="UpstreamPort">The port of H's cluster the gateway routes to (its DestinationRule settings are keyed by it).</param>
/// <param name="EndpointPort">The port H's endpoints receive it on: the ServiceEntry port's <c>targetPort</c>, else the same.</param>
/// <param name="Unused">DestinationRule ports on H that originate TLS where the gateway never sends.</param>
public sealed record Origination(OriginationKind Kind, int UpstreamPort, int EndpointPort, ClientTls? Tls, DestinationRuleModel? Rule,
    ImmutableArray<(DestinationRuleModel Rule, PortTls Port)> Unused);

/// <summary>
/// Whom the gateway's ALLOW AuthorizationPolicies admit for H: everyone when none applies to its pods
/// (<see cref="Authorizes"/> false) or a rule admits any source, else namespaces and service accounts.
/// </summary>
public sealed record GatewayAdmission(bool Authorizes, bool All, ImmutableHashSet<string> Namespaces, ImmutableHashSet<(string Namespace, string ServiceAccount)> Accounts,
    ImmutableArray<AuthorizationPolicyModel> Policies, ImmutableArray<(Written What, AuthorizationPolicyModel Policy)> Conditions,
    ImmutableArray<AuthorizationPolicyModel> OtherActions)
{
    public bool Admits(string ns, string? serviceAccount) =>
        All || Namespaces.Contains(ns) || serviceAccount is not null && Accounts.Contains((ns, serviceAccount));

    /// <summary>Whom it admits, as the answers name them: <c>curl, payments/sa/billing</c>, or <c>nothing</c>.</summary>
    public string Admitted
    {
        get
        {
            var names = Namespaces.Order(StringComparer.Ordinal)
                .Concat(Accounts.OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal)
                    .Select(a => $"{a.Namespace}/sa/{a.ServiceAccount}"))
                .ToArray();
            return names.Length == 0 ? "nothing" : string.Join(", ", names);
        }
    }
}

/// <summary>
/// One host and port followed through the mesh the way Istio routes it (the contract of expansion.md, for any
/// resources): visibility, the sidecars' routes per namespace, the hop to the egress gateway (subset, TLS, server),
/// the gateway's route and TLS origination, and its authorization. The conversion proposes a policy from it; the
/// reachability answers "can this source reach H:A" from it. Every step is data: the callers word it.
/// </summary>
public sealed class HostTraffic
{
    private readonly MeshView _mesh;
    private readonly EgressEnvironment _environment;
    // Each step is computed once per host and port and what it depends on: a matrix asks the same for every source,
    // and the language server's requests may ask at the same time.
    private readonly ConcurrentDictionary<string, NamespaceRouting> _routings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, GatewayRouteHop?> _gatewayRoutes = new();
    private readonly ConcurrentDictionary<(string Namespace, string? Host, int? Port, string? Subset), (bool, ClientTls?, DestinationRuleModel?)> _subsetTls = new();
    private readonly ConcurrentDictionary<(string Namespace, int Port), Origination> _originations = new();
    private readonly ConcurrentDictionary<(GatewayModel Gateway, string Namespace, int Port), GatewayAdmission> _admissions = new();
    private readonly ConcurrentDictionary<GatewayModel, GatewayAdmission> _waypointAdmissions = new();

    public HostTraffic(MeshView mesh, EgressEnvironment environment, HostDeclaration declaration)
    {
        _mesh = mesh;
        _environment = environment;
        Declaration = declaration;
        Fqdn = mesh.Fqdn(declaration.Host.Value, declaration.Declarer.Namespace);
        Protocol = Protocols.Normalize(declaration.Protocol);
        Kind = Protocols.KindOf(Protocol);
        MeshServices = [.. mesh.MeshServicesCovering(Fqdn)];
    }

    public HostDeclaration Declaration { get; }

    public string Host => Declaration.Host.Value;

    public int Port => Declaration.Port;

    public string Fqdn { get; }

    public string Protocol { get; }

    public TrafficKind Kind { get; }

    /// <summary>The VirtualServices bound to the sidecars (<c>mesh</c>) that route H.</summary>
    public ImmutableArray<VirtualServiceModel> MeshServices { get; }

    public bool IsVisibleTo(string ns) => MeshHost.IsExportedTo(Declaration.ExportTo, Declaration.Declarer.Namespace, ns);

    /// <summary>Exported everywhere: every namespace of the mesh sees H.</summary>
    public bool IsOpen => Declaration.ExportTo.IsEmpty || Declaration.ExportTo.Contains(MeshView.ExportToAll);

    /// <summary>The Host header values of requests to H on port A (clients leave out the default port 80).</summary>
    public ImmutableArray<string> Authorities => Port == 80 ? [Host, $"{Host}:80"] : [$"{Host}:{Port}"];

    private string Block => Kind switch { TrafficKind.Http => "http", TrafficKind.Tls => "tls", _ => "tcp" };

    /// <summary>Where the sidecars of <paramref name="ns"/> send H:A (computed once per namespace).</summary>
    public NamespaceRouting Route(string ns) => _routings.GetOrAdd(ns, ComputeRoute);

    private NamespaceRouting ComputeRoute(string ns)
    {
        var service = MeshServices.FirstOrDefault(vs => MeshHost.IsExportedTo(vs.ExportTo, vs.Namespace, ns));
        if (service is null)
        {
            // No VirtualService: the sidecars connect to H themselves (registry-only meshes included: H is registered).
            return new NamespaceRouting(ns, [], new SidecarOutcome(null, null, null, null, null, null, Direct: true), []);
        }
        var labelled = ImmutableArray.CreateBuilder<(ImmutableArray<Label>, SidecarOutcome)>();
        var conditions = ImmutableArray.CreateBuilder<(Written, VirtualServiceModel)>();
        foreach (var route in service.Routes.Where(r => r.Block == Block && service.IsSidecarRoute(r)))
        {
            MeshMatch?[] matches = route.Matches.IsEmpty ? [null] : [.. route.Matches.Where(m => AppliesInMesh(service, m, ns))];
            if (matches.Length == 0)
            {
                continue;
            }
            conditions.AddRange(matches.OfType<MeshMatch>().SelectMany(m => m.Conditions).Select(c => (c, service)));
            var outcome = OutcomeOf(service, route);
            if (matches.Any(m => m is null || m.SourceLabels.IsEmpty))
            {
                return new NamespaceRouting(ns, labelled.ToImmutable(), outcome, conditions.ToImmutable());
            }
            foreach (var match in matches)
            {
                labelled.Add((match!.SourceLabels, outcome));
            }
        }
        // No route matched: HTTP finds no route (404 NR); TLS and TCP fall through to a direct connection.
        return new NamespaceRouting(ns, labelled.ToImmutable(),
            Kind == TrafficKind.Http ? SidecarOutcome.Refused(null, service) : new SidecarOutcome(null, null, null, null, service, null, Direct: true),
            conditions.ToImmutable());
    }

    /// <summary>Whether a match of a sidecar route applies to H:A from <paramref name="ns"/> (labels aside; other conditions are taken as met).</summary>
    private bool AppliesInMesh(VirtualServiceModel service, MeshMatch match, string ns)
    {
        var gateways = match.Gateways.IsEmpty ? service.BoundGateways : match.Gateways.Select(g => g.Value);
        return gateways.Contains(VirtualServiceModel.MeshGatewayName) && (match.PortNumber is not { } port || port == Port) &&
            (match.SourceNamespace is not { } source || source == ns) &&
            (match.SniHosts.IsEmpty || match.SniHosts.Any(s => MeshHost.SubsetOf(Fqdn, s.Value))) &&
            (match.Authority is not { } authority || Authorities.Contains(authority));
    }

    /// <summary>Where a route sends H:A; of a weighted split, the heaviest destination.</summary>
    private SidecarOutcome OutcomeOf(VirtualServiceModel service, MeshRoute route)
    {
        if (route.DirectResponseStatus is not null)
        {
            return SidecarOutcome.Refused(route, service);
        }
        var destination = route.Destinations.Where(d => !d.IsMirror).OrderByDescending(d => d.Weight ?? 0).FirstOrDefault();
        if (destination?.Host is not { } host)
        {
            return SidecarOutcome.Refused(route, service);
        }
        var fqdn = _mesh.Fqdn(host.Value, service.Namespace);
        if (IsGatewayHost(fqdn))
        {
            return new SidecarOutcome(fqdn, destination.Port, destination.Subset?.Value, route, service, destination, Direct: false);
        }
        return new SidecarOutcome(null, null, null, route, service, destination, Direct: fqdn == Fqdn);
    }

    /// <summary>
    /// An egress gateway's Service: one the mesh knows as such (<see cref="MeshView.IsEgressGatewayHost"/>), or any
    /// cluster-local host other than H when a Gateway of the workspace forwards H onward (a gateway of one's own name).
    /// </summary>
    private bool IsGatewayHost(string fqdn) =>
        _mesh.IsEgressGatewayHost(fqdn) || fqdn != Fqdn && _mesh.ServiceOf(fqdn) is not null && _mesh.GatewayHopsTo(Fqdn).Any(h => h.Gateway is not null);

    /// <summary>The gateway Service a hop goes to: its namespace and name.</summary>
    public (string Namespace, string Name) GatewayServiceOf(SidecarOutcome hop) => _mesh.ServiceOf(hop.GatewayHost!)!.Value;

    /// <summary>The route a Gateway applies to H arriving on <paramref name="gatewayPort"/>, with the server that takes it.</summary>
    public GatewayRouteHop? GatewayRoute(int gatewayPort) => _gatewayRoutes.GetOrAdd(gatewayPort, ComputeGatewayRoute);

    private GatewayRouteHop? ComputeGatewayRoute(int gatewayPort)
    {
        var blocks = Kind == TrafficKind.Http ? ["http"] : new[] { "tls", "tcp" };
        foreach (var hop in _mesh.GatewayHopsTo(Fqdn))
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
                (m.SniHosts.IsEmpty || m.SniHosts.Any(s => MeshHost.SubsetOf(Fqdn, s.Value))) &&
                (m.Authority is not { } authority || Authorities.Contains(authority)));
            var server = gateway.Servers.FirstOrDefault(s => s.Port == gatewayPort && s.Hosts.Any(h =>
                MeshHost.GatewayHostFor(h.Value, gateway.Namespace, hop.VirtualService.Namespace) is { } covered && MeshHost.SubsetOf(Fqdn, covered)));
            if (applies && server is not null)
            {
                return new GatewayRouteHop(hop.VirtualService, hop.Route, hop.Destination, gateway, server);
            }
        }
        return null;
    }

    /// <summary>Whether the gateway's route forwards H to H itself (not to another host).</summary>
    public bool ForwardsToHost(GatewayRouteHop hop) => _mesh.Fqdn(hop.Upstream.Host!.Value.Value, hop.Service.Namespace) == Fqdn;

    /// <summary>
    /// The client TLS of the hop to the gateway port as a sidecar of <paramref name="ns"/> applies it (the subset's, for
    /// the port or whole, else the rule's), with the DestinationRule on its lookup path that gives it; not found when
    /// the route names a subset no such rule declares (503 NC).
    /// </summary>
    public (bool Found, ClientTls? Tls, DestinationRuleModel? Rule) SubsetTls(string ns, SidecarOutcome hop) =>
        _subsetTls.GetOrAdd((ns, hop.GatewayHost, hop.GatewayPort, hop.Subset), _ => ComputeSubsetTls(ns, hop));

    private (bool Found, ClientTls? Tls, DestinationRuleModel? Rule) ComputeSubsetTls(string ns, SidecarOutcome hop)
    {
        var (gatewayNamespace, _) = GatewayServiceOf(hop);
        foreach (var rule in _mesh.DestinationRulesFor(ns, hop.GatewayHost!, gatewayNamespace))
        {
            var subset = rule.Subsets.FirstOrDefault(s => s.Name.Value == hop.Subset);
            if (hop.Subset is null || subset is not null)
            {
                var tls = (subset is null ? null : PortTls(subset.PortTls, hop.GatewayPort) ?? subset.Tls) ?? PortTls(rule.PortTls, hop.GatewayPort) ?? rule.Tls;
                return (true, tls, rule);
            }
        }
        return (hop.Subset is null, null, null);
    }

    private static ClientTls? PortTls(ImmutableArray<PortTls> ports, int? port) => ports.FirstOrDefault(p => p.Port == port)?.Tls;

    /// <summary>
    /// The hop to the gateway as both ends see it: Istio mutual TLS (the subset's ISTIO_MUTUAL with <c>sni: H</c>, a
    /// server terminating mutual TLS), or plain (no client TLS; a plain HTTP server or TLS passthrough).
    /// </summary>
    public HopSecurity HopSecurityOf(ClientTls? tls, GatewayServer server)
    {
        var mode = tls?.Mode?.Value;
        var serverMode = server.Tls?.Mode?.Value;
        var mutual = mode == "ISTIO_MUTUAL";
        var terminates = serverMode is "ISTIO_MUTUAL" or "MUTUAL" or "SIMPLE" or "OPTIONAL_MUTUAL";
        if (mutual != terminates || mode is not (null or "DISABLE" or "ISTIO_MUTUAL"))
        {
            return HopSecurity.Mismatch;
        }
        if (mutual)
        {
            return tls!.Sni?.Value != Host ? HopSecurity.WrongSni : serverMode == "ISTIO_MUTUAL" ? HopSecurity.IstioMutual : HopSecurity.CertificateFiles;
        }
        return server.Protocol?.Value.ToUpperInvariant() == "HTTP" ? HopSecurity.Plaintext : HopSecurity.Passthrough;
    }

    /// <summary>
    /// TLS origination at the gateway towards H:U: a DestinationRule for H seen from the gateway's namespace
    /// (<see cref="MeshView.DestinationRulesFor"/>) that sets TLS for port U, or for the whole host.
    /// </summary>
    public Origination OriginationAt(string gatewayNamespace, int upstreamPort) =>
        _originations.GetOrAdd((gatewayNamespace, upstreamPort), key => ComputeOrigination(key.Namespace, key.Port));

    private Origination ComputeOrigination(string gatewayNamespace, int upstreamPort)
    {
        ClientTls? tls = null;
        DestinationRuleModel? origin = null;
        var unused = ImmutableArray.CreateBuilder<(DestinationRuleModel, PortTls)>();
        foreach (var rule in _mesh.DestinationRulesFor(gatewayNamespace, Fqdn, Declaration.Declarer.Namespace))
        {
            if ((PortTls(rule.PortTls, upstreamPort) ?? rule.Tls) is { } found)
            {
                (tls, origin) = (found, rule);
            }
            unused.AddRange(rule.PortTls.Where(p => p.Port is { } port && port != upstreamPort && p.Tls.Originates).Select(p => (rule, p)));
        }
        var endpointPort = TargetPortOf(upstreamPort) ?? upstreamPort;
        var kind = tls?.Mode?.Value switch
        {
            "MUTUAL" => OriginationKind.Mutual,
            "SIMPLE" when Kind != TrafficKind.Http => OriginationKind.DoubleTls,
            "SIMPLE" => OriginationKind.Simple,
            _ when endpointPort != Port => OriginationKind.PortChangeWithoutTls,
            _ => OriginationKind.None,
        };
        return new Origination(kind, upstreamPort, endpointPort, tls, origin, unused.ToImmutable());
    }

    /// <summary>
    /// The <c>targetPort</c> of H's ServiceEntry port <paramref name="port"/>: the endpoints' port, as Istio's "Egress TLS
    /// origination" task uses it (port 80 with targetPort 443 and a SIMPLE DestinationRule on port 80).
    /// </summary>
    public int? TargetPortOf(int port)
    {
        var entries = _mesh.ServiceEntries.Where(e => e.Hosts.Any(h => _mesh.Fqdn(h.Value, e.Namespace) == Fqdn));
        var declared = entries.SelectMany(e => e.Ports).FirstOrDefault(p => p.Number == port && p.TargetPort is not null);
        return int.TryParse(declared?.TargetPort, NumberStyles.None, CultureInfo.InvariantCulture, out var target) ? target : null;
    }

    /// <summary>The ALLOW (and other) AuthorizationPolicies of the gateway pods, as they apply to H on the gateway port.</summary>
    public GatewayAdmission Admission(GatewayModel gateway, string gatewayNamespace, int gatewayPort) =>
        _admissions.GetOrAdd((gateway, gatewayNamespace, gatewayPort), key => ComputeAdmission(key.Gateway, key.Namespace, key.Port));

    private GatewayAdmission ComputeAdmission(GatewayModel gateway, string gatewayNamespace, int gatewayPort)
    {
        var workloadNamespace = _mesh.GatewayWorkloadNamespace(gateway, gatewayNamespace);
        return AdmissionBy(_mesh.AuthorizationPolicies
            .Where(ap => (ap.Namespace == workloadNamespace || ap.Namespace == _environment.RootNamespace) && !ap.HasTargetRefs &&
                (ap.Selector is not { } selector || selector.All(l => gateway.Selector.Contains(l)))), gatewayPort);
    }

    /// <summary>
    /// The AuthorizationPolicies an ambient waypoint applies to H: those whose <c>targetRefs</c> name H's ServiceEntry or
    /// the waypoint's Gateway (Istio's "Egress gateways" ambient task attaches them to the ServiceEntry); the port is H's.
    /// </summary>
    public GatewayAdmission WaypointAdmission(GatewayModel waypoint) =>
        _waypointAdmissions.GetOrAdd(waypoint, key => AdmissionBy(_mesh.AuthorizationPolicies.Where(ap =>
            Declaration.Declarer is ServiceEntryModel entry && ap.Targets(Kinds.IstioResourceKind.NetworkingGroup, entry.Kind, entry.Namespace, entry.Name) ||
            ap.Targets(Kinds.KubernetesObjectKind.GatewayApiGroup, key.Kind, key.Namespace, key.Name)), Port));

    /// <summary>Whom the ALLOW policies among <paramref name="applying"/> admit to H on <paramref name="port"/>.</summary>
    private GatewayAdmission AdmissionBy(IEnumerable<AuthorizationPolicyModel> applying, int port)
    {
        var policies = applying.ToArray();
        var allows = policies.Where(ap => ap.Action == "ALLOW").ToArray();
        var others = policies.Where(ap => ap.Action != "ALLOW").ToImmutableArray();
        if (allows.Length == 0)
        {
            return new GatewayAdmission(false, true, [], [], [], [], others);
        }
        var all = false;
        var namespaces = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var accounts = ImmutableHashSet.CreateBuilder<(string, string)>();
        var used = ImmutableArray.CreateBuilder<AuthorizationPolicyModel>();
        var conditions = ImmutableArray.CreateBuilder<(Written, AuthorizationPolicyModel)>();
        foreach (var policy in allows)
        {
            foreach (var rule in policy.Rules.Where(r => Covers(r, port)))
            {
                used.Add(policy);
                conditions.AddRange(rule.Conditions.Concat(rule.Sources.SelectMany(s => s.Conditions.Concat(s.NotNamespaces))).Select(c => (c, policy)));
                all |= rule.Sources.IsEmpty;
                foreach (var source in rule.Sources)
                {
                    if (!source.Principals.IsEmpty)
                    {
                        all |= source.Principals.Any(p => p.Value == "*");
                        accounts.UnionWith(source.Principals.Select(p => ParsePrincipal(p.Value)).OfType<(string, string)>());
                    }
                    else
                    {
                        all |= source.Namespaces.Any(n => n.Value == "*");
                        namespaces.UnionWith(source.Namespaces.Select(n => n.Value));
                    }
                }
            }
        }
        return new GatewayAdmission(true, all, namespaces.ToImmutable(), accounts.ToImmutable(), [.. used.Distinct()], conditions.ToImmutable(), others);
    }

    /// <summary>
    /// Whether an ALLOW rule covers H: for HTTP, its <c>to.operation.hosts</c> name H as the Host header carries it;
    /// for TLS and TCP, its <c>connection.sni</c> values name H and it has no HTTP-only field (which never matches a
    /// TCP connection); <c>ports</c> name the gateway port.
    /// </summary>
    private bool Covers(AuthorizationRule rule, int port) =>
        (rule.Ports is not { } ports || ports.Contains(port.ToString(CultureInfo.InvariantCulture))) &&
        (Kind == TrafficKind.Http
            ? rule.Hosts is not { } hosts || hosts.Any(h => Authorities.Contains(h) || h == Host)
            : rule.Hosts is null && (rule.SniValues is not { } sni || sni.Contains(Host)));

    /// <summary><c>{trust domain}/ns/{namespace}/sa/{service account}</c>.</summary>
    public static (string Namespace, string ServiceAccount)? ParsePrincipal(string principal)
    {
        var parts = principal.Split('/');
        return parts is [_, "ns", var ns, "sa", var account] && !ns.Contains('*') && !account.Contains('*') ? (ns, account) : null;
    }

    /// <summary>
    /// Every host and port of the external ServiceEntries, then the hosts that only a VirtualService sends to an egress
    /// gateway (a Kubernetes Service outside the mesh, or nothing the registry knows).
    /// </summary>
    public static IEnumerable<HostDeclaration> Declarations(MeshView mesh)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mesh.ServiceEntries.Where(e => e.IsMeshExternal))
        {
            foreach (var host in entry.Hosts)
            {
                declared.Add(mesh.Fqdn(host.Value, entry.Namespace));
                foreach (var port in entry.Ports)
                {
                    yield return new HostDeclaration(entry, entry.ExportTo, host, port.Number, port.Name?.Value, port.Protocol ?? "");
                }
            }
        }
        foreach (var service in mesh.VirtualServices.Where(vs => vs.IsBoundToMesh))
        {
            foreach (var route in service.Routes.Where(r => service.IsSidecarRoute(r) &&
                r.Destinations.Any(d => d.Host is { } h && mesh.IsEgressGatewayHost(mesh.Fqdn(h.Value, service.Namespace)))))
            {
                foreach (var host in service.Hosts.Where(h => !declared.Contains(mesh.Fqdn(h.Value, service.Namespace))))
                {
                    foreach (var port in route.Matches.Select(m => m.PortNumber).OfType<int>().Distinct())
                    {
                        var registered = mesh.FindDestination(service.Namespace, service.ExportTo, host.Value);
                        var protocol = route.Block switch { "http" => "HTTP", "tls" => "TLS", _ => "TCP" };
                        yield return new HostDeclaration(registered?.Source ?? service, service.ExportTo, host, port, null, protocol);
                    }
                }
            }
        }
    }
}
