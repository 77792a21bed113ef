using System.Collections.Immutable;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// <c>istio-sidecar</c>: sidecars send egress traffic over Istio mutual TLS to the egress gateway, which forwards it
/// (seeds 000, 002, 003; expansion.md, "The contract for istio-sidecar"). Its own checks are the gateway ports'.
/// </summary>
public sealed class IstioSidecarTarget : ExpansionTarget
{
    public override string Id => "istio-sidecar";

    public override string Family => "Istio";

    public override string FileSuffix => "istio";

    public override LocalizedText Description { get; } = new(
        "Istio with sidecars: ServiceEntry, Gateway, VirtualService, DestinationRule and AuthorizationPolicy; traffic goes sidecar → mTLS → egress gateway.",
        "Istio Sidecar 模式:ServiceEntry、Gateway、VirtualService、DestinationRule 与 AuthorizationPolicy;流量经 Sidecar → 双向 TLS → 出口网关。");

    public override ImmutableArray<IRule> Rules { get; } = [new GatewayPortRule(), new GatewayPortConflictRule()];

    public override ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioSidecarTranslator.Translate(plan, environment, workspace);

    public override IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioSidecarTranslator.Stream(plan, environment, workspace);

    public override ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        IstioSidecarTranslator.Diagnose(plan, environment, workspace);

    public override string DescribePath(EgressPlan plan, PlannedDestination destination, string host, EgressEnvironment environment, string? locale) =>
        SidecarTrafficPath.Describe(destination, host, plan.Policy.GatewayName, locale);

    public override DataPlane DataPlaneOf(EgressReachability model) => new SidecarDataPlane(model);
}
