using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Symbols;

/// <summary>
/// The outline of a file, one entry per document as its kind gives it (<see cref="Kinds.DocumentKind.Symbol"/>):
/// each policy with its rules and their destinations, and one flat entry per other Kubernetes object, so a file
/// mixing a policy with Deployments or Istio resources is navigable too.
/// </summary>
public static class DocumentSymbolService
{
    /// <summary>A detail lists at most this many hosts; the rest is a count.</summary>
    private const int MaxHostsInDetail = 3;

    private static readonly LocalizedText GatewayDetail = new("{0} · gateway {1}", "{0} · 网关 {1}");
    private static readonly LocalizedText UnnamedRule = new("rule {0}", "规则 {0}");
    private static readonly LocalizedText UnnamedDestination = new("to {0}", "目标 {0}");
    private static readonly LocalizedText FromDetail = new("from {0}", "来自 {0}");
    private static readonly LocalizedText ThroughGateway = new(" → gateway {0}", " → 网关 {0}");
    private static readonly LocalizedText AutoAllocated = new(" (auto)", "(自动)");
    private static readonly LocalizedText MoreHosts = new(" +{0}", " 等 {0} 个");
    private static readonly LocalizedText NotShown = new("… {0} more not shown (the outline stops at {1} entries)", "…… 另有 {0} 项未显示(大纲最多 {1} 项)");

    /// <summary>Entries in one outline, nested ones included.</summary>
    public const int MaxSymbols = 10_000;

    /// <param name="locale">The client's: Chinese for <c>zh*</c>, else English (only the generated words change).</param>
    public static ImmutableArray<OutlineSymbol> GetSymbols(DocumentAnalysis analysis, string? locale = null)
    {
        var symbols = ImmutableArray.CreateBuilder<OutlineSymbol>();
        foreach (var document in analysis.Documents)
        {
            if (document.Document.Root?.Resolved is not YamlMapping root || root.Span.Length == 0)
            {
                continue;
            }
            if (document.Kind.Symbol(document, root, locale) is { } symbol)
            {
                symbols.Add(symbol);
            }
        }
        var budget = MaxSymbols;
        return Limit(symbols.ToImmutable(), ref budget, locale);
    }

    /// <summary>
    /// An outline of at most <see cref="MaxSymbols"/> entries (a 10 MB policy has hundreds of thousands, tens of MB of
    /// JSON for the editor to lay out): depth first, and where the budget runs out, one entry saying how many are left
    /// out, so the limit is visible in the outline itself.
    /// </summary>
    private static ImmutableArray<OutlineSymbol> Limit(ImmutableArray<OutlineSymbol> symbols, ref int budget, string? locale)
    {
        var kept = ImmutableArray.CreateBuilder<OutlineSymbol>(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (budget <= 0)
            {
                var omitted = symbols.Skip(i).Sum(Count);
                var first = symbols[i];
                kept.Add(new OutlineSymbol(NotShown.Format(locale, omitted.ToString("N0", CultureInfo.InvariantCulture), MaxSymbols.ToString("N0", CultureInfo.InvariantCulture)),
                    null, first.Kind, TextSpan.FromBounds(first.Span.Start, symbols[^1].Span.End), first.SelectionSpan, []));
                break;
            }
            budget--;
            var symbol = symbols[i];
            kept.Add(symbol.Children.IsEmpty ? symbol : symbol with { Children = Limit(symbol.Children, ref budget, locale) });
        }
        return kept.ToImmutable();

        static int Count(OutlineSymbol symbol) => 1 + symbol.Children.Sum(Count);
    }

    /// <summary>One flat entry for a Kubernetes object: <c>Deployment sleep</c>, its namespace as detail.</summary>
    internal static OutlineSymbol ResourceSymbol(string kind, YamlMapping root)
    {
        var nameNode = root.GetMapping("metadata")?.GetScalar("name") is { IsNull: false } name ? name : null;
        return new OutlineSymbol(nameNode is null ? kind : $"{kind} {nameNode.Value}", root.GetMapping("metadata")?.GetString("namespace"),
            OutlineKind.Resource, root.Span, (nameNode ?? root.GetScalar("kind"))?.Span ?? StartOf(root), []);
    }

