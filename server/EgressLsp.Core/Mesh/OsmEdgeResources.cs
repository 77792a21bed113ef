using System.Collections.Immutable;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Mesh;

/// <summary>A port of an osm-edge <c>Egress</c>: its number and the protocol as written.</summary>
public sealed record OsmEgressPort(int? Number, Written? Protocol);

/// <summary>An entry of an osm-edge <c>matches</c> list (a Kubernetes <c>TypedLocalObjectReference</c>).</summary>
public sealed record OsmMatch(Written? ApiGroup, Written? Kind, ManifestLocation Location);

/// <summary>An entry of an Egress's <c>sources</c>: a workload identity (osm-edge admits <c>kind: ServiceAccount</c>).</summary>
public sealed record OsmEgressSource(string? Kind, string? Name, string? Namespace)
{
    /// <summary>The one source kind osm-edge admits (pkg/policy/client.go).</summary>
    public const string ServiceAccountKind = "ServiceAccount";

    /// <summary>The service account it names, else null (another kind, or a name or namespace missing).</summary>
    public (string Namespace, string Name)? ServiceAccount =>
        Kind == ServiceAccountKind && Name is { } name && Namespace is { } ns ? (ns, name) : null;
}

/// <summary>
/// An osm-edge <c>Egress</c> (policy.openservicemesh.io/v1alpha1): the service accounts it admits, to which hosts, IP
/// ranges and ports, and its matches.
/// </summary>
public sealed record OsmEgressModel(string Namespace, string Name, ManifestLocation Location, ImmutableArray<OsmEgressPort> Ports,
    ImmutableArray<OsmMatch> Matches)
    : MeshResource("Egress", Namespace, Name, Location)
{
    public ImmutableArray<OsmEgressSource> Sources { get; init; } = [];

    public ImmutableArray<Written> Hosts { get; init; } = [];

    public ImmutableArray<string> IpAddresses { get; init; } = [];

    /// <summary>Whether it admits pods of <paramref name="ns"/> running as <paramref name="serviceAccount"/> (osm-edge pkg/policy/client.go, ListEgressPoliciesForSourceIdentity).</summary>
    public bool Admits(string ns, string serviceAccount) =>
        Sources.Any(s => s.ServiceAccount == (ns, serviceAccount));
}

/// <summary>An egress gateway Service an osm-edge <c>EgressGateway</c> names.</summary>
public sealed record OsmGatewayService(string Service, string Namespace);

/// <summary>A <c>rules</c> entry of an EgressGateway: these Egress policies go through these gateways.</summary>
public sealed record OsmGatewayRule(ImmutableArray<(string Namespace, string Name)> EgressPolicies, ImmutableArray<OsmGatewayService> Gateways);

/// <summary>An osm-edge <c>EgressGateway</c>; <paramref name="Global"/> is where it sets a non-empty <c>global</c> list.</summary>
public sealed record OsmEgressGatewayModel(string Namespace, string Name, ManifestLocation Location, ManifestLocation? Global)
    : MeshResource("EgressGateway", Namespace, Name, Location)
{
    public ImmutableArray<OsmGatewayService> GlobalGateways { get; init; } = [];

    public ImmutableArray<OsmGatewayRule> Rules { get; init; } = [];
}
