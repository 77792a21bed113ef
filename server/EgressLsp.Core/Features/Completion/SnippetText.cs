using System.Text;

namespace EgressLsp.Core.Features.Completion;

/// <summary>The LSP snippet syntax the completion entries use, for clients without snippet support.</summary>
public static class SnippetText
{
    /// <summary>
    /// The text a snippet inserts with every placeholder left at its default: <c>${1:x}</c> is <c>x</c>,
    /// <c>${1|a,b|}</c> is <c>a</c>, a mirror <c>$1</c> repeats tab stop 1's value, <c>$0</c> is nothing.
    /// </summary>
    public static string ToPlainText(string snippet)
    {
        var values = new Dictionary<int, string>();
        var builder = new StringBuilder(snippet.Length);
        var i = 0;
        while (i < snippet.Length)
        {
            var c = snippet[i];
            if (c == '\\' && i + 1 < snippet.Length)
            {
                builder.Append(snippet[i + 1]);
                i += 2;
            }
            else if (c == '$' && i + 1 < snippet.Length && char.IsAsciiDigit(snippet[i + 1]))
            {
                var (number, next) = ReadNumber(snippet, i + 1);
                builder.Append(values.GetValueOrDefault(number, ""));
                i = next;
            }
            else if (c == '$' && i + 2 < snippet.Length && snippet[i + 1] == '{' && char.IsAsciiDigit(snippet[i + 2]))
            {
                var (number, next) = ReadNumber(snippet, i + 2);
                var value = "";
                if (next < snippet.Length && snippet[next] is ':' or '|')
                {
                    var isChoice = snippet[next] == '|';
                    (value, next) = ReadUntil(snippet, next + 1, isChoice ? ',' : '}', isChoice ? '|' : '}');
                    if (isChoice)
                    {
                        // Skip the other options and the closing "|}".
                        next = snippet.IndexOf("|}", next - 1, StringComparison.Ordinal) is var end and >= 0 ? end + 1 : snippet.Length - 1;
                    }
                }
                values.TryAdd(number, value);
                builder.Append(values[number]);
                i = Math.Min(next + 1, snippet.Length);
            }
            else
            {
                builder.Append(c);
                i++;
            }
        }
        return builder.ToString();
    }

    private static (int Number, int Next) ReadNumber(string text, int start)
    {
        var end = start;
        var number = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            number = number * 10 + (text[end] - '0');
            end++;
        }
        return (number, end);
    }

    /// <summary>Unescaped text up to the first unescaped <paramref name="stop"/> or <paramref name="alternativeStop"/>.</summary>
    private static (string Text, int Stop) ReadUntil(string text, int start, char stop, char alternativeStop)
    {
        var builder = new StringBuilder();
        var i = start;
        for (; i < text.Length && text[i] != stop && text[i] != alternativeStop; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }
            builder.Append(text[i]);
        }
        return (builder.ToString(), i);
    }
}
