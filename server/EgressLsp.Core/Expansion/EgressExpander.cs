using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Expands a planned egress policy into the resources of the environment's target (shared/spec/expansion.md).
/// One pure function: the CLI, the code action, the preview and the tests all call it; the target does the work.
/// </summary>
public static class EgressExpander
{
    public static ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target.Expand(plan, environment, workspace);

    /// <summary><see cref="Expand"/>'s resources made one at a time: a large expansion is written out without being held whole.</summary>
    public static IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target.Stream(plan, environment, workspace);

    /// <summary>The expansion's diagnostics alone (cheaper than <see cref="Expand"/>: no manifest is written).</summary>
    public static ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        environment.Target.Diagnose(plan, environment, workspace);
}
