using EgressLsp.Core.Analysis;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Text;
using static EgressLsp.Tests.Features.FeatureFixtures;

namespace EgressLsp.Tests.Features.Symbols;

public class DocumentSymbolServiceTests
{
    private const string Mixed = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep-a
          namespace: mytest
        ---
        apiVersion: istio.alibabacloud.com/v1
        kind: ASMEgressTrafficPolicy
        metadata:
          name: egress-by-egressgateway
          namespace: istio-egress
        spec:
          byEgressGateway:
            name: egressgateway
          egressRules:
          - name: web
            from:
            - namespace: mytest
            - namespace: other
            - namespace: mytest
              workloadSelector:
                app: sleep-a
            to:
            - name: httpbin-http
              hosts: [httpbin.org, www.httpbin.org]
              port: {name: http, number: 80, protocol: HTTP}
              httpsUpgrade: {enabled: true, port: 443}
          - from:
            - namespace: mytest
            to:
            - hosts: [a.example.com, b.example.com, c.example.com, d.example.com]
              port: {name: https, number: 443, protocol: HTTPS}
            - port: {number: 443}
        ---
        plain: yaml without a kind
        """;

    private static string Covered(DocumentAnalysis analysis, TextSpan span) => analysis.Text.Text.Substring(span.Start, span.Length);

    [Fact]
    public void A_policy_nests_its_rules_and_destinations_and_other_objects_stay_flat()
    {
        var (analysis, _) = Open(Mixed);
        var symbols = DocumentSymbolService.GetSymbols(analysis);
        Assert.Equal(2, symbols.Length);

        var deployment = symbols[0];
        Assert.Equal(("Deployment sleep-a", "mytest", OutlineKind.Resource), (deployment.Name, deployment.Detail, deployment.Kind));
        Assert.Equal("sleep-a", Covered(analysis, deployment.SelectionSpan));
        Assert.StartsWith("apiVersion: apps/v1", Covered(analysis, deployment.Span));
        Assert.Empty(deployment.Children);

        var policy = symbols[1];
        Assert.Equal(("egress-by-egressgateway", "ASMEgressTrafficPolicy · gateway egressgateway", OutlineKind.Policy),
            (policy.Name, policy.Detail, policy.Kind));
        Assert.Equal("egress-by-egressgateway", Covered(analysis, policy.SelectionSpan));

        var (web, unnamed) = (policy.Children[0], policy.Children[1]);
        Assert.Equal(("web", "from mytest, other", OutlineKind.Rule), (web.Name, web.Detail, web.Kind));
        Assert.Equal("web", Covered(analysis, web.SelectionSpan));
        Assert.Equal(("rule 2", "from mytest"), (unnamed.Name, unnamed.Detail));
        Assert.Equal("from", Covered(analysis, unnamed.SelectionSpan));

        var http = Assert.Single(web.Children);
        Assert.Equal(("httpbin-http", "httpbin.org, www.httpbin.org · 80/HTTP → gateway 10000 (auto) → 443 TLS", OutlineKind.Destination),
            (http.Name, http.Detail, http.Kind));
        Assert.StartsWith("name: httpbin-http", Covered(analysis, http.Span));
        Assert.EndsWith("port: 443}", Covered(analysis, http.Span));

        var (byHost, incomplete) = (unnamed.Children[0], unnamed.Children[1]);
        Assert.Equal("a.example.com", byHost.Name);
        Assert.Equal("a.example.com", Covered(analysis, byHost.SelectionSpan));
        Assert.Matches(@"^a\.example\.com, b\.example\.com, c\.example\.com \+1 · 443/HTTPS → gateway 1\d{4} \(auto\)$", byHost.Detail);
        Assert.Equal(("to 2", null), (incomplete.Name, incomplete.Detail));
        Assert.Equal("port", Covered(analysis, incomplete.SelectionSpan));
    }

    [Fact]
    public void Every_selection_lies_inside_its_span()
    {
        var (analysis, _) = Open(Mixed);
        foreach (var symbol in Flatten(DocumentSymbolService.GetSymbols(analysis)))
        {
            Assert.True(symbol.Span.Start <= symbol.SelectionSpan.Start && symbol.SelectionSpan.End <= symbol.Span.End, symbol.Name);
        }
    }

    [Fact]
    public void The_generated_words_follow_the_locale()
    {
        var (analysis, _) = Open(Mixed);
        var policy = DocumentSymbolService.GetSymbols(analysis, "zh-CN")[1];
        Assert.Equal("ASMEgressTrafficPolicy · 网关 egressgateway", policy.Detail);
        Assert.Equal(("规则 2", "来自 mytest"), (policy.Children[1].Name, policy.Children[1].Detail));
        Assert.Contains("→ 网关 10000(自动)", policy.Children[0].Children[0].Detail);
    }

    [Fact]
    public void A_file_without_Kubernetes_objects_has_an_empty_outline()
    {
        var (analysis, _) = Open("# nothing\n---\nplain: yaml\nlist: [1, 2]\n");
        Assert.Empty(DocumentSymbolService.GetSymbols(analysis));
        Assert.Empty(DocumentSymbolService.GetSymbols(Open("").Analysis));
    }

    [Fact]
    public void A_huge_outline_stops_at_the_limit_and_says_how_many_entries_it_leaves_out()
    {
        // One policy with 6,000 rules of one destination each: 12,001 entries.
        var rules = string.Concat(Enumerable.Range(0, 6_000).Select(i =>
            $"  - from:\n    - namespace: ns{i}\n    to:\n    - name: svc-{i}\n      hosts:\n      - h{i}.example.com\n      port:\n        number: 80\n        protocol: HTTP\n"));
        var text = "apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: big\n  namespace: istio-egress\n"
            + "spec:\n  byEgressGateway:\n    name: egressgateway\n  egressRules:\n" + rules;
        var outline = DocumentSymbolService.GetSymbols(Open(text).Analysis);
        var notes = Flatten(outline).Where(s => s.Name.StartsWith('…')).ToArray();
        Assert.Equal(DocumentSymbolService.MaxSymbols, Flatten(outline).Count() - notes.Length);
        // The notes (where the budget ran out, at each level it ran out at) account for every entry left out.
        var omitted = notes.Select(n => int.Parse(n.Name.Split(' ')[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12_001 - DocumentSymbolService.MaxSymbols, omitted.Sum());
        var last = outline[0].Children[^1];
        Assert.Matches("^… [0-9,]+ more not shown \\(the outline stops at 10,000 entries\\)$", last.Name);
        Assert.Empty(last.Children);
        Assert.Equal(outline[0].Span.End, last.Span.End);
    }

    private static IEnumerable<OutlineSymbol> Flatten(IEnumerable<OutlineSymbol> symbols) =>
        symbols.SelectMany(s => Flatten(s.Children).Prepend(s));
}
