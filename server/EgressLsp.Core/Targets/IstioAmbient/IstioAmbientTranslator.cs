using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets.IstioAmbient;

/// <summary>
/// The <c>istio-ambient</c> target: ztunnel sends each workload's traffic for an external host over HBONE to the
/// waypoint the host's ServiceEntry uses, which authorizes it and forwards it (seed 001; istio.io "Egress gateways"
/// in ambient mode; expansion.md, "The contract for istio-ambient").
/// </summary>
/// <remarks>
/// <para>
/// Notation: N = policy name, PN = policy namespace (the waypoint's), W = the waypoint (<c>byEgressGateway.name</c>);
/// per external host H: K = slug(H) made unique among the hosts; per application port A: U = the upgraded port.
/// </para>
/// <list type="number">
/// <item>Gateway W in PN (<c>gateway.networking.k8s.io/v1</c>): class <c>istio-waypoint</c>, label
/// <c>istio.io/waypoint-for: service</c>, one listener <c>mesh</c> on 15008 speaking HBONE — what
/// <c>istioctl waypoint apply --for service</c> writes.</item>
/// <item>ServiceEntry <c>{N}-{K}</c> in PN, labelled <c>istio.io/use-waypoint: W</c>: hosts [H], MESH_EXTERNAL, DNS, a
/// port per A (named as the sidecar target names them); an upgraded A gets <c>targetPort: U</c>, so the waypoint
/// dials H:U. No <c>exportTo</c>: ztunnel ignores it (and <c>REGISTRY_ONLY</c>), so it would only look like a
/// restriction; the refusal is the AuthorizationPolicy's.</item>
/// <item>DestinationRule <c>{N}-{K}-tls</c> in PN for each host with an upgraded port: <c>SIMPLE</c> TLS with
/// <c>sni: H</c> on each upgraded A (port-level, so a passthrough port of the same host stays untouched).</item>
/// <item>AuthorizationPolicy <c>{N}-{K}</c> in PN, ALLOW, <c>targetRefs</c> the ServiceEntry: one rule per A admitting
/// exactly its sources — whole namespaces as <c>source.namespaces</c>, label-scoped ones as <c>source.principals</c>
/// where the workspace names their service accounts, else as their namespace with EGP042 (ambient has no
/// label-based routing: identity is all the waypoint sees); <c>to.operation.ports: [A]</c> when H has several
/// ports. The waypoint denies every other source once an ALLOW policy targets the ServiceEntry.</item>
/// <item>Metadata and names as every target (<see cref="PolicyObjects"/>). Order: Gateway, then per host its
/// ServiceEntry, DestinationRule, AuthorizationPolicy.</item>
/// </list>
/// </remarks>
internal sealed class IstioAmbientTranslator
{
    private const string GatewayApiVersion = "gateway.networking.k8s.io/v1";
    public const string WaypointClass = "istio-waypoint";
    public const string WaypointForLabel = "istio.io/waypoint-for";
    public const string UseWaypointLabel = "istio.io/use-waypoint";
    public const string HboneListener = "mesh";
    public const int HbonePort = 15008;

    private static readonly LocalizedText UnnarrowedTraffic = new("traffic", "流量");
    private static readonly LocalizedText Enforcer = new("The waypoint", "waypoint ");

    private readonly EgressEnvironment _environment;
    private readonly WorkspaceIndex _workspace;
    private readonly PolicyObjects _objects;
    private readonly string _waypoint;
    private readonly ImmutableArray<AmbientHost> _hosts;
    private readonly UnenforceableSelectors _unenforceable = new();

    private IstioAmbientTranslator(EgressEnvironment environment, WorkspaceIndex workspace, PolicyObjects objects, string waypoint,
        ImmutableArray<AmbientHost> hosts)
    {
        _environment = environment;
        _workspace = workspace;
        _objects = objects;
        _waypoint = waypoint;
        _hosts = hosts;
    }

