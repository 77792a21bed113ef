using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Mesh;

/// <summary>A value as written, and where: what a finding points at.</summary>
public readonly record struct Written(string Value, ManifestLocation Location);

/// <summary>
/// One object of the mesh's configuration, read from a manifest into what cross-resource analysis needs, each value
/// with its place in the file. <see cref="Fingerprint"/> changes exactly when the object's content does (not when
/// it only moves in its file), so an edit that changes nothing another file depends on re-analyses nothing else.
/// </summary>
public abstract record MeshResource(string Kind, string Namespace, string Name, ManifestLocation Location)
{
    public ulong Fingerprint { get; init; }

    /// <summary><c>Kind namespace/name</c>, as istioctl names a resource.</summary>
    public string DisplayName => $"{Kind} {Namespace}/{Name}";

    public string Path => Location.Path;
}

/// <summary>A port of a ServiceEntry or a Service (<c>number</c>/<c>port</c>, <c>targetPort</c>, <c>name</c>, <c>protocol</c>).</summary>
public sealed record MeshPort(int Number, Written? Name, string? Protocol, string? TargetPort, string? AppProtocol, ManifestLocation Location);

/// <param name="Placement">The entry's <c>location</c> (<c>MESH_EXTERNAL</c>, the default, or <c>MESH_INTERNAL</c>).</param>
public sealed record ServiceEntryModel(string Namespace, string Name, ManifestLocation Location, ImmutableArray<Written> Hosts,
    ImmutableArray<MeshPort> Ports, ImmutableArray<string> ExportTo, Written? Resolution, int Endpoints, bool HasWorkloadSelector,
    Written? Placement = null)
    : MeshResource("ServiceEntry", Namespace, Name, Location)
{
    public bool IsMeshExternal => Placement?.Value is null or "MESH_EXTERNAL";

    /// <summary>Its <c>metadata.labels</c>: ambient binds it to a waypoint by <c>istio.io/use-waypoint</c>.</summary>
    public ImmutableArray<Label> Labels { get; init; } = [];
}

/// <summary>A Kubernetes Service: <c>name.ns.svc.cluster.local</c> to the mesh, visible where its <c>networking.istio.io/exportTo</c> annotation says.</summary>
public sealed record ServiceModel(string Namespace, string Name, ManifestLocation Location, ImmutableArray<MeshPort> Ports,
    ImmutableArray<Label> Selector, ImmutableArray<string> ExportTo, string? Type, ImmutableArray<Label> Labels)
    : MeshResource("Service", Namespace, Name, Location);

/// <summary>A Gateway's <c>tls</c> block as the gateway serves it.</summary>
public sealed record ServerTls(Written? Mode, Written? CredentialName, ManifestLocation Location);

/// <summary>One server of an Istio Gateway (or one listener of a Gateway API Gateway).</summary>
public sealed record GatewayServer(int Index, int? Port, Written? PortName, Written? Protocol, ImmutableArray<Written> Hosts, string? Bind,
    ServerTls? Tls, ManifestLocation Location, ManifestLocation? HostsLocation = null);

/// <summary>
/// An Istio <c>Gateway</c>, or a Gateway API <c>Gateway</c> (<see cref="IsGatewayApi"/>: its listeners' hostnames as hosts,
/// a listener without one standing for every host, <c>*</c>).
/// </summary>
public sealed record GatewayModel(string Namespace, string Name, ManifestLocation Location, bool IsGatewayApi, ImmutableArray<Label> Selector,
    ManifestLocation? SelectorLocation, ImmutableArray<GatewayServer> Servers)
    : MeshResource("Gateway", Namespace, Name, Location)
{
    /// <summary>A Gateway API Gateway's <c>gatewayClassName</c> (<c>istio-waypoint</c> for a waypoint).</summary>
    public string? GatewayClass { get; init; }

    /// <summary>Its <c>metadata.labels</c> (a waypoint's <c>istio.io/waypoint-for</c>).</summary>
    public ImmutableArray<Label> Labels { get; init; } = [];

    /// <summary>
    /// A waypoint's <c>allowedRoutes.namespaces.from</c> on its HBONE listener (port 15008): which namespaces' services may
    /// bind to it; null when not written (Gateway API's default, <c>Same</c>).
    /// </summary>
    public string? AllowedRoutesFrom { get; init; }
}

/// <summary>Where a route sends traffic: <c>route[].destination</c>, <c>mirror</c> or <c>mirrors[].destination</c>.</summary>
public sealed record MeshDestination(bool IsMirror, Written? Host, Written? Subset, int? Port, ManifestLocation Location, int? Weight = null);