    internal static OutlineSymbol PolicySymbol(EgressPolicy policy, EgressPlan plan, string? locale)
    {
        var detail = policy.GatewayName is { } gateway ? GatewayDetail.Format(locale, EgressPolicy.KindName, gateway) : EgressPolicy.KindName;
        var rules = policy.Rules.Select(rule => RuleSymbol(rule, plan, locale)).ToImmutableArray();
        return new OutlineSymbol(policy.Name ?? EgressPolicy.KindName, detail, OutlineKind.Policy, policy.Root.Span,
            (policy.NameNode ?? (YamlNode?)policy.Root.GetScalar("kind"))?.Span ?? StartOf(policy.Root), rules);
    }

    private static OutlineSymbol RuleSymbol(EgressRule rule, EgressPlan plan, string? locale)
    {
        var namespaces = rule.From.Select(s => s.Namespace).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var detail = namespaces.Length == 0 ? null : FromDetail.Format(locale, string.Join(", ", namespaces));
        var destinations = rule.To.Select(to => DestinationSymbol(to, plan, locale)).ToImmutableArray();
        // Numbered from 1, as a reader counts; the 0-based path (spec.egressRules[0]) is for tools.
        return new OutlineSymbol(rule.Name ?? UnnamedRule.Format(locale, rule.Index + 1), detail, OutlineKind.Rule, rule.Node.Span,
            rule.NameNode?.Span ?? FirstKeyOf(rule.Node), destinations);
    }

    private static OutlineSymbol DestinationSymbol(Destination destination, EgressPlan plan, string? locale)
    {
        var name = destination.Name ?? (destination.Hosts.IsEmpty ? UnnamedDestination.Format(locale, destination.Index + 1) : destination.Hosts[0].Host);
        var selection = destination.NameNode?.Span ?? (destination.Hosts.IsEmpty ? FirstKeyOf(destination.Node) : destination.Hosts[0].Node.Span);
        return new OutlineSymbol(name, DestinationDetail(destination, plan, locale), OutlineKind.Destination, destination.Node.Span, selection, []);
    }

    /// <summary>"httpbin.org, www.httpbin.org · 443/HTTPS → gateway 444", with what the plan knows about the gateway side.</summary>
    private static string? DestinationDetail(Destination destination, EgressPlan plan, string? locale)
    {
        var parts = new List<string>(2);
        var hosts = destination.Hosts.Select(h => h.Host).Distinct(StringComparer.Ordinal).ToArray();
        if (hosts.Length > 0)
        {
            var listed = string.Join(", ", hosts.Take(MaxHostsInDetail));
            parts.Add(hosts.Length > MaxHostsInDetail ? listed + MoreHosts.Format(locale, hosts.Length - MaxHostsInDetail) : listed);
        }
        if (destination.PortNumber is { } port && destination.Protocol is { } protocol)
        {
            var route = new StringBuilder().Append(port).Append('/').Append(protocol);
            if (plan.Find(destination) is { } planned)
            {
                route.Append(ThroughGateway.Format(locale, planned.GatewayPort));
                if (planned.GatewayPortOrigin != GatewayPortOrigin.Explicit)
                {
                    route.Append(AutoAllocated.For(locale));
                }
                if (planned.OriginatesTls)
                {
                    route.Append(" → ").Append(planned.UpstreamPort).Append(" TLS");
                }
            }
            parts.Add(route.ToString());
        }
        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private static TextSpan FirstKeyOf(YamlMapping mapping) => mapping.Pairs.IsEmpty ? StartOf(mapping) : mapping.Pairs[0].Key.Span;

    private static TextSpan StartOf(YamlNode node) => new(node.Span.Start, 0);
}
