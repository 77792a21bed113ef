using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.OsmEdge;

/// <summary>osm-edge's <c>Egress</c>: which service accounts may reach which hosts and ports (osm-edge pkg/apis/policy/v1alpha1/egress.go).</summary>
public sealed class EgressKind : OsmEdgeResourceKind
{
    public override string Name => "Egress";

    protected override MeshResource BindMesh(Manifest m) => new OsmEgressModel(m.Namespace, m.Name, m.Location,
        [.. Items(m.Spec?.GetSequence("ports")).Select(p =>
            new OsmEgressPort(Int(p.Item.GetScalar("number")), Scalar(m, p.Item.GetScalar("protocol"))))],
        [.. Items(m.Spec?.GetSequence("matches")).Select(p =>
            new OsmMatch(Scalar(m, p.Item.GetScalar("apiGroup")), Scalar(m, p.Item.GetScalar("kind")), m.LocationOf(p.Item)))])
    {
        Sources = [.. Items(m.Spec?.GetSequence("sources")).Select(p =>
            new OsmEgressSource(p.Item.GetString("kind"), p.Item.GetString("name"), p.Item.GetString("namespace")))],
        Hosts = Strings(m, m.Spec?.GetSequence("hosts")),
        IpAddresses = Values(m.Spec?.GetSequence("ipAddresses")),
    };
}
