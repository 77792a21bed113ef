using System.Text;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Yaml;

/// <summary>
/// Reading a file again after an edit (<see cref="YamlFile.Parse(SourceText, YamlFile?)"/>) must give exactly what
/// parsing the new text gives: every node, range, type and finding. The edits are random but seeded, so a failure
/// repeats.
/// </summary>
public class YamlReparseTests
{
    private static readonly string[] Insertions =
    [
        " ", "x", "\n", "  # edited\n", "    # note\n", "- ", ": ", "-", "#", "\t", "|\n", ">-\n", "&a ", "*a", "!!str ",
        "[", "]", "{", "}", "'", "\"", "---\n", "...\n", "  - name: added\n", "    port: 81\n", "      - extra.example.com\n",
        "\n\n", "  ", "key: value\n", "%YAML 1.2\n", "\r\n", "\r", "? ", "  -\n", "- - a\n", "!tag ", "'two\n  lines'",
        "\"open", "    - b\n", "      c: |\n        text\n", "x: &anchor 1\n", "y: *anchor\n", "#", "  key:\n",
    ];

    [Fact]
    public void Random_edits_of_a_policy_read_as_parsing_the_new_text_does()
    {
        var (clean, reused) = AssertRandomEditsReadAsParsed(Policy(rules: 40), edits: 600, seed: 1);
        // The point of the exercise: most edits of a clean file that leave it clean parse only the entry they touch.
        Assert.True(clean > 100 && reused > clean / 2, $"only {reused} of {clean} edits from a clean file to a clean one reused the previous nodes");
    }

    [Fact]
    public void Random_edits_of_a_policy_with_crlf_line_ends_read_as_parsing_the_new_text_does()
    {
        var (clean, reused) = AssertRandomEditsReadAsParsed(Policy(rules: 20).Replace("\n", "\r\n"), edits: 300, seed: 2);
        Assert.True(reused > clean / 2, $"only {reused} of {clean} edits from a clean file to a clean one reused the previous nodes");
    }

