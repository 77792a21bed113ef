using System.Collections.Immutable;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets;

/// <summary>
/// A mesh the policy expands for (expansion.md, "Targets"): one folder under <c>Targets/</c> and one line in
/// <see cref="TargetRegistry"/>. A target owns its translator, the checks only it needs, and how it describes the
/// path a request takes; everything else (the plan, the workspace's identities, the writer) is shared.
/// </summary>
public abstract class ExpansionTarget
{
    /// <summary>The name users write: <c>--target</c>, <c>environment.target</c>, the <c>egressLsp.target</c> setting.</summary>
    public abstract string Id { get; }

    /// <summary>The resources' family in titles ("Expand to Istio resources").</summary>
    public abstract string Family { get; }

    /// <summary>The expansion file's suffix: <c>egress.yaml</c> → <c>egress.{suffix}.yaml</c>.</summary>
    public abstract string FileSuffix { get; }

    /// <summary>What the target generates, one sentence (the README, the client's target picker).</summary>
    public abstract LocalizedText Description { get; }

    /// <summary>Checks of the policy that only matter when expanding for this target.</summary>
    public virtual ImmutableArray<IRule> Rules => ImmutableArray<IRule>.Empty;

    /// <summary>The resources and what the target cannot express (the one pure function of expansion.md).</summary>
    public abstract ExpansionResult Expand(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace);

    /// <summary>
    /// <see cref="Expand"/>'s resources made one at a time (nothing when the target cannot expand the policy; its
    /// reasons are <see cref="Diagnose"/>'s): a large expansion is written out without being held whole.
    /// </summary>
    public abstract IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace);

    /// <summary><see cref="Expand"/>'s diagnostics alone, for every keystroke: no manifest need be written.</summary>
    public abstract ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace);

    /// <summary>The hops a request to <paramref name="host"/> takes for one <c>to</c> entry, in one line (the hover).</summary>
    public abstract string DescribePath(EgressPlan plan, PlannedDestination destination, string host, EgressEnvironment environment, string? locale);

    /// <summary>How this target's data plane carries requests through the mesh of <paramref name="model"/> (reachability).</summary>
    public abstract DataPlane DataPlaneOf(EgressReachability model);

    public override string ToString() => Id;
}
