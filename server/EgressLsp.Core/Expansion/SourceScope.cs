using System.Collections.Immutable;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// An allowed source of one host and port: a whole namespace (empty selector) or labelled workloads in it. A
/// whole-namespace source subsumes the label-scoped ones of its namespace; identical selectors count once.
/// </summary>
public sealed record SourceScope(string Namespace, ImmutableArray<Label> Selector, RuleSource Source)
{
    public bool IsWholeNamespace => Selector.IsEmpty;

    public static ImmutableArray<SourceScope> Of(PlannedHostPort port) =>
        // Most ports have one source: nothing to group or subsume.
        port.Sources is [var single] ? [Scope(single.Namespace, single.Source)] : Of(port.Sources);

    public static ImmutableArray<SourceScope> Of(IEnumerable<PlannedSource> sources)
    {
        var result = ImmutableArray.CreateBuilder<SourceScope>();
        foreach (var group in sources.GroupBy(s => s.Namespace, StringComparer.Ordinal))
        {
            if (group.FirstOrDefault(s => s.Source.SelectsWholeNamespace) is { } whole)
            {
                result.Add(new SourceScope(group.Key, ImmutableArray<Label>.Empty, whole.Source));
                continue;
            }
            foreach (var source in group.DistinctBy(s => SelectorKey(s.Source.WorkloadSelector), StringComparer.Ordinal))
            {
                result.Add(Scope(group.Key, source.Source));
            }
        }
        return result.ToImmutable();
    }

    private static SourceScope Scope(string ns, RuleSource source) => source.SelectsWholeNamespace
        ? new SourceScope(ns, ImmutableArray<Label>.Empty, source)
        : new SourceScope(ns, source.WorkloadSelector.Length == 1
            ? source.WorkloadSelector
            : source.WorkloadSelector.DistinctBy(l => l.Key, StringComparer.Ordinal).ToImmutableArray(), source);

    private static string SelectorKey(ImmutableArray<Label> selector) =>
        string.Join("\n", selector.DistinctBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));
}
