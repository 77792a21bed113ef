using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>EGP033: Istio's port naming convention <c>&lt;protocol&gt;[-suffix]</c> (IST0118), for this port's protocol.</summary>
public sealed class PortNameRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP033 = new("EGP033", DiagnosticLevel.Info, "Port name does not follow <protocol>[-suffix]",
        "Port name '{0}' does not follow the '<protocol>[-suffix]' convention (for example '{1}').",
        "端口名称“{0}”不符合“<协议>[-后缀]”约定(例如“{1}”)。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP033];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var destination in context.Policy.Destinations)
        {
            Check(context, destination);
        }
    }

    private static void Check(PolicyRuleContext context, Destination destination)
    {
        if (destination.PortNameNode is not { } node || destination.Protocol is not { } protocol || !Protocols.All.Contains(protocol))
        {
            return;
        }
        var expected = protocol.ToLowerInvariant();
        var name = node.Value;
        if (name.Equals(expected, StringComparison.OrdinalIgnoreCase) || name.StartsWith(expected + "-", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // "http-api" on an HTTPS port keeps its suffix: "https-api"; "web" becomes "http-web".
        var suffix = name.ToLowerInvariant();
        foreach (var known in Protocols.All.OrderByDescending(p => p.Length))
        {
            var prefix = known.ToLowerInvariant();
            if (suffix == prefix || suffix.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                suffix = suffix[prefix.Length..].TrimStart('-');
                break;
            }
        }
        var withSuffix = suffix.Length > 0 ? $"{expected}-{suffix}" : null;
        var fixes = new List<CodeFix>();
        if (withSuffix is not null)
        {
            fixes.Add(RuleContext.Fix($"Rename to {withSuffix}", $"重命名为 {withSuffix}", context.Edits.ReplaceString(node, withSuffix)));
        }
        fixes.Add(RuleContext.Fix($"Rename to {expected}", $"重命名为 {expected}", context.Edits.ReplaceString(node, expected)) with { IsPreferred = withSuffix is null });
        context.Report(EGP033.Create(node.Span, name, withSuffix ?? expected), [.. fixes]);
    }
}
