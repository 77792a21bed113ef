using System.Collections.Immutable;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Mesh;

/// <summary>A port of an osm-edge <c>Egress</c>: its number and the protocol as written.</summary>
public sealed record OsmEgressPort(int? Number, Written? Protocol);

/// <summary>An entry of an osm-edge <c>matches</c> list (a Kubernetes <c>TypedLocalObjectReference</c>).</summary>
public sealed record OsmMatch(Written? ApiGroup, Written? Kind, ManifestLocation Location);

/// <summary>An osm-edge <c>Egress</c> (policy.openservicemesh.io/v1alpha1): its ports and matches.</summary>
public sealed record OsmEgressModel(string Namespace, string Name, ManifestLocation Location, ImmutableArray<OsmEgressPort> Ports,
    ImmutableArray<OsmMatch> Matches)
    : MeshResource("Egress", Namespace, Name, Location);

/// <summary>An osm-edge <c>EgressGateway</c>; <paramref name="Global"/> is where it sets a non-empty <c>global</c> list.</summary>
public sealed record OsmEgressGatewayModel(string Namespace, string Name, ManifestLocation Location, ManifestLocation? Global)
    : MeshResource("EgressGateway", Namespace, Name, Location);
