using System.Collections.Immutable;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// Every rule, listed explicitly (no reflection: the native build stays trim- and AOT-safe). A new rule is one
/// file in this folder and one line here. Rules run in this order over a document, then the target's own
/// (<see cref="ExpansionTarget.Rules"/>); they are independent.
/// </summary>
public static class RuleRegistry
{
    public static ImmutableArray<IRule> All { get; } =
    [
        new StatusRule(),
        new NamespaceConventionRule(),
        new NameConventionRule(),
        new GatewayNameRule(),
        new SourceRules(),
        new HttpsUpgradeRule(),
        new HostRules(),
        new ProtocolRule(),
        new PortNameRule(),
        new PlanConflictRule(),
        new DuplicatePolicyIdentityRule(),
        new Istio.VirtualServiceGatewayRule(),
        new Istio.VirtualServiceHostInGatewayRule(),
        new Istio.DestinationHostRule(),
        new Istio.DestinationSubsetRule(),
        new Istio.ConflictingMeshHostsRule(),
        new Istio.GatewayWorkloadRule(),
        new Istio.ConflictingGatewaysRule(),
        new Istio.ServerCertificateRule(),
        new Istio.ServicePortNameRule(),
        new Istio.WorkloadSelectorRule(),
        new Istio.AuthorizationNamespaceRule(),
        new Istio.SidecarHopRule(),
        new Istio.GatewayHopResolutionRule(),
        new Istio.SubsetLookupPathRule(),
        new Istio.GatewaySubsetSniRule(),
        new Istio.SniHostsRule(),
        new Istio.GatewayServerTlsRule(),
        new Istio.RouteTrafficKindRule(),
        new Istio.ExportToRule(),
        new Istio.GatewayPortNameRule(),
        new OsmEdge.EgressProtocolRule(),
        new OsmEdge.GlobalEgressGatewayRule(),
        new OsmEdge.EgressMatchesRule(),
        new EgressTests.ExpectationRule(),
    ];

    /// <summary>
    /// The rules that check documents of <paramref name="kind"/> when the project expands for <paramref name="target"/>:
    /// these, then the target's own.
    /// </summary>
    public static IEnumerable<IRule> For(DocumentKind kind, ExpansionTarget target) =>
        All.Concat(target.Rules).Where(rule => rule.AppliesTo(kind));

    /// <summary>Every rule of every target too: the catalogue lists what any target may report.</summary>
    public static IEnumerable<IRule> AllWithTargets => All.Concat(TargetRegistry.All.SelectMany(target => target.Rules));

    /// <summary>
    /// Runs every rule that applies to the context's document. The diagnostics carry their default levels and come
    /// in document order (by position, then code; a tie keeps the order found).
    /// </summary>
    public static ImmutableArray<Diagnostic> Run(RuleContext context)
    {
        foreach (var rule in For(context.Document.Kind, context.Environment.Target))
        {
            rule.Check(context);
        }
        return [.. context.Diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
