using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>EGP007: <c>status</c> is the controller's; a source file that carries it fights the controller.</summary>
public sealed class StatusRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP007 = new("EGP007", DiagnosticLevel.Warning, "status written in a source file",
        "'status' is written by the controller; remove it from the source file.",
        "“status”由控制器写入,请从源文件中删除。", DiagnosticTags.Unnecessary);

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP007];

    protected override void Check(PolicyRuleContext context)
    {
        var policy = context.Policy;
        if (policy.StatusPair is not { } status)
        {
            return;
        }
        var index = policy.Root.Pairs.IndexOf(status);
        context.Report(EGP007.Create(status.Key.Span),
            RuleContext.Fix("Remove the status block", "删除 status 块", context.Edits.RemovePair(policy.Root, index)));
    }
}
