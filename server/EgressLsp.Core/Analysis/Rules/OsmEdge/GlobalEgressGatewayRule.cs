using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.OsmEdge;

/// <summary>
/// OSM002: a second EgressGateway with a <c>global</c> list. osm-edge's webhook refuses any EgressGateway setting
/// <c>global</c> while another one (by namespace and name, compared case-insensitively) already does: "Redefinition of
/// global egress gateway policy" (pkg/validator/validators.go, <c>egressGatewayValidator</c>). Whichever is applied
/// second is refused, so each is reported, pointing at the others.
/// </summary>
public sealed class GlobalEgressGatewayRule : MeshRule<OsmEgressGatewayModel>
{
    public static readonly DiagnosticDescriptor OSM002 = new("OSM002", DiagnosticLevel.Error, "More than one global EgressGateway",
        "EgressGateway {0} sets 'global', and so does {1}: osm-edge admits one global egress gateway policy in the cluster and refuses the other (\"Redefinition of global egress gateway policy\"). Keep 'global' in one of them and route the rest with 'rules'.",
        "EgressGateway {0} 设置了“global”,{1} 也设置了:osm-edge 在集群中只接受一个全局出口网关策略,另一个会被拒绝(“Redefinition of global egress gateway policy”)。请只在其中一个中保留“global”,其余用“rules”路由。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [OSM002];

    protected override void Check(MeshRuleContext context, OsmEgressGatewayModel gateway)
    {
        if (gateway.Global is not { } global)
        {
            return;
        }
        var others = context.Mesh.OsmEgressGateways
            .Where(other => other.Global is not null && !(string.Equals(other.Namespace, gateway.Namespace, StringComparison.OrdinalIgnoreCase)
                && string.Equals(other.Name, gateway.Name, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(other => other.Namespace, StringComparer.Ordinal).ThenBy(other => other.Name, StringComparer.Ordinal)
            .ToArray();
        if (others.Length == 0)
        {
            return;
        }
        var diagnostic = OSM002.Create(global.Span, $"{gateway.Namespace}/{gateway.Name}", RuleContext.ListNames(others.Select(o => $"{o.Namespace}/{o.Name}")));
        foreach (var other in others)
        {
            diagnostic = diagnostic.WithRelated(MeshRuleContext.RelatedAt(other.Global!, $"{other.DisplayName} sets 'global' too", $"{other.DisplayName} 也设置了“global”"));
        }
        context.Report(diagnostic);
    }
}
