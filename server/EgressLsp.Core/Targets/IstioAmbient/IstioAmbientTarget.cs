using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets.IstioAmbient;

/// <summary>
/// <c>istio-ambient</c>: the egress gateway is a waypoint; ServiceEntries bound to it carry the hosts, and an
/// AuthorizationPolicy per ServiceEntry admits the sources (seed 001; expansion.md, "The contract for istio-ambient").
/// </summary>
public sealed class IstioAmbientTarget : ExpansionTarget
{
    private static readonly LocalizedText Ztunnel = new("ztunnel", "ztunnel");
    private static readonly LocalizedText Hbone = new("HBONE (mTLS)", "HBONE(双向 TLS)");
    private static readonly LocalizedText Waypoint = new("waypoint {0}", "waypoint {0}");

    public override string Id => "istio-ambient";

    public override string Family => "Istio ambient";

    public override string FileSuffix => "istio-ambient";

    public override LocalizedText Description { get; } = new(
        "Istio ambient mode: a waypoint Gateway, ServiceEntries bound to it, AuthorizationPolicies targeting them and DestinationRules for TLS origination; traffic goes ztunnel → HBONE → waypoint.",
        "Istio Ambient 模式:waypoint Gateway、绑定到它的 ServiceEntry、以其为目标的 AuthorizationPolicy,以及用于 TLS 发起的 DestinationRule;流量经 ztunnel → HBONE → waypoint。");

    public override ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioAmbientTranslator.Translate(plan, environment, workspace);

    public override IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioAmbientTranslator.Stream(plan, environment, workspace);

    public override ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioAmbientTranslator.Diagnose(plan, environment, workspace);

    /// <summary>"ztunnel :80 → HBONE (mTLS) → waypoint egressgateway → httpbin.org :443 (TLS originated)".</summary>
    public override string DescribePath(EgressPlan plan, PlannedDestination destination, string host, EgressEnvironment environment, string? locale)
    {
        var waypoint = plan.Policy.GatewayName is { Length: > 0 } name ? IstioAmbientTranslator.WaypointName(name) : "?";
        return $"{Ztunnel.For(locale)} :{destination.Source.PortNumber} → {Hbone.For(locale)} → {Waypoint.Format(locale, waypoint)} → " +
               $"{host} :{destination.UpstreamPort}{TrafficPathText.LastHopNote(destination, locale)}";
    }

    public override DataPlane DataPlaneOf(EgressReachability model) => new AmbientDataPlane(model);
}
