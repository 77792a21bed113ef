using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// <c>from</c> entries: EGP043 (repeated source), and for each first occurrence EGP040 (namespace unknown to the
/// workspace) and EGP041 (selector matching no workload of its namespace).
/// </summary>
public sealed class SourceRules : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP040 = new("EGP040", DiagnosticLevel.Info, "Namespace not found in the workspace",
        "Namespace '{0}' is not declared in the workspace.",
        "工作区中未声明命名空间“{0}”。");

    public static readonly DiagnosticDescriptor EGP041 = new("EGP041", DiagnosticLevel.Warning, "workloadSelector selects no workload",
        "workloadSelector {0} selects no workload in namespace '{1}' (workloads there: {2}).",
        "workloadSelector {0} 在命名空间“{1}”中没有选中任何工作负载(该命名空间中的工作负载:{2})。");

    public static readonly DiagnosticDescriptor EGP043 = new("EGP043", DiagnosticLevel.Warning, "Duplicate from entry",
        "This 'from' entry repeats namespace '{0}' with the same selector.",
        "此“from”条目与已有条目重复(命名空间“{0}”,选择器相同)。", DiagnosticTags.Unnecessary);

    /// <summary>Namespaces every cluster has, whether or not the workspace declares them.</summary>
    private static readonly HashSet<string> BuiltInNamespaces = new(StringComparer.Ordinal)
    {
        "default", "kube-system", "kube-public", "kube-node-lease",
    };

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP040, EGP041, EGP043];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var rule in context.Policy.Rules)
        {
            CheckSources(context, rule);
        }
    }

    private static void CheckSources(PolicyRuleContext context, EgressRule rule)
    {
        var sequence = rule.Node.GetSequence("from");
        // A rule with one source repeats none: no key to build (this runs for every rule on every keystroke).
        var seen = rule.From.Length > 1 ? new Dictionary<string, RuleSource>(StringComparer.Ordinal) : null;
        foreach (var source in rule.From)
        {
            if (source.NamespaceNode is not { } ns)
            {
                continue;
            }
            if (seen is not null && EarlierSame(seen, ns, source) is { } original)
            {
                var pair = source.Node.FindPair("namespace")!.Value;
                var diagnostic = EGP043.Create(TextSpan.FromBounds(pair.Key.Span.Start, context.Edits.PairEnd(pair)), ns.Value)
                    .WithRelated(context.Related(original.NamespaceNode!.Span, "First listed here", "首次出现在此处"));
                context.Report(diagnostic, sequence is null
                    ? null
                    : RuleContext.Fix("Remove the repeated source", "删除重复的来源", context.Edits.RemoveItem(sequence, source.Index)));
                continue;
            }
            CheckSourceNamespace(context, ns);
            CheckWorkloadSelector(context, source, ns.Value);
        }
    }

    /// <summary>The source listed before <paramref name="source"/> with its namespace and selector; else null, and it is remembered.</summary>
    private static RuleSource? EarlierSame(Dictionary<string, RuleSource> seen, YamlScalar ns, RuleSource source)
    {
        var key = ns.Value + "\n" + string.Join("\n", source.WorkloadSelector.Select(l => l.ToString()).Order(StringComparer.Ordinal));
        return seen.TryAdd(key, source) ? null : seen[key];
    }

    private static void CheckSourceNamespace(PolicyRuleContext context, YamlScalar ns)
    {
        var known = context.KnownNamespaces;
        if (context.Workspace.Namespaces.IsEmpty || BuiltInNamespaces.Contains(ns.Value) || known.Contains(ns.Value))
        {
            return;
        }
        var suggestion = EditDistance.Closest(ns.Value, known.Order(StringComparer.Ordinal), RuleContext.SuggestionDistance(ns.Value));
        context.Report(EGP040.Create(ns.Span, ns.Value),
            suggestion is null ? null : RuleContext.Fix($"Change to {suggestion}", $"改为 {suggestion}", context.Edits.ReplaceString(ns, suggestion)));
    }

    private static void CheckWorkloadSelector(PolicyRuleContext context, RuleSource source, string ns)
    {
        var workspace = context.Workspace;
        if (source.SelectsWholeNamespace || !workspace.HasWorkloadsIn(ns))
        {
            return;
        }
        var workloads = workspace.WorkloadsIn(ns).ToArray();
        if (workloads.Any(w => w.Matches(source.WorkloadSelector)))
        {
            return;
        }
        var selectorPair = source.Node.FindPair("workloadSelector")!.Value;
        var selector = "{" + string.Join(", ", source.WorkloadSelector) + "}";
        var diagnostic = EGP041.Create(selectorPair.Key.Span, selector, ns, DescribeWorkloads(workloads, source.WorkloadSelector));
        context.Report(diagnostic, SelectorValueFix(context, source, workloads));
    }

    /// <summary>Workloads with the labels that matter: those the selector names, else their first two.</summary>
    private static string DescribeWorkloads(WorkloadInfo[] workloads, ImmutableArray<Label> selector)
    {
        const int shown = 3;
        var keys = selector.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var described = workloads.Take(shown).Select(w =>
        {
            var relevant = w.PodLabels.Where(l => keys.Contains(l.Key)).ToArray();
            var labels = relevant.Length > 0 ? relevant : [.. w.PodLabels.Take(2)];
            return $"{w.Name} {{{string.Join(", ", labels)}}}";
        });
        var more = workloads.Length > shown ? $", +{workloads.Length - shown}" : "";
        return string.Join("; ", described) + more;
    }

    /// <summary>For a one-label selector with a near miss ("sleep-b" for "sleep-a"), the workload's value.</summary>
    private static CodeFix? SelectorValueFix(PolicyRuleContext context, RuleSource source, WorkloadInfo[] workloads)
    {
        if (source.WorkloadSelector.Length != 1 || source.WorkloadSelectorNode?.Pairs[0].Value.Resolved is not YamlScalar valueNode)
        {
            return null;
        }
        var label = source.WorkloadSelector[0];
        var values = workloads.SelectMany(w => w.PodLabels).Where(l => l.Key == label.Key).Select(l => l.Value)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return EditDistance.Closest(label.Value, values, RuleContext.SuggestionDistance(label.Value)) is { } suggestion
            ? RuleContext.Fix($"Change to {label.Key}: {suggestion}", $"改为 {label.Key}: {suggestion}", context.Edits.ReplaceString(valueNode, suggestion))
            : null;
    }
}
