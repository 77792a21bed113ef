namespace EgressLsp.Core.Text;

/// <summary>A range of UTF-16 code units in a document's text: [Start, End).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public bool Contains(int offset) => offset >= Start && offset < End;

    /// <summary>True when <paramref name="offset"/> is inside or touches the end (a cursor right after a token).</summary>
    public bool ContainsOrTouches(int offset) => offset >= Start && offset <= End;

    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>Zero-based line and UTF-16 column, the way the Language Server Protocol counts.</summary>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other) => Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public override string ToString() => $"{Line + 1}:{Character + 1}";
}

public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
