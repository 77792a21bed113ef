using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>EGP010: the ASM console and guide keep policies in istio-egress.</summary>
public sealed class NamespaceConventionRule : PolicyRule
{
    public const string ConventionalNamespace = "istio-egress";

    public static readonly DiagnosticDescriptor EGP010 = new("EGP010", DiagnosticLevel.Warning, "Namespace is not istio-egress",
        "By convention egress policies live in namespace 'istio-egress'; this one {0}.",
        "按照约定,出口流量策略应位于命名空间“istio-egress”;此策略{0}。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP010];

    protected override void Check(PolicyRuleContext context)
    {
        var policy = context.Policy;
        var edits = context.Edits;
        if (policy.Metadata is not { } metadata)
        {
            return;
        }
        if (policy.NamespaceNode is { } ns)
        {
            if (ns.Value != ConventionalNamespace)
            {
                context.Report(EGP010.Create(ns.Span, new LocalizedText($"is in '{ns.Value}'", $"位于“{ns.Value}”")),
                    SetNamespaceFix(edits.ReplaceString(ns, ConventionalNamespace)));
            }
            return;
        }
        // No namespace: kubectl would put the policy in its context's namespace, rarely istio-egress.
        var metadataKey = policy.Root.FindPair("metadata")!.Value.Key;
        var existing = metadata.FindPair("namespace");
        var edit = existing is { } pair
            ? edits.SetValue(pair, ConventionalNamespace)
            : edits.InsertPair(metadata, RuleContext.IndexOf(metadata, "name") ?? metadata.Pairs.Length - 1, "namespace", ConventionalNamespace);
        context.Report(EGP010.Create(metadataKey.Span, new LocalizedText(
                "sets no namespace (kubectl would use its current one)", "未设置命名空间(kubectl 会使用当前命名空间)")),
            SetNamespaceFix(edit));

        static CodeFix SetNamespaceFix(TextEdit edit) =>
            RuleContext.Fix($"Set namespace to {ConventionalNamespace}", $"将命名空间设为 {ConventionalNamespace}", edit);
    }
}
