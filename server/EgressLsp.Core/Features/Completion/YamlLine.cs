namespace EgressLsp.Core.Features.Completion;

internal enum YamlLineKind { Blank, Comment, DocumentMarker, Directive, Content }

/// <summary>
/// The block structure one line of YAML shows without a parser: its indentation, the <c>- </c> item markers that
/// open it, and the <c>key:</c> it starts with. Completion reads incomplete documents with it, where the parser
/// has given up on the line being typed.
/// </summary>
internal readonly ref struct YamlLine
{
    private YamlLine(YamlLineKind kind, int indent, int firstDash, int lastDash, int dashCount, int contentColumn,
        ReadOnlySpan<char> key, int keyEnd, bool hasInlineValue)
    {
        Kind = kind;
        Indent = indent;
        FirstDash = firstDash;
        LastDash = lastDash;
        DashCount = dashCount;
        ContentColumn = contentColumn;
        KeySpan = key;
        KeyEnd = keyEnd;
        HasInlineValue = hasInlineValue;
    }

    public YamlLineKind Kind { get; }

    /// <summary>Column of the first non-space character.</summary>
    public int Indent { get; }

    /// <summary>Column of the first <c>- </c> marker, or -1.</summary>
    public int FirstDash { get; }

    /// <summary>Column of the innermost <c>- </c> marker, or -1.</summary>
    public int LastDash { get; }

    public int DashCount { get; }

    public bool HasDash => DashCount > 0;

    /// <summary>Column after the markers: where the item's (or the line's) content starts.</summary>
    public int ContentColumn { get; }

    /// <summary>The key the content starts with (<c>key:</c>), unquoted; empty for a scalar or flow line.</summary>
    public ReadOnlySpan<char> KeySpan { get; }

    /// <summary>True when the content starts with <c>key:</c>.</summary>
    public bool HasKey => KeyEnd >= 0;

    /// <summary>The key as a string (allocates: only for the keys a path keeps).</summary>
    public string Key => KeySpan.ToString();

    /// <summary>Column of the key's colon.</summary>
    public int KeyEnd { get; }

    /// <summary>True when a value follows the key on the same line (so the key has no block children).</summary>
    public bool HasInlineValue { get; }

    public bool IsStructural => Kind == YamlLineKind.Content;

    public static YamlLine Parse(ReadOnlySpan<char> line)
    {
        var i = SkipSpaces(line, 0);
        if (i == line.Length)
        {
            return new YamlLine(YamlLineKind.Blank, i, -1, -1, 0, i, default, -1, false);
        }
        if (line[i] == '#')
        {
            return new YamlLine(YamlLineKind.Comment, i, -1, -1, 0, i, default, -1, false);
        }
        if (i == 0 && (line.StartsWith("---") || line.StartsWith("...")) && (line.Length == 3 || line[3] is ' ' or '\t'))
        {
            return new YamlLine(YamlLineKind.DocumentMarker, 0, -1, -1, 0, 0, default, -1, false);
        }
        if (i == 0 && line[0] == '%')
        {
            return new YamlLine(YamlLineKind.Directive, 0, -1, -1, 0, 0, default, -1, false);
        }
        var indent = i;
        int firstDash = -1, lastDash = -1, dashes = 0;
        while (i < line.Length && IsDash(line, i))
        {
            firstDash = firstDash < 0 ? i : firstDash;
            lastDash = i;
            dashes++;
            i = SkipSpaces(line, i + 1);
        }
        var content = i;
        var colon = FindKeyColon(line, content);
        if (colon < 0)
        {
            return new YamlLine(YamlLineKind.Content, indent, firstDash, lastDash, dashes, content, default, -1, false);
        }
        var key = Unquote(line[content..colon].TrimEnd());
        var valueStart = SkipSpaces(line, colon + 1);
        return new YamlLine(YamlLineKind.Content, indent, firstDash, lastDash, dashes, content, key, colon,
            HasValue(line[valueStart..]));
    }

    /// <summary>A <c>-</c> that opens a block sequence item: followed by a space or the end of the line.</summary>
    public static bool IsDash(ReadOnlySpan<char> line, int i) => line[i] == '-' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t');

    public static int SkipSpaces(ReadOnlySpan<char> line, int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// The colon that ends a block key starting at <paramref name="start"/>: outside quotes and brackets, followed
    /// by a space or the end of the line (a plain scalar such as <c>http://x</c> has colons too). -1 when none.
    /// </summary>
    public static int FindKeyColon(ReadOnlySpan<char> line, int start)
    {
        if (start >= line.Length || line[start] is '[' or '{' or '|' or '>' or '&' or '*' or '!')
        {
            return -1;
        }
        var i = start;
        if (line[i] is '"' or '\'')
        {
            i = SkipQuoted(line, i);
            i = SkipSpaces(line, i);
            return i < line.Length && line[i] == ':' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t') ? i : -1;
        }
        for (; i < line.Length; i++)
        {
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] is ' ' or '\t'))
            {
                return i;
            }
            if (line[i] == '#' && i > start && line[i - 1] is ' ' or '\t')
            {
                return -1;
            }
        }
        return -1;
    }

    /// <summary>The index after the closing quote of the string opening at <paramref name="start"/> (or the end).</summary>
    public static int SkipQuoted(ReadOnlySpan<char> line, int start)
    {
        var quote = line[start];
        for (var i = start + 1; i < line.Length; i++)
        {
            if (quote == '"' && line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == quote)
            {
                if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return line.Length;
    }

    /// <summary>True when a comment starts before <paramref name="end"/> (a <c>#</c> at the start or after a space, outside quotes).</summary>
    public static bool HasCommentBefore(ReadOnlySpan<char> line, int end)
    {
        for (var i = 0; i < end && i < line.Length; i++)
        {
            if (line[i] is '"' or '\'')
            {
                i = SkipQuoted(line, i) - 1;
            }
            else if (line[i] == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return true;
            }
        }
        return false;
    }

    public static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> text) =>
        text.Length >= 2 && (text[0] == '"' && text[^1] == '"' || text[0] == '\'' && text[^1] == '\'')
            ? text[1..^1]
            : text;

    /// <summary>A value after a key, ignoring a comment and a bare anchor or tag (the node then follows below).</summary>
    private static bool HasValue(ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '#')
            {
                return false;
            }
            if (rest[i] is '&' or '!')
            {
                while (i < rest.Length && rest[i] is not (' ' or '\t'))
                {
                    i++;
                }
                i = SkipSpaces(rest, i);
                continue;
            }
            return true;
        }
        return false;
    }
}