    /// <summary>The waypoint's name: <c>byEgressGateway.name</c> as a DNS label.</summary>
    public static string WaypointName(string gatewayName) => ResourceNames.ToDnsLabel(gatewayName);

    public static ExpansionResult Translate(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        if (Create(plan, environment, workspace) is not { } translator)
        {
            return ExpansionResult.Empty;
        }
        var resources = translator.Resources().ToImmutableArray();
        return new ExpansionResult(resources, translator._unenforceable.Diagnostics(UnnarrowedTraffic, Enforcer));
    }

    public static IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace)?.Resources() ?? [];

    public static ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        if (Create(plan, environment, workspace) is not { } translator)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }
        foreach (var host in translator._hosts)
        {
            foreach (var port in host.Ports)
            {
                _ = translator.Admitted(host, port);
            }
        }
        return translator._unenforceable.Diagnostics(UnnarrowedTraffic, Enforcer);
    }

    private static IstioAmbientTranslator? Create(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        var policy = plan.Policy;
        if (policy.Name is not { Length: > 0 } name || policy.GatewayName is not { Length: > 0 } gateway)
        {
            return null;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var hosts = ImmutableArray.CreateBuilder<AmbientHost>();
        foreach (var host in plan.Hosts)
        {
            // A known kind of traffic and at least one source: a rule admitting nobody would admit everyone.
            var ports = host.Ports.Where(p => p.Kind != TrafficKind.Unknown && !p.Sources.IsEmpty)
                .Select(p => new AmbientPort(p, SourceScope.Of(p))).ToImmutableArray();
            if (!ports.IsEmpty)
            {
                hosts.Add(new AmbientHost(host.Host, IstioShapes.HostKey(host.Host, keys), ports));
            }
        }
        return hosts.Count == 0 ? null : new IstioAmbientTranslator(environment, workspace, new PolicyObjects(policy, name), WaypointName(gateway), hosts.ToImmutable());
    }

    private IEnumerable<GeneratedResource> Resources()
    {
        yield return Waypoint();
        foreach (var host in _hosts)
        {
            yield return ServiceEntry(host);
            if (host.Ports.Any(p => p.Port.OriginatesTls))
            {
                yield return OriginationDestinationRule(host);
            }
            yield return AuthorizationPolicy(host);
        }
    }

    private GeneratedResource Waypoint()
    {
        var spec = ManifestMapping.Of(
            ("gatewayClassName", WaypointClass),
            ("listeners", ManifestSequence.Of(ManifestMapping.Of(
                ("name", HboneListener),
                ("port", HbonePort),
                ("protocol", "HBONE")))));
        return _objects.Create(GatewayApiVersion, "Gateway", _objects.PolicyNamespace, _waypoint, spec, AllDestinations(),
            new Label(WaypointForLabel, "service"));
    }

    private GeneratedResource ServiceEntry(AmbientHost host)
    {
        var names = new UniqueNames();
        var ports = host.Ports.Select(p => (ManifestNode)ManifestMapping.Of(
            ("number", p.Port.AppPort),
            ("name", IstioShapes.PortName(p.Port, names)),
            ("protocol", p.Port.Settings.Source.Protocol!),
            ("targetPort", p.Port.OriginatesTls ? (ManifestNode)p.Port.UpstreamPort : null)));
        var spec = ManifestMapping.Of(
            ("hosts", ManifestSequence.OfStrings([host.Host])),
            ("ports", new ManifestSequence(ports)),
            ("location", "MESH_EXTERNAL"),
            ("resolution", "DNS"));
        return _objects.Create(IstioShapes.NetworkingApiVersion, "ServiceEntry", _objects.PolicyNamespace, ServiceEntryName(host), spec, host.Destinations,
            new Label(UseWaypointLabel, _waypoint));
    }

    private GeneratedResource OriginationDestinationRule(AmbientHost host)
    {
        var upgraded = host.Ports.Where(p => p.Port.OriginatesTls).ToArray();
        var spec = ManifestMapping.Of(
            ("host", host.Host),
            ("trafficPolicy", ManifestMapping.Of(("portLevelSettings", new ManifestSequence(
                upgraded.Select(p => IstioShapes.PortTls(p.Port.AppPort, "SIMPLE", host.Host)))))));
        var sources = PolicyObjects.InSourceOrder(upgraded.SelectMany(p => p.Port.Origins));
        return _objects.Create(IstioShapes.NetworkingApiVersion, "DestinationRule", _objects.PolicyNamespace, _objects.NameFor($"{host.Key}-tls"), spec, sources);
    }

    private GeneratedResource AuthorizationPolicy(AmbientHost host)
    {
        var rules = new List<ManifestNode>();
        foreach (var port in host.Ports)
        {
            var (namespaces, principals) = Admitted(host, port);
            var from = new List<ManifestNode>();
            if (namespaces.Count > 0)
            {
                from.Add(Source("namespaces", namespaces));
            }
            if (principals.Count > 0)
            {
                from.Add(Source("principals", principals));
            }
            rules.Add(ManifestMapping.Of(
                ("from", new ManifestSequence(from)),
                ("to", host.Ports.Length > 1
                    ? ManifestSequence.Of(ManifestMapping.Of(("operation", ManifestMapping.Of(
                        ("ports", ManifestSequence.OfStrings([port.Port.AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]))))))
                    : null)));
        }
        var spec = ManifestMapping.Of(
            ("targetRefs", ManifestSequence.Of(ManifestMapping.Of(
                ("kind", "ServiceEntry"),
                ("group", "networking.istio.io"),
                ("name", ServiceEntryName(host))))),
            ("action", "ALLOW"),
            ("rules", new ManifestSequence(rules)));
        return _objects.Create(IstioShapes.SecurityApiVersion, "AuthorizationPolicy", _objects.PolicyNamespace, ServiceEntryName(host), spec, host.Destinations);

        static ManifestMapping Source(string field, IEnumerable<string> values) =>
            ManifestMapping.Of(("source", ManifestMapping.Of((field, ManifestSequence.OfStrings(values)))));
    }

    /// <summary>
    /// Who the waypoint admits on H:A: whole namespaces, and the principals of label-scoped sources whose service
    /// accounts the workspace names; any other label-scoped source is admitted as its namespace, recorded for EGP042.
    /// </summary>
    private (SortedSet<string> Namespaces, SortedSet<string> Principals) Admitted(AmbientHost host, AmbientPort port)
    {
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var principals = new List<(string Namespace, string Principal)>();
        foreach (var scope in port.Scopes)
        {
            if (scope.IsWholeNamespace)
            {
                namespaces.Add(scope.Namespace);
            }
            else if (WorkloadIdentities.Of(_workspace, scope.Namespace, scope.Selector, out var gap) is { } serviceAccounts)
            {
                principals.AddRange(serviceAccounts.Select(sa => (scope.Namespace, _environment.PrincipalFor(scope.Namespace, sa))));
            }
            else
            {
                namespaces.Add(scope.Namespace);
                _unenforceable.Add(scope, host.Host, port.Port.AppPort, gap);
            }
        }
        // A principal in a namespace admitted as a whole adds nothing.
        return (namespaces, new SortedSet<string>(principals.Where(p => !namespaces.Contains(p.Namespace)).Select(p => p.Principal), StringComparer.Ordinal));
    }

    private string ServiceEntryName(AmbientHost host) => _objects.NameFor(host.Key);

    private ImmutableArray<Destination> AllDestinations() => PolicyObjects.InSourceOrder(_hosts.SelectMany(h => h.Ports).SelectMany(p => p.Port.Origins));

    private sealed record AmbientHost(string Host, string Key, ImmutableArray<AmbientPort> Ports)
    {
        public ImmutableArray<Destination> Destinations { get; } = PolicyObjects.InSourceOrder(Ports.SelectMany(p => p.Port.Origins));
    }

    private sealed record AmbientPort(PlannedHostPort Port, ImmutableArray<SourceScope> Scopes);
}
