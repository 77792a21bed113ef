using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.OsmEdge;

/// <summary>osm-edge's <c>EgressGateway</c>: the gateways Egress policies go through, per rule or <c>global</c>.</summary>
public sealed class EgressGatewayKind : OsmEdgeResourceKind
{
    public override string Name => "EgressGateway";

    protected override MeshResource BindMesh(Manifest m) => new OsmEgressGatewayModel(m.Namespace, m.Name, m.Location,
        // The webhook tests len(spec.global) > 0 (pkg/validator/validators.go, egressGatewayValidator).
        m.Spec?.GetSequence("global") is { Items.Length: > 0 } ? m.LocationOf(KeyOf(m.Spec, "global")) : null)
    {
        GlobalGateways = Services(m.Spec?.GetSequence("global")),
        Rules = [.. Items(m.Spec?.GetSequence("rules")).Select(rule => new OsmGatewayRule(
            [.. Items(rule.Item.GetSequence("egressPolicies")).Select(p => (p.Item.GetString("namespace") ?? "", p.Item.GetString("name") ?? ""))],
            Services(rule.Item.GetSequence("egressGateways"))))],
    };

    private static ImmutableArray<OsmGatewayService> Services(YamlSequence? list) =>
        [.. Items(list).Select(g => new OsmGatewayService(g.Item.GetString("service") ?? "", g.Item.GetString("namespace") ?? ""))];
}
