using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>EGP012: the gateway named in the policy is not among the egress gateways the workspace declares.</summary>
public sealed class GatewayNameRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP012 = new("EGP012", DiagnosticLevel.Warning, "Egress gateway not found in the workspace",
        "No egress gateway named '{0}' was found in the workspace (found: {1}).",
        "工作区中没有名为“{0}”的出口网关(已找到:{1})。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP012];

    protected override void Check(PolicyRuleContext context)
    {
        var policy = context.Policy;
        var gateways = context.EgressGatewayNames;
        // A configured selector replaces the name as the way to find the gateway pods; nothing to compare then.
        if (policy.GatewayNameNode is not { } node || context.Environment.GatewaySelector is not null || gateways.Length == 0 ||
            context.Gateway is not null)
        {
            return;
        }
        var name = node.Value;
        var diagnostic = EGP012.Create(node.Span, name, RuleContext.ListNames(gateways));
        var suggestion = EditDistance.Closest(name, gateways, RuleContext.SuggestionDistance(name))
            ?? (gateways.Length == 1 ? gateways[0] : null);
        if (suggestion is null)
        {
            context.Report(diagnostic);
            return;
        }
        var edits = context.Edits;
        // The policy's conventional name follows the gateway, so a rename keeps the two together.
        if (policy.NameNode is { } policyName && policyName.Value == NameConventionRule.ConventionalName(name))
        {
            context.Report(diagnostic, RuleContext.Fix($"Change to {suggestion} (and rename the policy)", $"改为 {suggestion}(并重命名策略)",
                edits.ReplaceString(node, suggestion), edits.ReplaceString(policyName, NameConventionRule.ConventionalName(suggestion))));
            return;
        }
        context.Report(diagnostic, RuleContext.Fix($"Change to {suggestion}", $"改为 {suggestion}", edits.ReplaceString(node, suggestion)));
    }
}
