using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets.OsmEdge;

/// <summary>
/// <c>osm-edge</c>: Egress policies admit service accounts to hosts and ports, and an EgressGateway sends them
/// through the egress gateway Service (seed 004; expansion.md, "The contract for osm-edge").
/// </summary>
public sealed class OsmEdgeTarget : ExpansionTarget
{
    private static readonly LocalizedText Sidecar = new("sidecar", "Sidecar");
    private static readonly LocalizedText Gateway = new("egress gateway {0}", "出口网关 {0}");
    private static readonly LocalizedText NoOrigination = new("osm-edge cannot originate TLS: EGP050", "osm-edge 无法发起 TLS:见 EGP050");

    public override string Id => "osm-edge";

    public override string Family => "osm-edge";

    public override string FileSuffix => "osm-edge";

    public override LocalizedText Description { get; } = new(
        "osm-edge: an Egress per rule and destination admitting the sources' service accounts, and an EgressGateway sending them through the egress gateway Service.",
        "osm-edge:每条规则与目标一个 Egress(按来源的服务账号放行),以及一个经出口网关 Service 转发它们的 EgressGateway。");

    public override ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        OsmEdgeTranslator.Translate(plan, environment, workspace);

    public override IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        OsmEdgeTranslator.Stream(plan, environment, workspace);

    public override ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        OsmEdgeTranslator.Diagnose(plan, environment, workspace);

    /// <summary>"sidecar :80 (http) → egress gateway global-egress-gateway.egress-gateway → httpbin.org :80 (plain HTTP)".</summary>
    public override string DescribePath(EgressPlan plan, PlannedDestination destination, string host, EgressEnvironment environment, string? locale)
    {
        var service = plan.Policy.GatewayName is { Length: > 0 } name ? $"{environment.GatewayServiceFor(name)}.{environment.GatewayNamespace}" : "?";
        var protocol = OsmEdgeTranslator.OsmProtocol(destination.Source.Protocol) ?? "?";
        return $"{Sidecar.For(locale)} :{destination.Source.PortNumber} ({protocol}) → {Gateway.Format(locale, service)} → " +
               $"{host} :{destination.Source.PortNumber}" +
               (destination.OriginatesTls ? TrafficPathText.NoteOf(NoOrigination.For(locale), locale) : TrafficPathText.LastHopNote(destination, locale));
    }

    public override DataPlane DataPlaneOf(EgressReachability model) => new OsmEdgeDataPlane(model);
}
