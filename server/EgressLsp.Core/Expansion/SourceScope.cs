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

    public static ImmutableArray<SourceScope> Of(PlannedHostPort port) => Of(port.Sources);

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
                var selector = source.Source.WorkloadSelector.DistinctBy(l => l.Key, StringComparer.Ordinal).ToImmutableArray();
                result.Add(new SourceScope(group.Key, selector, source.Source));
            }
        }
        return result.ToImmutable();
    }

    private static string SelectorKey(ImmutableArray<Label> selector) =>
        string.Join("\n", selector.DistinctBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));
}
