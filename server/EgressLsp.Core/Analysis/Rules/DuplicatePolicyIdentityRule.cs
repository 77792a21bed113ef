using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// EGP044: two policies with the same namespace and name, in one file or in two files of the workspace. Kubernetes
/// identifies an object by kind, namespace and name, so <c>kubectl apply</c> keeps only the last one, silently; and
/// the Gateways, DestinationRules and AuthorizationPolicies both expand into are named after the policy's gateway,
/// so they overwrite each other too. Each copy is reported, naming the others.
/// </summary>
public sealed class DuplicatePolicyIdentityRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP044 = new("EGP044", DiagnosticLevel.Error, "Two policies with the same namespace and name",
        "Another policy is also named '{0}' ({1}): kubectl apply keeps only one of them, and the Istio resources they expand into overwrite each other.",
        "另一个策略也名为“{0}”({1}):kubectl apply 只会保留其中一个,它们展开生成的 Istio 资源也会相互覆盖。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP044];

    protected override void Check(PolicyRuleContext context)
    {
        if (context.Policy.NameNode is not { } nameNode)
        {
            return;
        }
        // As Kubernetes places it: an object without a namespace lands in the current (default) one.
        var ns = context.Policy.Namespace ?? Manifest.DefaultNamespace;
        var name = nameNode.Value;
        var related = ImmutableArray.CreateBuilder<RelatedInformation>();
        var places = new List<LocalizedText>();
        foreach (var other in context.Documents)
        {
            if (other != context.Document && other.Policy is { NameNode: { } otherName } policy &&
                policy.Name == name && (policy.Namespace ?? Manifest.DefaultNamespace) == ns)
            {
                var line = context.Text.GetLineIndex(otherName.Span.Start) + 1;
                places.Add(new LocalizedText($"line {line}", $"第 {line} 行"));
                related.Add(context.Related(otherName.Span, "The other policy with this namespace and name", "同一命名空间和名称的另一个策略"));
            }
        }
        foreach (var other in context.Workspace.PoliciesNamed(ns, name))
        {
            if (other.Location.Path != context.Path)
            {
                var where = $"{other.Location.Path}:{other.Location.Range.Start.Line + 1}";
                places.Add(new LocalizedText(where, where));
                related.Add(new RelatedInformation(other.Location.Path, other.Location.Span, other.Location.Range,
                    new LocalizedText("The other policy with this namespace and name", "同一命名空间和名称的另一个策略")));
            }
        }
        if (places.Count == 0)
        {
            return;
        }
        var diagnostic = EGP044.Create(nameNode.Span, $"{ns}/{name}",
            new LocalizedText(string.Join(", ", places.Select(p => p.En)), string.Join("、", places.Select(p => p.Zh))));
        context.Report(diagnostic with { Related = related.ToImmutable() });
    }
}
