namespace EgressLsp.Core.Text;

/// <summary>
/// Immutable document text with a line table, built once per version so that offset ↔ position conversions
/// on the typing path are a binary search. Lines end at \n, \r\n or a lone \r.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Text { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public static SourceText From(string text) => new(text);

    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    /// <summary>End of the line's content, before its line break.</summary>
    public int GetLineEnd(int line)
    {
        line = Math.Clamp(line, 0, _lineStarts.Length - 1);
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > _lineStarts[line] && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }
        return end;
    }

    public string GetLineText(int line) => Text[GetLineStart(line)..GetLineEnd(line)];

    /// <summary>The start of the line <paramref name="offset"/> is on.</summary>
    public int GetLineStartOf(int offset) => GetLineStart(GetLineIndex(offset));

    public int GetLineIndex(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = GetLineIndex(offset);
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LinePositionSpan GetPositionSpan(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>Offset of a position; characters past the end of a line clamp to the line end.</summary>
    public int GetOffset(LinePosition position)
    {
        if (position.Line >= _lineStarts.Length)
        {
            return Text.Length;
        }
        var start = _lineStarts[Math.Max(0, position.Line)];
        return Math.Min(start + Math.Max(0, position.Character), GetLineEnd(position.Line));
    }

    /// <summary>Returns a new text with <paramref name="span"/> replaced, for incremental document sync.</summary>
    public SourceText WithChange(TextSpan span, string newText) =>
        new(string.Concat(Text.AsSpan(0, span.Start), newText, Text.AsSpan(span.End)));

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 24)) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
