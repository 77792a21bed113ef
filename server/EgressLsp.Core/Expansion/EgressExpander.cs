using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Expands a planned egress policy into the resources of the environment's target (shared/spec/expansion.md).
/// One pure function: the CLI, the code action, the preview and the tests all call it.
/// </summary>
public static class EgressExpander
{
    public static ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target switch
        {
            ExpansionTarget.IstioSidecar => IstioSidecarTranslator.Translate(plan, environment, workspace),
            _ => NotImplemented(plan.Policy, environment.Target),
        };

    /// <summary>
    /// <see cref="Expand"/>'s resources made one at a time (nothing for a target that cannot expand the policy; its
    /// reasons are <see cref="Diagnose"/>'s): a large expansion is written out without being held whole.
    /// </summary>
    public static IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target switch
        {
            ExpansionTarget.IstioSidecar => IstioSidecarTranslator.Stream(plan, environment, workspace),
            _ => [],
        };

    /// <summary>The expansion's diagnostics alone (cheaper than <see cref="Expand"/>: no manifest is written).</summary>
    public static ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target switch
        {
            ExpansionTarget.IstioSidecar => IstioSidecarTranslator.Diagnose(plan, environment, workspace),
            _ => NotImplemented(plan.Policy, environment.Target).Diagnostics,
        };

    private static ExpansionResult NotImplemented(EgressPolicy policy, ExpansionTarget target)
    {
        var name = ExpansionTargets.Name(target);
        var message = new LocalizedText(
            $"The '{name}' target cannot expand this policy yet: only istio-sidecar is implemented.",
            $"目标“{name}”暂时无法展开此策略:目前仅实现了 istio-sidecar。");
        // On the policy's kind: the whole policy is what the target cannot express.
        var anchor = policy.Root.FindPair("kind")?.Value.Span ?? new TextSpan(policy.Root.Span.Start, 0);
        var diagnostic = DiagnosticCatalog.EGP050.Create(anchor, message);
        return new ExpansionResult(ImmutableArray<GeneratedResource>.Empty, [diagnostic]);
    }
}
