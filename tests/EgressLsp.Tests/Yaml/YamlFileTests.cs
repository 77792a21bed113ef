using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Yaml;

public class YamlFileTests
{
    private static YamlMapping Root(YamlFile file, int document = 0) => Assert.IsType<YamlMapping>(file.Documents[document].Root);

    private static LinePosition StartOf(YamlFile file, YamlNode node) => file.Text.GetPosition(node.Span.Start);

    [Fact]
    public void Crlf_line_endings_give_the_same_positions_as_lf()
    {
        var file = YamlFile.Parse("a: 1\r\nb:\r\n  c: \"x\"\r\n");
        var c = Root(file).GetMapping("b")!.FindPair("c")!.Value;
        Assert.Equal(new LinePosition(2, 2), StartOf(file, c.Key));
        Assert.Equal(new LinePosition(2, 5), StartOf(file, c.Value));
        Assert.Equal("x", ((YamlScalar)c.Value).Value);
        Assert.Empty(file.Diagnostics);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_key()
    {
        var file = YamlFile.Parse("\uFEFFapiVersion: v1\nkind: Namespace\n");
        var first = Root(file).Pairs[0];
        Assert.Equal("apiVersion", first.KeyText);
        Assert.Equal(1, first.Key.Span.Start);
        Assert.Equal(new LinePosition(0, 1), StartOf(file, first.Key));
    }

    [Fact]
    public void Columns_count_utf16_code_units_after_non_ascii_text()
    {
        // 😀 is two UTF-16 code units; 主机 is two BMP characters.
        var file = YamlFile.Parse("a: [😀, x]\nname: 主机 # 注释\nb: 1\n");
        var items = Root(file).GetSequence("a")!.Items;
        Assert.Equal(new LinePosition(0, 8), StartOf(file, items[1]));
        Assert.Equal("主机", Root(file).GetString("name"));
        Assert.Equal(new LinePosition(2, 3), StartOf(file, Root(file).GetScalar("b")!));
    }

    [Fact]
    public void Multi_document_streams_keep_every_document_and_its_range()
    {
        var file = YamlFile.Parse("kind: A\n---\nkind: B\n---\n# only a comment\n---\nkind: C\n");
        Assert.Equal(4, file.Documents.Length);
        Assert.Equal("A", Root(file, 0).GetString("kind"));
        Assert.Equal("B", Root(file, 1).GetString("kind"));
        Assert.Null(file.Documents[2].Root);
        Assert.Equal("C", Root(file, 3).GetString("kind"));
        Assert.Equal(6, file.Text.GetPosition(file.Documents[3].Root!.Span.Start).Line);
    }

    [Fact]
    public void A_tab_indented_line_is_an_error_and_the_rest_of_the_document_is_still_read()
    {
        var file = YamlFile.Parse("a: 1\n\tb: 2\nc: 3\n");
        var error = Assert.Single(file.Diagnostics);
        Assert.Equal("EGP001", error.Code);
        Assert.Equal(1, file.Text.GetPosition(error.Span.Start).Line);
        Assert.Equal("3", Root(file).GetString("c"));
    }

    [Fact]
    public void A_syntax_error_in_one_document_does_not_hide_the_next_documents()
    {
        var file = YamlFile.Parse("kind: A\nspec: [1, 2\nother: x\n---\nkind: B\n");
        Assert.Contains(file.Diagnostics, d => d.Code == "EGP001");
        Assert.Contains(file.Documents, d => d.Root is YamlMapping m && m.GetString("kind") == "B");
        Assert.Contains(file.Documents, d => d.Root is YamlMapping m && m.GetString("kind") == "A");
    }

    [Fact]
    public void Syntax_error_ranges_stay_on_their_line()
    {
        var file = YamlFile.Parse("a: 1\nb: \"unterminated\nc: 2\n");
        foreach (var diagnostic in file.Diagnostics)
        {
            var start = file.Text.GetPosition(diagnostic.Span.Start);
            var end = file.Text.GetPosition(diagnostic.Span.End);
            Assert.Equal(start.Line, end.Line);
        }
        Assert.NotEmpty(file.Diagnostics);
    }

    [Fact]
    public void Duplicate_keys_are_reported_on_the_second_key_with_the_first_line()
    {
        var file = YamlFile.Parse("metadata:\n  name: a\n  name: b\n");
        var duplicate = Assert.Single(file.Diagnostics);
        Assert.Equal("EGP006", duplicate.Code);
        Assert.Equal(new LinePosition(2, 2), file.Text.GetPosition(duplicate.Span.Start));
        Assert.Contains("line 2", duplicate.Message.En);
    }

    [Fact]
    public void Scalars_are_typed_by_the_yaml_1_2_core_schema_and_quotes_make_strings()
    {
        var root = Root(YamlFile.Parse("a: 80\nb: \"80\"\nc: true\nd: ~\ne: 0x1F\nf: 1.5\ng: yes\nh: .inf\ni: -3\nj:\n"));
        Assert.Equal(YamlValueType.Integer, root.GetScalar("a")!.ValueType);
        Assert.Equal(YamlValueType.String, root.GetScalar("b")!.ValueType);
        Assert.Equal(YamlValueType.Boolean, root.GetScalar("c")!.ValueType);
        Assert.True(root.GetScalar("d")!.IsNull);
        Assert.True(root.GetScalar("e")!.TryGetInt64(out var hex) && hex == 31);
        Assert.Equal(YamlValueType.Number, root.GetScalar("f")!.ValueType);
        Assert.Equal(YamlValueType.String, root.GetScalar("g")!.ValueType);
        Assert.Equal(YamlValueType.Number, root.GetScalar("h")!.ValueType);
        Assert.True(root.GetScalar("i")!.TryGetInt64(out var negative) && negative == -3);
        Assert.True(root.GetScalar("j")!.IsNull);
    }

    [Fact]
    public void Aliases_point_at_their_anchor_without_copying_it()
    {
        var file = YamlFile.Parse("base: &labels\n  app: sleep\nother: *labels\nmissing: *nope\n");
        var root = Root(file);
        Assert.Same(root.Get("base"), root.Get("other"));
        Assert.Contains(file.Diagnostics, d => d.Code == "EGP001" && d.Message.En.Contains("*nope"));
    }

    [Fact]
    public void An_alias_bomb_is_not_expanded()
    {
        // Nine levels of nine aliases each would be 9^9 (387 million) nodes if aliases were copied.
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            text += $"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n";
        }
        var root = Root(YamlFile.Parse(text));
        Assert.Equal(9, root.GetSequence("j")!.Items.Length);
        Assert.True(CountWithoutFollowingAliases(root) < 200);
    }

