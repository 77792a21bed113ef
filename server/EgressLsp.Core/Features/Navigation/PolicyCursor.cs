using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Navigation;

/// <summary>
/// Which part of a policy a field path lies in: the rule, and the <c>from</c> or <c>to</c> entry, with the path
/// left inside that entry. Hover and definition read the bound policy model through it (its plan, its labels)
/// instead of walking the YAML again.
/// </summary>
/// <param name="EntryPath">The path inside <see cref="Source"/> or <see cref="Destination"/>; empty for the entry itself.</param>
internal sealed record PolicyCursor(EgressPolicy Policy, EgressRule? Rule, RuleSource? Source, Destination? Destination,
    ImmutableArray<PathSegment> EntryPath)
{
    public static PolicyCursor Read(EgressPolicy policy, ImmutableArray<PathSegment> path)
    {
        // spec.egressRules[r].(from|to)[i]...
        if (path.Length < 3 || path[0].Key != "spec" || path[1].Key != "egressRules" || !path[2].IsItem)
        {
            return new PolicyCursor(policy, null, null, null, ImmutableArray<PathSegment>.Empty);
        }
        var rule = policy.Rules.FirstOrDefault(r => r.Index == path[2].Index);
        if (rule is null || path.Length < 5 || !path[4].IsItem)
        {
            return new PolicyCursor(policy, rule, null, null, ImmutableArray<PathSegment>.Empty);
        }
        var index = path[4].Index;
        var rest = path[5..];
        return path[3].Key switch
        {
            "from" => new PolicyCursor(policy, rule, rule.From.FirstOrDefault(s => s.Index == index), null, rest),
            "to" => new PolicyCursor(policy, rule, null, rule.To.FirstOrDefault(d => d.Index == index), rest),
            _ => new PolicyCursor(policy, rule, null, null, ImmutableArray<PathSegment>.Empty),
        };
    }

    /// <summary>True for <c>spec.byEgressGateway.name</c>, the gateway every route of the policy goes through.</summary>
    public static bool IsGatewayName(ImmutableArray<PathSegment> path) =>
        path.Length == 3 && path[0].Key == "spec" && path[1].Key == "byEgressGateway" && path[2].Key == "name";

    /// <summary>The first key inside the entry, e.g. <c>namespace</c> for <c>from[0].namespace.x</c>.</summary>
    public string? EntryField => EntryPath.IsEmpty ? null : EntryPath[0].Key;

    /// <summary>On a <c>from</c> entry itself (its dash), its namespace or its workload selector (a label of it included).</summary>
    public bool IsOnSourceScope => Source is not null && (EntryPath.IsEmpty || EntryField is "namespace" or "workloadSelector");
}
