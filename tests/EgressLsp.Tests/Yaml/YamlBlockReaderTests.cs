using System.Text;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Yaml;

/// <summary>
/// The block reader must read every text it accepts exactly as YamlDotNet does — every node, range, style, type and
/// finding — and must accept the block YAML policies and manifests are written in (else it speeds nothing up).
/// </summary>
public class YamlBlockReaderTests
{
    /// <summary>What the block reader decides on: indentation, indicators, quotes, comments, markers, odd characters.</summary>
    private static readonly string[] Insertions =
    [
        " ", "  ", "\n", "- ", "-", ": ", ":", "#", " #", " # c", "x", "'", "\"", "''", "\\", "key:", "key: v\n", "  k:\n",
        "[a, 'b']", "[]", "[ x ]", ", ", "k: [\".\"]\n", "- [a, b]\n",
        "-1", "? ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "---\n", "--- # c\n", "---x\n", "...\n",
        "\t", "\r", "\r\n", "\u0085", "\u2028", "\u00A0", "\uFEFF", "\u0001", "\u007F", "中文", "😀", "\uD800",
        "- - a\n", "-   k: v\n", "a b: c d\n", "http://x:80/p#f", new string('k', 1030) + ": v\n",
    ];

    [Fact]
    public void Every_golden_input_and_example_it_accepts_reads_as_YamlDotNet_reads_it()
    {
        var files = RepoYamlFiles();
        var accepted = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            accepted += AssertReadsAsYamlDotNet(text, file) ? 1 : 0;
            AssertReadsAsYamlDotNet(text.Replace("\n", "\r\n"), file + " (CRLF)");
        }
        // Most inputs are plain block YAML: the reader has to take them, or it is not worth having.
        Assert.True(accepted > files.Length / 2, $"the block reader accepted only {accepted} of {files.Length} files");
    }

    [Fact]
    public void Random_edits_of_a_block_policy_read_as_YamlDotNet_reads_them()
    {
        var policy = YamlSamples.Policy(rules: 12).Replace("port: {number: 443, protocol: HTTPS, name: https}", "port:\n        number: 443\n        protocol: HTTPS\n        name: https");
        var accepted = AssertRandomEditsReadAsYamlDotNet(policy, edits: 4000, seed: 11);
        Assert.True(accepted > 4000 / 5, $"the block reader accepted only {accepted} of 4,000 edited policies");
        AssertRandomEditsReadAsYamlDotNet(policy.Replace("\n", "\r\n"), edits: 1000, seed: 12);
    }

    [Fact]
    public void Random_edits_of_every_golden_input_read_as_YamlDotNet_reads_them()
    {
        var seed = 100;
        foreach (var file in RepoYamlFiles())
        {
            AssertRandomEditsReadAsYamlDotNet(File.ReadAllText(file), edits: 40, seed: seed++, file);
        }
    }

    [Theory]
    [InlineData("a: 1\nb:\n  c: x y  # c\n  d:\n  - p\n  - q: 1\n    r: \"s\"\ne:\n")]
    [InlineData("# lead\n\nitems:\n  - a\n  -\n  - b: \n    c: 'quoted'   # note\n\n\n# trailing\n")]
    [InlineData("a:\r\n  b: c\r\n  d:\r\n  - e\r\n")]
    [InlineData("- name: x\n  hosts:\n  - a.example.com\n-   name: y\n    url: http://y:80/p#f\n")]
    [InlineData("key with spaces: value with spaces\n\"x\": 1\n")]
    [InlineData("a:\n    b: 1\n  c: 2\n")]
    [InlineData("a: b\n  c\n")]
    [InlineData("a: [1, 2]\nb: {c: d}\n")]
    [InlineData("a: [x, [y]]\nb: [x,]\nc: [x\n  , y]\nd: [a: b]\ne: [\"a\": b]\nf: [x] y\n")]
    [InlineData("a: |\n  text\nb: >-\n  folded\n")]
    [InlineData("a: &x 1\nb: *x\nc: !!str 3\n")]
    [InlineData("a: \"esc\\n\"\nb: 'it''s'\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: b: c\n")]
    [InlineData("- - a\n")]
    [InlineData("plain scalar\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("a: -1\nb: ~\nc: true\nd: 0x1F\ne: 1.5\nf: 中文\n")]
    public void Each_construct_is_read_as_YamlDotNet_reads_it_or_left_to_it(string text) => AssertReadsAsYamlDotNet(text, text);

    [Theory]
    [InlineData("a: 1\nb:\n  c: x y  # c\n  d:\n  - p\n  - q: 1\n    r: \"s\"\ne:\n")]
    [InlineData("# lead\n\nitems:\n  - a\n  -\n  - b: \n    c: 'quoted'   # note\n\n\n# trailing\n")]
    [InlineData("a:\r\n  b: c\r\n  d:\r\n  - e\r\n")]
    [InlineData("- name: x\n  hosts:\n  - a.example.com\n-   name: y\n    url: http://y:80/p#f\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("b: ~\nc: true\nd: 0x1F\ne: 1.5\nf: 中文\n")]
    [InlineData("exportTo: [\".\"]\nhosts: [ a.example.com , 'b' ]  # two\nnone: []\n")]
    [InlineData("- [x]\n- [y, z]\n")]
    public void Plain_block_yaml_is_read_without_YamlDotNet(string text)
    {
        Assert.True(AssertReadsAsYamlDotNet(text, text), "the block reader left this text to YamlDotNet");
    }

    /// <summary>True when the block reader accepted <paramref name="text"/> (and then read it as YamlDotNet does).</summary>
    private static bool AssertReadsAsYamlDotNet(string text, string name)
    {
        var source = SourceText.From(text);
        if (YamlFile.ReadBlocks(source) is not { } blocks)
        {
            return false;
        }
        var expected = YamlSamples.Dump(YamlFile.ParseWithYamlDotNet(source));
        var actual = YamlSamples.Dump(blocks);
        Assert.True(expected == actual, $"{name}:\n--- text\n{text}\n--- YamlDotNet\n{expected}\n--- block reader\n{actual}");
        return true;
    }

    private static int AssertRandomEditsReadAsYamlDotNet(string text, int edits, int seed, string? name = null)
    {
        var random = new Random(seed);
        var original = text;
        var accepted = 0;
        for (var i = 0; i < edits; i++)
        {
            var edited = YamlSamples.Edit(text, random, random.Next(2) == 0 ? Insertions : null);
            accepted += AssertReadsAsYamlDotNet(edited, $"{name ?? "policy"}, edit {i} (seed {seed})") ? 1 : 0;
            // Edits build on the last; a broken file mostly, and now and then any file, starts again from the original.
            var broken = !YamlFile.ParseWithYamlDotNet(SourceText.From(edited)).Diagnostics.IsEmpty;
            text = (broken && random.Next(3) > 0) || random.Next(10) == 0 ? original : edited;
        }
        return accepted;
    }

    private static string[] RepoYamlFiles()
    {
        var files = new[] { Path.Combine("tests", "EgressLsp.Tests", "golden"), "examples" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length > 50);
        return files;
    }
}