/// <summary>
/// One entry of a route's <c>match</c> (the entries are alternatives): what it reads for routing between the mesh, the
/// egress gateway and the external host, and <paramref name="Conditions"/>, the other keys it tests (<c>headers</c>,
/// <c>uri</c>, <c>method</c>…), each where it is written.
/// </summary>
/// <param name="Authority">An exact <c>authority</c> match (the Host header); other forms of it are among the conditions.</param>
public sealed record MeshMatch(ImmutableArray<Written> Gateways, Written? Port, ImmutableArray<Written> SniHosts, string? SourceNamespace,
    ImmutableArray<Label> SourceLabels, string? Authority, ImmutableArray<Written> Conditions, ManifestLocation Location)
{
    public int? PortNumber => Port is { } port && int.TryParse(port.Value, out var number) ? number : null;
}

/// <summary>
/// One <c>http</c>, <c>tls</c> or <c>tcp</c> route of a VirtualService: its matches, where it sends traffic (or the
/// status it answers with), and <paramref name="Behaviours"/>, the keys that change what happens to the request on
/// the way (<c>retries</c>, <c>timeout</c>, <c>fault</c>, <c>rewrite</c>…), each where it is written.
/// </summary>
public sealed record MeshRoute(string Block, int Index, string? Name, ImmutableArray<MeshMatch> Matches, ImmutableArray<MeshDestination> Destinations,
    int? DirectResponseStatus, ImmutableArray<Written> Behaviours, ManifestLocation Location)
{
    public IEnumerable<Written> MatchGateways => Matches.SelectMany(m => m.Gateways);

    public IEnumerable<Written> SniHosts => Matches.SelectMany(m => m.SniHosts);

    public ImmutableArray<Written> MatchPorts => [.. Matches.Where(m => m.PortNumber is not null).Select(m => m.Port!.Value)];

    public IEnumerable<string> SourceNamespaces => Matches.Select(m => m.SourceNamespace).OfType<string>();
}

public sealed record VirtualServiceModel(string Namespace, string Name, ManifestLocation Location, ImmutableArray<Written> Hosts,
    ImmutableArray<Written> Gateways, ManifestLocation? GatewaysLocation, ImmutableArray<string> ExportTo, ImmutableArray<MeshRoute> Routes)
    : MeshResource("VirtualService", Namespace, Name, Location)
{
    /// <summary>Bound to the sidecars: no <c>gateways</c>, or <c>mesh</c> among them.</summary>
    public bool IsBoundToMesh => Gateways.IsEmpty || Gateways.Any(g => g.Value == MeshGatewayName);

    /// <summary>The reserved gateway name for the mesh's sidecars.</summary>
    public const string MeshGatewayName = "mesh";

    public IEnumerable<MeshDestination> Destinations => Routes.SelectMany(r => r.Destinations);

    /// <summary>The gateways the VirtualService is bound to: <c>spec.gateways</c>, or <c>mesh</c> when it names none.</summary>
    public IEnumerable<string> BoundGateways => Gateways.IsEmpty ? [MeshGatewayName] : Gateways.Select(g => g.Value);

    /// <summary>
    /// The gateways one route applies to: the VirtualService's, narrowed to those its matches name where they name
    /// any. A match cannot add a gateway: istiod gives a proxy only the VirtualServices bound to its gateway.
    /// </summary>
    public IEnumerable<string> GatewaysOf(MeshRoute route) =>
        !route.MatchGateways.Any() ? BoundGateways : route.MatchGateways.Select(g => g.Value).Intersect(BoundGateways);

    /// <summary>Whether the sidecars apply this route (<c>mesh</c> is among its gateways).</summary>
    public bool IsSidecarRoute(MeshRoute route) => GatewaysOf(route).Contains(MeshGatewayName);
}

/// <summary>A DestinationRule's client TLS settings (<c>trafficPolicy.tls</c>, per port, or per subset).</summary>
public sealed record ClientTls(Written? Mode, Written? Sni, bool HasCaCertificates, string? CredentialName, ManifestLocation Location)
{
    public bool Originates => Mode?.Value is "SIMPLE" or "MUTUAL";
}

public sealed record PortTls(int? Port, ClientTls Tls);

public sealed record SubsetModel(Written Name, ClientTls? Tls, ImmutableArray<PortTls> PortTls);

