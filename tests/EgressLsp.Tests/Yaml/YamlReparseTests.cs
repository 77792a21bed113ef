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
    [Fact]
    public void Random_edits_of_a_policy_read_as_parsing_the_new_text_does()
    {
        var (clean, reused) = AssertRandomEditsReadAsParsed(YamlSamples.Policy(rules: 40), edits: 600, seed: 1);
        // The point of the exercise: most edits of a clean file that leave it clean parse only the entry they touch.
        Assert.True(clean > 100 && reused > clean / 2, $"only {reused} of {clean} edits from a clean file to a clean one reused the previous nodes");
    }

    [Fact]
    public void Random_edits_of_a_policy_with_crlf_line_ends_read_as_parsing_the_new_text_does()
    {
        var (clean, reused) = AssertRandomEditsReadAsParsed(YamlSamples.Policy(rules: 20).Replace("\n", "\r\n"), edits: 300, seed: 2);
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
        var text = YamlSamples.Policy(rules: 5);
        var before = YamlFile.Parse(text);
        var line = text.IndexOf("  - name: rule-2", StringComparison.Ordinal);
        var edited = text.Insert(text.IndexOf("    to:", line, StringComparison.Ordinal), "    # reviewed\n");

        var after = YamlFile.Parse(SourceText.From(edited), before);

        Assert.Equal(YamlSamples.Dump(YamlFile.Parse(edited)), YamlSamples.Dump(after));
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

        Assert.Equal(YamlSamples.Dump(YamlFile.Parse(edited)), YamlSamples.Dump(after));
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
            var edited = YamlSamples.Edit(text, random);
            var incremental = YamlFile.Parse(SourceText.From(edited), previous);
            var full = YamlFile.Parse(edited);
            Assert.True(YamlSamples.Dump(full) == YamlSamples.Dump(incremental),
                $"{name ?? "policy"}, edit {i} (seed {seed}):\n--- before\n{text}\n--- after\n{edited}\n--- parsed\n{YamlSamples.Dump(full)}\n--- reparsed\n{YamlSamples.Dump(incremental)}");
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

    private static YamlNode? FirstLeaf(YamlNode? node) => node switch
    {
        YamlMapping { Pairs: [var first, ..] } => first.Key,
        YamlSequence { Items: [var first, ..] } => FirstLeaf(first),
        _ => node,
    };

    private static YamlMapping Root(YamlFile file) => Assert.IsType<YamlMapping>(file.Documents[0].Root);

    private static IReadOnlyList<YamlNode> Rules(YamlFile file) => Root(file).GetMapping("spec")!.GetSequence("egressRules")!.Items;

}
