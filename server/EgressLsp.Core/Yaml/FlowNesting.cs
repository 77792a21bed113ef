namespace EgressLsp.Core.Yaml;

/// <summary>
/// Flow collections (<c>[…]</c>, <c>{…}</c>) nested deeper than <see cref="YamlBudget.MaxDepth"/> are blanked out
/// before parsing (offsets and lines kept). YamlDotNet's scanner revisits every open flow level for each token, so its
/// cost grows with the square of the nesting (40,000 levels: 7 s); the tree builder's own depth limit comes too late to
/// help. One level more than the budget is kept, so the tree builder still meets the excess and reports it (EGP060).
/// </summary>
internal static class FlowNesting
{
    private const int KeptDepth = YamlBudget.MaxDepth + 1;

    public static string BlankTooDeep(string text)
    {
        if (text.AsSpan().Count('[') + text.AsSpan().Count('{') <= KeptDepth)
        {
            return text;
        }
        char[]? blanked = null;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (depth > 0 && c is '\'' or '"')
            {
                i = QuotedEnd(text, i);
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                i = LineEnd(text, i) - 1;
            }
            else if (c is '[' or '{' && (depth > 0 || StartsFlowValue(text, i)))
            {
                if (depth < KeptDepth)
                {
                    depth++;
                    continue;
                }
                var end = MatchingEnd(text, i);
                blanked ??= text.ToCharArray();
                for (var j = i; j < end; j++)
                {
                    if (blanked[j] is not ('\n' or '\r'))
                    {
                        blanked[j] = ' ';
                    }
                }
                i = end - 1;
            }
            else if (c is ']' or '}' && depth > 0)
            {
                depth--;
            }
        }
        return blanked is null ? text : new string(blanked);
    }

    /// <summary>Outside flow collections a bracket opens one only where a value starts (not inside <c>a: b[c</c>).</summary>
    private static bool StartsFlowValue(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            switch (text[i])
            {
                case ' ' or '\t':
                    continue;
                case '\n' or '\r' or ':' or '-' or '?' or ',':
                    return true;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>The offset just past the flow collection opened at <paramref name="start"/> (the text's end if it is never closed).</summary>
    private static int MatchingEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    i = QuotedEnd(text, i);
                    break;
                case '#' when char.IsWhiteSpace(text[i - 1]):
                    i = LineEnd(text, i) - 1;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }
                    break;
            }
        }
        return text.Length;
    }

    /// <summary>The closing quote of the quoted scalar opened at <paramref name="start"/> (or the text's last offset).</summary>
    private static int QuotedEnd(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return text.Length - 1;
    }

    private static int LineEnd(string text, int index)
    {
        var end = text.IndexOf('\n', index);
        return end < 0 ? text.Length : end;
    }
}
