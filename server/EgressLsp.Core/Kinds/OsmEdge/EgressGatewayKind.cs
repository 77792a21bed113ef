using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds.OsmEdge;

/// <summary>osm-edge's <c>EgressGateway</c>: the gateways Egress policies go through, per rule or <c>global</c>.</summary>
public sealed class EgressGatewayKind : OsmEdgeResourceKind
{
    public override string Name => "EgressGateway";

    protected override MeshResource BindMesh(Manifest m) => new OsmEgressGatewayModel(m.Namespace, m.Name, m.Location,
        // The webhook tests len(spec.global) > 0 (pkg/validator/validators.go, egressGatewayValidator).
        m.Spec?.GetSequence("global") is { Items.Length: > 0 } ? m.LocationOf(MeshReading.KeyOf(m.Spec, "global")) : null);
}
