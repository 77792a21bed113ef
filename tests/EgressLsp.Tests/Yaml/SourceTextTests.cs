using EgressLsp.Core.Text;

namespace EgressLsp.Tests.Yaml;

public class SourceTextTests
{
    [Fact]
    public void Offsets_and_positions_round_trip_across_line_break_styles()
    {
        var text = SourceText.From("ab\r\ncd\ne\rf");
        Assert.Equal(4, text.LineCount);
        foreach (var (offset, line, character) in new[] { (0, 0, 0), (4, 1, 0), (5, 1, 1), (7, 2, 0), (9, 3, 0) })
        {
            Assert.Equal(new LinePosition(line, character), text.GetPosition(offset));
            Assert.Equal(offset, text.GetOffset(new LinePosition(line, character)));
        }
        Assert.Equal("cd", text.GetLineText(1));
    }

    [Fact]
    public void Positions_past_a_line_end_clamp_to_it()
    {
        var text = SourceText.From("ab\ncd\n");
        Assert.Equal(2, text.GetOffset(new LinePosition(0, 99)));
        Assert.Equal(text.Length, text.GetOffset(new LinePosition(42, 0)));
    }

    [Fact]
    public void An_edit_replaces_exactly_its_span()
    {
        var text = SourceText.From("port: 80\n").WithChange(new TextSpan(6, 2), "443");
        Assert.Equal("port: 443\n", text.Text);
    }
}