/// <param name="TrafficSettings">
/// The traffic policy keys besides TLS (<c>loadBalancer</c>, <c>connectionPool</c>, <c>outlierDetection</c>…) of the
/// rule, its ports and its subsets, each where it is written.
/// </param>
public sealed record DestinationRuleModel(string Namespace, string Name, ManifestLocation Location, Written? Host, ImmutableArray<string> ExportTo,
    bool HasWorkloadSelector, ClientTls? Tls, ImmutableArray<PortTls> PortTls, ImmutableArray<SubsetModel> Subsets, ManifestLocation? ExportToLocation = null,
    ImmutableArray<Written> TrafficSettings = default)
    : MeshResource("DestinationRule", Namespace, Name, Location);

/// <summary>A Sidecar or a Telemetry: which of its namespace's pods it applies to (empty: all).</summary>
public sealed record SelectingResourceModel(string Kind, string Namespace, string Name, ManifestLocation Location, ImmutableArray<Label> Selector,
    ManifestLocation? SelectorLocation)
    : MeshResource(Kind, Namespace, Name, Location);

/// <summary>
/// An AuthorizationPolicy: where it applies (<paramref name="Selector"/>, null without one; <paramref name="TargetRefs"/>, its
/// <c>targetRefs</c> and <c>targetRef</c>), its <paramref name="Action"/> (<c>ALLOW</c> when not written) and rules.
/// <see cref="SourceNamespaces"/> lists every <c>namespaces</c> and <c>notNamespaces</c> pattern.
/// </summary>
public sealed record AuthorizationPolicyModel(string Namespace, string Name, ManifestLocation Location, string Action, ImmutableArray<Label>? Selector,
    ImmutableArray<PolicyTargetRef> TargetRefs, ImmutableArray<AuthorizationRule> Rules)
    : MeshResource("AuthorizationPolicy", Namespace, Name, Location)
{
    public bool HasTargetRefs => !TargetRefs.IsEmpty;

    /// <summary>Whether it targets the resource of that group, kind and name in its own namespace (targetRefs name no namespace).</summary>
    public bool Targets(string group, string kind, string ns, string name) =>
        Namespace == ns && TargetRefs.Any(r => r.Group == group && r.Kind == kind && r.Name == name);

    public IEnumerable<Written> SourceNamespaces => Rules.SelectMany(r => r.Sources).SelectMany(s => s.Namespaces.Concat(s.NotNamespaces));
}

/// <summary>One <c>targetRefs</c> entry of a policy: the group, kind and name of what it attaches to.</summary>
public sealed record PolicyTargetRef(string Group, string Kind, string Name);

/// <summary>A Namespace and its labels (ambient's <c>istio.io/use-waypoint</c> binds its services to a waypoint).</summary>
public sealed record NamespaceModel(string Name, ManifestLocation Location, ImmutableArray<Label> Labels)
    : MeshResource("Namespace", Name, Name, Location);

/// <summary>One <c>rules[].from[].source</c>: namespaces and principals it admits, and its other keys (<c>ipBlocks</c>…) where written.</summary>
public sealed record AuthorizationSource(ImmutableArray<Written> Namespaces, ImmutableArray<Written> NotNamespaces, ImmutableArray<Written> Principals,
    ImmutableArray<Written> Conditions);

/// <summary>
/// One rule of an AuthorizationPolicy: its sources (empty: any), the request hosts and ports of its <c>to</c> operations
/// (null: any), the values of its <c>connection.sni</c> conditions (null: any), and its other conditions where written
/// (methods, paths, other <c>when</c> keys).
/// </summary>
public sealed record AuthorizationRule(ImmutableArray<AuthorizationSource> Sources, ImmutableArray<string>? Hosts, ImmutableArray<string>? Ports,
    ImmutableArray<string>? SniValues, ImmutableArray<Written> Conditions, ManifestLocation Location);

/// <summary>
/// An egress policy, as the mesh will have it once expanded: its document, planned on first use, and the text of its
/// file (where its generated objects point back to). Part of the mesh so that what reads the mesh (reachability, egress
/// tests) follows its edits; indexing a policy on every keystroke does not plan it, since only those readers need it.
/// </summary>
public sealed record PolicyModel(string Namespace, string Name, ManifestLocation Location, Yaml.YamlDocument Document, Text.SourceText Text)
    : MeshResource(EgressPolicy.KindName, Namespace, Name, Location)
{
    private readonly Lazy<EgressPlan?> _plan = new(() => EgressPolicy.Bind(Document) is { } policy ? EgressPlan.Build(policy) : null);

    public EgressPlan? Plan => _plan.Value;
}

/// <summary>A Secret: only that it exists (a Gateway's <c>credentialName</c>).</summary>
public sealed record SecretModel(string Namespace, string Name, ManifestLocation Location) : MeshResource("Secret", Namespace, Name, Location);