    [Fact]
    public void Random_edits_of_every_golden_input_read_as_parsing_the_new_text_does()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden");
        var files = Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 50);
        var seed = 0;
        foreach (var file in files)
        {
            AssertRandomEditsReadAsParsed(File.ReadAllText(file), edits: 25, seed: seed++, file);
        }
    }

    [Fact]
    public void An_edit_inside_one_rule_keeps_the_other_rules_nodes_and_moves_the_later_ones()
    {
        var text = Policy(rules: 5);
        var before = YamlFile.Parse(text);
        var line = text.IndexOf("  - name: rule-2", StringComparison.Ordinal);
        var edited = text.Insert(text.IndexOf("    to:", line, StringComparison.Ordinal), "    # reviewed\n");

        var after = YamlFile.Parse(SourceText.From(edited), before);

        Assert.Equal(Dump(YamlFile.Parse(edited)), Dump(after));
        var rulesBefore = Rules(before);
        var rulesAfter = Rules(after);
        Assert.Same(rulesBefore[1], rulesAfter[1]);
        Assert.NotSame(rulesBefore[2], rulesAfter[2]);
        Assert.Equal(rulesBefore[3].Span.Start + "    # reviewed\n".Length, rulesAfter[3].Span.Start);
    }

    [Fact]
    public void An_edit_that_changes_what_follows_the_entry_is_parsed_in_full()
    {
        // A block scalar keeps the blank lines after it with |+: read alone, the entry would lose them.
        var text = "items:\n  - a: 1\n\n\n  - b: 2\n";
        var before = YamlFile.Parse(text);
        var edited = text.Replace("a: 1", "a: |+\n      kept");

        var after = YamlFile.Parse(SourceText.From(edited), before);

        Assert.Equal(Dump(YamlFile.Parse(edited)), Dump(after));
        Assert.Equal("kept\n\n\n", ((YamlScalar)((YamlMapping)Root(after).GetSequence("items")!.Items[0]).Get("a")!).Value);
    }

    private static (int Clean, int Reused) AssertRandomEditsReadAsParsed(string text, int edits, int seed, string? name = null)
    {
        var random = new Random(seed);
        var (original, originalFile) = (text, YamlFile.Parse(text));
        var previous = originalFile;
        var (clean, reused) = (0, 0);
        for (var i = 0; i < edits; i++)
        {
            var edited = Edit(text, random);
            var incremental = YamlFile.Parse(SourceText.From(edited), previous);
            var full = YamlFile.Parse(edited);
            Assert.True(Dump(full) == Dump(incremental),
                $"{name ?? "policy"}, edit {i} (seed {seed}):\n--- before\n{text}\n--- after\n{edited}\n--- parsed\n{Dump(full)}\n--- reparsed\n{Dump(incremental)}");
            if (previous.Diagnostics.IsEmpty && full.Diagnostics.IsEmpty && previous.Documents.Length > 0 && incremental.Documents.Length > 0 &&
                previous.Documents[0].Root is { } root)
            {
                clean++;
                reused += ReferenceEquals(FirstLeaf(root), FirstLeaf(incremental.Documents[0].Root)) ? 1 : 0;
            }
            // Edits build on the last; a broken file mostly, and now and then any file, starts again from the original.
            (text, previous) = (!full.Diagnostics.IsEmpty && random.Next(3) > 0) || random.Next(10) == 0 ? (original, originalFile) : (edited, incremental);
        }
        return (clean, reused);
    }

    private static string Edit(string text, Random random)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        var at = random.Next(3) == 0 ? random.Next(text.Length + 1) : lineStarts[random.Next(lineStarts.Count)];
        switch (random.Next(4))
        {
            case 0:
                var length = Math.Min(random.Next(1, 16), text.Length - at);
                return text.Remove(at, length);
            case 1:
                var line = text.IndexOf('\n', at);
                return line < 0 ? text : text.Remove(at, line + 1 - at);
            default:
                return text.Insert(at, Insertions[random.Next(Insertions.Length)]);
        }
    }

    private static YamlNode? FirstLeaf(YamlNode? node) => node switch
    {
        YamlMapping { Pairs: [var first, ..] } => first.Key,
        YamlSequence { Items: [var first, ..] } => FirstLeaf(first),
        _ => node,
    };

    private static YamlMapping Root(YamlFile file) => Assert.IsType<YamlMapping>(file.Documents[0].Root);

    private static IReadOnlyList<YamlNode> Rules(YamlFile file) => Root(file).GetMapping("spec")!.GetSequence("egressRules")!.Items;

    private static string Policy(int rules)
    {
        var text = new StringBuilder("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress\n  namespace: istio-egress\nspec:\n  byEgressGateway:\n    name: egressgateway\n  egressRules:\n");
        for (var i = 0; i < rules; i++)
        {
            text.Append($"  - name: rule-{i}\n    from:\n    - namespace: team-{i % 4}\n      workloadSelector:\n        app: client-{i}\n")
                .Append($"    to:\n    - name: service-{i}\n      hosts:\n      - api-{i}.example.com\n      - \"www-{i}.example.com\"\n")
                .Append($"      port: {{number: 443, protocol: HTTPS, name: https}}\n      byEgressGateway:\n        port: {1000 + i}\n\n    # end of rule {i}\n");
        }
        return text.ToString();
    }

    /// <summary>Everything a reader of the file can see, one line per node and finding.</summary>
    private static string Dump(YamlFile file)
    {
        var text = new StringBuilder();
        foreach (var document in file.Documents)
        {
            text.Append($"document {document.Index} {document.Span}\n");
            Dump(document.Root, 1, text);
        }
        foreach (var diagnostic in file.Diagnostics)
        {
            text.Append($"{diagnostic.Code} {diagnostic.Span} {diagnostic.Message}\n");
        }
        foreach (var line in file.SyntaxErrorLines)
        {
            text.Append($"blanked {line}\n");
        }
        return text.ToString();
    }

    private static void Dump(YamlNode? node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case null:
                text.Append("(none)\n");
                break;
            case YamlScalar scalar:
                text.Append($"scalar {scalar.Span} {scalar.Style} {scalar.ValueType} {scalar.Tag} '{scalar.Value}'\n");
                break;
            case YamlMapping mapping:
                text.Append($"mapping {mapping.Span} flow={mapping.IsFlow} {mapping.Tag}\n");
                foreach (var pair in mapping.Pairs)
                {
                    Dump(pair.Key, depth + 1, text);
                    Dump(pair.Value, depth + 2, text);
                }
                break;
            case YamlSequence sequence:
                text.Append($"sequence {sequence.Span} flow={sequence.IsFlow} {sequence.Tag}\n");
                foreach (var item in sequence.Items)
                {
                    Dump(item, depth + 1, text);
                }
                break;
            case YamlAlias alias:
                text.Append($"alias {alias.Span} {alias.Name} -> {alias.Target?.Span}\n");
                break;
        }
    }
}