    private static int CountWithoutFollowingAliases(YamlNode node) => 1 + node switch
    {
        YamlMapping mapping => mapping.Pairs.Sum(p => CountWithoutFollowingAliases(p.Key) + CountWithoutFollowingAliases(p.Value)),
        YamlSequence sequence => sequence.Items.Sum(CountWithoutFollowingAliases),
        _ => 0,
    };

    [Fact]
    public void Very_deep_nesting_is_reported_and_does_not_overflow_the_stack()
    {
        var text = "a: " + new string('[', 50_000) + new string(']', 50_000) + "\nb: 1\n";
        var file = YamlFile.Parse(text);
        var budget = Assert.Single(file.Diagnostics, d => d.Code == "EGP060");
        Assert.Contains("Nesting deeper than 200 levels", budget.Message.En);
        Assert.Equal(3 + YamlBudget.MaxDepth - 1, budget.Span.Start); // the mapping is the first level
        Assert.Equal("1", Root(file).GetString("b"));
    }

    [Fact]
    public void Deep_block_nesting_is_cut_at_the_budget()
    {
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + $"k{i}:\n"));
        var file = YamlFile.Parse(text);
        var budget = Assert.Single(file.Diagnostics, d => d.Code == "EGP060");
        Assert.Equal(YamlBudget.MaxDepth, file.Text.GetLineIndex(budget.Span.Start));
    }

    [Fact]
    public void Brackets_inside_quotes_comments_and_plain_scalars_are_not_nesting()
    {
        var deep = new string('[', 300);
        var text = $"a: \"{deep}\"\nb: x{deep}\n# {deep}\nc: ['{deep}', \"{deep}\"]\n";
        var file = YamlFile.Parse(text);
        Assert.Empty(file.Diagnostics);
        Assert.Equal(deep, Root(file).GetString("a"));
        Assert.Equal("x" + deep, Root(file).GetString("b"));
    }

    [Fact]
    public void Aliases_may_stand_for_at_most_the_allowance_and_the_excess_is_left_unresolved()
    {
        // Each level stands for ten times the one before: ten *c stand for 11,110 nodes, in one short line.
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat("bcde".Select((name, i) => $"{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]\n"));
        var file = YamlFile.Parse(text);
        var budget = Assert.Single(file.Diagnostics, d => d.Code == "EGP060");
        Assert.Contains("Aliases in this document stand for more than 10,000 nodes", budget.Message.En);
        Assert.Equal(4, file.Text.GetLineIndex(budget.Span.Start) + 1);
        var root = Root(file);
        Assert.All(root.GetSequence("c")!.Items, item => Assert.NotNull(item.Resolved));
        Assert.Contains(root.GetSequence("d")!.Items, item => item.Resolved is null);
        Assert.All(root.GetSequence("e")!.Items, item => Assert.Null(item.Resolved));
    }

    [Fact]
    public void A_document_may_use_aliases_for_as_many_nodes_as_it_writes_out()
    {
        var items = string.Join(", ", Enumerable.Range(0, 12_000).Select(i => $"v{i}"));
        var text = $"big: &big [{items}]\ncopy: *big\n";
        Assert.DoesNotContain(YamlFile.Parse(text).Diagnostics, d => d.Code == "EGP060");
        Assert.Contains(YamlFile.Parse(text + "again: *big\n").Diagnostics, d => d.Code == "EGP060");
    }

    [Fact]
    public void Keys_past_the_budget_are_reported_once_and_dropped()
    {
        var text = string.Concat(Enumerable.Range(0, YamlBudget.MaxKeysPerMapping + 5).Select(i => $"k{i}: v\n"));
        var file = YamlFile.Parse(text);
        var budget = Assert.Single(file.Diagnostics, d => d.Code == "EGP060");
        Assert.Equal(YamlBudget.MaxKeysPerMapping, file.Text.GetLineIndex(budget.Span.Start));
        Assert.Equal(YamlBudget.MaxKeysPerMapping, Root(file).Pairs.Length);
    }

    [Fact]
    public void Documents_past_the_budget_are_reported_once_and_not_read()
    {
        var text = string.Concat(Enumerable.Repeat("---\na: 1\n", YamlBudget.MaxDocuments + 3));
        var file = YamlFile.Parse(text);
        var budget = Assert.Single(file.Diagnostics, d => d.Code == "EGP060");
        Assert.Equal(2 * YamlBudget.MaxDocuments, file.Text.GetLineIndex(budget.Span.Start));
        Assert.Equal(YamlBudget.MaxDocuments, file.Documents.Length);
    }

    [Fact]
    public void Comments_of_a_file_with_a_misindented_key_are_read_to_the_end()
    {
        // Found by the fuzzer (tests/fuzz): YamlDotNet's scanner repeated its tokens forever after this error.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests/EgressLsp.Tests/golden/diagnostics/egp001-syntax-error.yaml"));
        var comment = Assert.Single(YamlFile.Parse(text).Comments);
        Assert.StartsWith("EGP001: 'number' is indented", comment.Text);
    }

    [Theory]
    [InlineData("\0\u0001\u0002junk\uFFFD\uD800")]
    [InlineData("{{{{{{")]
    [InlineData("key: [unclosed\n  - mixed: {a: }\n\t- tab")]
    [InlineData("- a\nb: c\n")]
    [InlineData("\"")]
    [InlineData("? complex\n: key\n")]
    [InlineData("")]
    public void Hostile_input_never_throws(string text)
    {
        var file = YamlFile.Parse(text);
        Assert.All(file.Diagnostics, d => Assert.InRange(d.Span.End, d.Span.Start, Math.Max(1, text.Length)));
        Assert.All(file.Documents, d => Assert.InRange(d.Span.End, 0, text.Length));
        _ = file.Comments;
    }

    [Fact]
    public void Comments_are_available_with_their_ranges()
    {
        var file = YamlFile.Parse("# head\na: 1 # tail\n");
        Assert.Equal(["head", "tail"], file.Comments.Select(c => c.Text.Trim()));
        Assert.Equal(new LinePosition(1, 5), file.Text.GetPosition(file.Comments[1].Span.Start));
    }

    [Fact]
    public void Block_collections_end_with_their_last_child_not_at_the_next_key()
    {
        var file = YamlFile.Parse("spec:\n  a: 1\n  b: 2\n\n\nnext: x\n");
        var spec = Root(file).GetMapping("spec")!;
        Assert.Equal(new LinePosition(2, 6), file.Text.GetPosition(spec.Span.End));
    }
}
