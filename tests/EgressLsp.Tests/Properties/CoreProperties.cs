using CsCheck;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;
using EgressLsp.Tests.CrdSchemas;

namespace EgressLsp.Tests.Properties;

/// <summary>
/// Properties of the core on generated documents (see <see cref="PolicyGenerators"/>). The default run is short;
/// <c>EGRESSLSP_PROPERTY_SECONDS=N</c> runs each property for N seconds instead, and CsCheck prints the seed of a
/// failure (replay it with <c>CsCheck_Seed=…</c>).
/// </summary>
public class CoreProperties
{
    private static readonly long? Seconds = long.TryParse(Environment.GetEnvironmentVariable("EGRESSLSP_PROPERTY_SECONDS"), out var s) && s > 0 ? s : null;

    private static void Check(Gen<string> documents, Action<string> property, long iterations) =>
        documents.Sample(property, iter: Seconds is null ? iterations : -1, time: Seconds is { } t ? (int)t : -1, print: Printable);

    [Fact]
    public void Parsing_and_analysis_never_throw_and_every_range_lies_inside_the_text() =>
        Check(PolicyGenerators.AnyText, text =>
        {
            var analysis = new DocumentAnalysis("/work/policy.yaml", text, AnalysisContext.Default);
            foreach (var node in analysis.Yaml.Documents.SelectMany(d => Walk(d.Root)))
            {
                AssertInside(node.Span, text, $"{node.Kind} node");
            }
            foreach (var document in analysis.Yaml.Documents)
            {
                AssertInside(document.Span, text, "document");
            }
            foreach (var diagnostic in analysis.Yaml.Diagnostics.Concat(analysis.Diagnostics))
            {
                AssertInside(diagnostic.Span, text, diagnostic.Code);
                foreach (var related in diagnostic.Related.Where(r => r.Path is null))
                {
                    AssertInside(related.Span, text, $"{diagnostic.Code} related");
                }
                foreach (var edit in diagnostic.Fixes.SelectMany(f => f.Edits))
                {
                    AssertInside(edit.Span, text, $"{diagnostic.Code} fix");
                }
            }
            _ = ManifestWriter.ToYaml(analysis.Expand().Resources);
        }, iterations: 400);

