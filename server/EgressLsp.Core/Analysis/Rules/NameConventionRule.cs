using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>EGP011: the console names a policy after the gateway it configures.</summary>
public sealed class NameConventionRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP011 = new("EGP011", DiagnosticLevel.Warning, "Name is not egress-by-{gateway}",
        "By convention this policy is named '{0}' after its egress gateway, not '{1}'.",
        "按照约定,此策略应以其出口网关命名为“{0}”,而不是“{1}”。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP011];

    public static string ConventionalName(string gatewayName) => $"egress-by-{gatewayName}";

    protected override void Check(PolicyRuleContext context)
    {
        var policy = context.Policy;
        if (policy.NameNode is not { } name || string.IsNullOrEmpty(policy.GatewayName))
        {
            return;
        }
        var expected = ConventionalName(policy.GatewayName);
        if (name.Value != expected)
        {
            context.Report(EGP011.Create(name.Span, expected, name.Value),
                RuleContext.Fix($"Rename to {expected}", $"重命名为 {expected}", context.Edits.ReplaceString(name, expected)));
        }
    }
}
