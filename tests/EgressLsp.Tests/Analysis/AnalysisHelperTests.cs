using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Analysis;

public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("host", "", 4)]
    [InlineData("hosts", "host", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("egressgateway", "egressgateway-a", 2)]
    [InlineData("ingressgateway", "egressgateway", 2)]
    public void Distance_counts_single_character_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Distance(a, b));
        Assert.Equal(expected, EditDistance.Distance(b, a));
    }

    [Fact]
    public void Closest_picks_the_nearest_within_the_limit()
    {
        Assert.Equal("hosts", EditDistance.Closest("host", ["name", "hosts", "port"], 2));
        Assert.Null(EditDistance.Closest("zzzzzz", ["name", "hosts", "port"], 2));
        Assert.Equal("egressgateway-a", EditDistance.Closest("egressgateway", ["egressgateway-a", "other"], 2));
    }

    [Fact]
    public void Closest_breaks_ties_by_name_not_by_order()
    {
        Assert.Equal("abd", EditDistance.Closest("abc", ["abe", "abd"], 1));
        Assert.Equal("abd", EditDistance.Closest("abc", ["abd", "abe"], 1));
    }

    [Fact]
    public void Long_strings_do_not_overflow_the_stack()
    {
        var a = new string('a', 5000);
        var b = new string('a', 4990) + new string('b', 10);
        Assert.Equal(10, EditDistance.Distance(a, b));
        Assert.Null(EditDistance.Closest(a, [b], 5));
    }
}

public class HostNamesTests
{
    [Theory]
    [InlineData("1.2.3.4", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("::1", true)]
    [InlineData("[2001:db8::1]", true)]
    [InlineData("1.2.3", false)]
    [InlineData("1", false)]
    [InlineData("1.2.3.999", false)]
    [InlineData("example.com", false)]
    public void IsIpAddress_takes_dotted_quads_ipv6_and_cidrs_only(string host, bool expected)
    {
        Assert.Equal(expected, HostNames.IsIpAddress(host));
    }

    [Theory]
    [InlineData("https://api.example.com", "api.example.com")]
    [InlineData("api.example.com:8443", "api.example.com")]
    [InlineData("http://user@api.example.com/path?q=1", "api.example.com")]
    [InlineData("api.example.com", null)]
    public void HostOfUrl_strips_scheme_port_path_and_user(string host, string? expected)
    {
        Assert.Equal(expected, HostNames.HostOfUrl(host));
    }

    [Theory]
    [InlineData("*.example.com", true)]
    [InlineData("*foo.example.com", true)]
    [InlineData("*-foo.example.com", true)]
    [InlineData("istio.io.", true)]
    [InlineData("a.b.c.d.e.f", true)]
    [InlineData("*", false)]
    [InlineData("a..b", false)]
    [InlineData("a.b.", true)]
    [InlineData("a.b..", false)]
    [InlineData("foo.*", false)]
    [InlineData("*.123", false)]
    [InlineData("*.a-b.example", true)]
    public void DnsNameProblem_follows_istiod(string host, bool valid)
    {
        Assert.Equal(valid, HostNames.DnsNameProblem(host) is null);
    }
}

public class YamlEditsTests
{
    private static string Apply(string text, TextEdit edit) =>
        string.Concat(text.AsSpan(0, edit.Span.Start), edit.NewText, text.AsSpan(edit.Span.End));

    private static (YamlEdits Edits, YamlMapping Root, string Text) Parse(string text)
    {
        var file = YamlFile.Parse(text);
        var root = (YamlMapping)file.Documents[0].Root!;
        return (new YamlEdits(file.Text, root), root, text);
    }

    [Fact]
    public void Removing_the_first_key_of_a_list_item_keeps_the_dash()
    {
        var (edits, root, text) = Parse("items:\n- port: 443\n  enabled: false\n");
        var item = (YamlMapping)root.GetSequence("items")!.Items[0];
        Assert.Equal("items:\n- enabled: false\n", Apply(text, edits.RemovePair(item, 0)));
    }

    [Fact]
    public void Removing_the_only_key_of_a_list_item_removes_the_item()
    {
        var (edits, root, text) = Parse("items:\n- a: 1\n- b: 2 # about b\n- c: 3\n");
        var items = root.GetSequence("items")!;
        Assert.Equal("items:\n- a: 1\n- c: 3\n", Apply(text, edits.RemoveItem(items, 1)));
    }

    [Fact]
    public void Removing_a_pair_with_a_trailing_comment_and_crlf_line_breaks()
    {
        var (edits, root, text) = Parse("a: 1\r\nb:\r\n  c: 2 # comment\r\nd: 3\r\n");
        Assert.Equal("a: 1\r\nd: 3\r\n", Apply(text, edits.RemovePair(root, 1)));
        Assert.Equal("\r\n", edits.NewLine);
    }

    [Fact]
    public void Removing_from_a_flow_mapping_keeps_the_commas_right()
    {
        var (edits, root, text) = Parse("m: {a: 1, b: 2, c: 3}\n");
        var m = root.GetMapping("m")!;
        Assert.Equal("m: {b: 2, c: 3}\n", Apply(text, edits.RemovePair(m, 0)));
        Assert.Equal("m: {a: 1, c: 3}\n", Apply(text, edits.RemovePair(m, 1)));
        Assert.Equal("m: {a: 1, b: 2}\n", Apply(text, edits.RemovePair(m, 2)));
    }

    [Fact]
    public void Inserting_follows_the_documents_indentation_step()
    {
        var (edits, root, text) = Parse("top:\n    a: 1\n    b: 2\nend: 0\n");
        Assert.Equal(4, edits.IndentStep);
        var top = root.GetMapping("top")!;
        Assert.Equal("top:\n    a: 1\n    x:\n        y: 9\n    b: 2\nend: 0\n", Apply(text, edits.InsertPair(top, 0, "x", null, ("y", "9"))));
        Assert.Equal("top:\n    z: 0\n    a: 1\n    b: 2\nend: 0\n", Apply(text, edits.InsertPair(top, -1, "z", "0")));
    }

    [Fact]
    public void Inserting_after_a_block_scalar()
    {
        var (edits, root, text) = Parse("top:\n  a: |\n    line\n  b: 2\n");
        var top = root.GetMapping("top")!;
        Assert.Equal("top:\n  a: |\n    line\n  x: 1\n  b: 2\n", Apply(text, edits.InsertPair(top, 0, "x", "1")));
    }

    [Fact]
    public void Strings_keep_their_quotes_and_get_quotes_when_needed()
    {
        var (edits, root, text) = Parse("a: 'x'\nb: \"y\"\nc: z\n");
        Assert.Equal("a: 'new'\nb: \"y\"\nc: z\n", Apply(text, edits.ReplaceString(root.GetScalar("a")!, "new")));
        Assert.Equal("a: 'x'\nb: \"y\"\nc: \"80\"\n", Apply(text, edits.ReplaceString(root.GetScalar("c")!, "80")));
        Assert.Equal("a: 'x'\nb: \"y\"\nc: 80\n", Apply(text, edits.Replace(root.GetScalar("c")!, "80")));
    }
}