    /// <summary>Chains of anchors whose lists repeat the previous anchor: each level multiplies what an alias stands for.</summary>
    private static readonly Gen<string> AliasChains =
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 30], Gen.Int[0, 220], (levels, fanOut, nesting) =>
            "a0: &a0 [x, y]\n"
            + string.Concat(Enumerable.Range(1, levels).Select(level =>
                $"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", fanOut))}]\n"))
            + "deep: " + new string('[', nesting) + new string(']', nesting) + "\n");

    [Fact]
    public void Budgets_hold_whatever_the_aliases_and_nesting() =>
        Check(AliasChains, text =>
        {
            var file = YamlFile.Parse(text);
            var root = Assert.IsType<YamlMapping>(file.Documents[0].Root);
            var own = Walk(root).Count();
            // Following every alias visits what the aliases stand for: never more than the allowance past the document's own nodes.
            var limit = own + Math.Max(YamlBudget.MinAliasAllowance, own) + 1;
            Assert.True(CountFollowingAliases(root, limit) <= limit, $"aliases stand for more than {limit - own} nodes");
            Assert.True(Depth(root) <= YamlBudget.MaxDepth, "nesting deeper than the budget is represented");
        }, iterations: 200);

    private static long CountFollowingAliases(YamlNode node, long stopAt)
    {
        long count = 0;
        var pending = new Stack<YamlNode>([node]);
        while (pending.Count > 0 && count <= stopAt)
        {
            var current = pending.Pop().Resolved;
            count++;
            foreach (var child in current switch
            {
                YamlMapping mapping => mapping.Pairs.SelectMany(p => new[] { p.Key, p.Value }),
                YamlSequence sequence => sequence.Items.AsEnumerable(),
                _ => [],
            })
            {
                pending.Push(child);
            }
        }
        return count;
    }

    private static int Depth(YamlNode? node) => node switch
    {
        YamlMapping mapping => 1 + mapping.Pairs.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        YamlSequence sequence => 1 + sequence.Items.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    [Fact]
    public void Output_is_bounded_by_the_input() =>
        Check(PolicyGenerators.AnyText, text =>
        {
            var analysis = new DocumentAnalysis("/work/policy.yaml", text, AnalysisContext.Default);
            // A diagnostic needs at least one character to stand on, give or take one per line end.
            Assert.True(analysis.Diagnostics.Length <= 2 * text.Length + 1, $"{analysis.Diagnostics.Length} diagnostics for {text.Length} characters");
            // Each `to` entry of a few dozen characters makes five small resources of a few hundred characters:
            // the output grows with the input, never faster than a fixed factor.
            var yaml = ManifestWriter.ToYaml(analysis.Expand().Resources);
            Assert.True(yaml.Length <= 64 * text.Length + 4096, $"{yaml.Length} characters of output for {text.Length} of input");
        }, iterations: 300);

    [Fact]
    public void Expansion_is_deterministic_and_strictly_valid_for_Istio_when_validation_finds_no_error()
    {
        var expanded = 0;
        Check(PolicyGenerators.Policy, text =>
        {
            var first = new DocumentAnalysis("/work/policy.yaml", text, AnalysisContext.Default);
            var second = new DocumentAnalysis("/work/policy.yaml", text, AnalysisContext.Default);
            var yaml = ManifestWriter.ToYaml(first.Expand().Resources);
            Assert.Equal(yaml, ManifestWriter.ToYaml(second.Expand().Resources));
            Assert.Equal(ManifestWriter.ToJson(first.Expand().Resources), ManifestWriter.ToJson(second.Expand().Resources));
            if (first.HasErrors)
            {
                return;
            }
            var errors = CrdSchemaValidator.Validate(yaml);
            Assert.True(errors.Count == 0, CrdSchemaValidator.Join(errors));
            Interlocked.Increment(ref expanded);
        }, iterations: 150);
        // The generator is meant to reach expansion: a run where no policy was clean would prove nothing.
        Assert.True(expanded > 0, "no generated policy validated without errors");
    }

    [Fact]
    public void Completion_and_hover_at_every_offset_never_throw_and_stay_inside_the_text() =>
        Check(PolicyGenerators.MutatedPolicy, text =>
        {
            var analysis = new DocumentAnalysis("/work/policy.yaml", text, AnalysisContext.Default);
            for (var offset = 0; offset <= text.Length; offset++)
            {
                foreach (var item in CompletionService.GetCompletions(analysis, offset).Items)
                {
                    AssertInside(item.ReplaceSpan, text, $"completion '{item.Label}' at {offset}");
                }
                if (HoverService.GetHover(analysis, offset, offset % 2 == 0 ? "en" : "zh-cn") is { } hover)
                {
                    AssertInside(hover.Span, text, $"hover at {offset}");
                }
            }
        }, iterations: 25);

    private static IEnumerable<YamlNode> Walk(YamlNode? node)
    {
        switch (node)
        {
            case null:
                yield break;
            case YamlMapping mapping:
                yield return mapping;
                foreach (var pair in mapping.Pairs)
                {
                    foreach (var inner in Walk(pair.Key).Concat(Walk(pair.Value)))
                    {
                        yield return inner;
                    }
                }
                break;
            case YamlSequence sequence:
                yield return sequence;
                foreach (var inner in sequence.Items.SelectMany(Walk))
                {
                    yield return inner;
                }
                break;
            default:
                yield return node;
                break;
        }
    }

    private static void AssertInside(TextSpan span, string text, string what) =>
        Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= text.Length, $"{what} {span} outside a text of {text.Length} characters");

    /// <summary>The failing text as a C# literal, so that it can be pasted into a regression test.</summary>
    private static string Printable(string text) =>
        "\"" + string.Concat(text.Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '"' => "\\\"",
            '\\' => "\\\\",
            _ when char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}
