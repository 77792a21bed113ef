using System.Buffers;
using System.Globalization;
using System.Text;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// YAML spelling of scalars. A string is written plain only when it is made of characters that cannot start or
/// end a YAML construct and no YAML reader in use could take it for another type: not YAML 1.2's core schema
/// (YamlDotNet, Istio's validation), nor YAML 1.1 as read by kubectl's go-yaml (<c>on</c>, <c>yes</c>, <c>0777</c>,
/// <c>1_000</c>, <c>1:20</c>, timestamps). Everything else is double-quoted with escapes.
/// </summary>
public static class YamlText
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    };

    private const int LongestReservedWord = 5;

    /// <summary>The ASCII characters <see cref="IsPlainCharacter"/> accepts, for a vectorised first pass.</summary>
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.-:");

    /// <summary>Characters that, after a leading digit or dot, could still make a number or a timestamp.</summary>
    private const string NumericCharacters = "0123456789abcdefABCDEFoOxXpP_.:+-tTzZ";

    public static string Scalar(string text) => IsPlainSafe(text) ? text : DoubleQuoted(text);

    public static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || !IsPlainStart(text[0]) || text[^1] == ':' ||
            (text.Length <= LongestReservedWord && ReservedWords.Contains(text)))
        {
            return false;
        }
        var rest = text.AsSpan();
        var other = rest.IndexOfAnyExcept(PlainAscii);
        if (other >= 0)
        {
            foreach (var c in rest[other..])
            {
                if (!IsPlainCharacter(c))
                {
                    return false;
                }
            }
        }
        return !LooksNumeric(text);
    }

    private static bool IsPlainStart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '.' || IsOtherLetterOrDigit(c);

    private static bool IsPlainCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '.' or '-' or ':' || IsOtherLetterOrDigit(c);

    private static bool IsOtherLetterOrDigit(char c) => c > 0x7F && char.IsLetterOrDigit(c);

    private static bool LooksNumeric(string text)
    {
        if (!char.IsAsciiDigit(text[0]) && text[0] != '.')
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!NumericCharacters.Contains(c))
            {
                return false;
            }
        }
        return true;
    }

    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                case '\u0085': builder.Append("\\N"); break;
                case '\u2028': builder.Append("\\L"); break;
                case '\u2029': builder.Append("\\P"); break;
                case < ' ' or '\u007F':
                    builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c) || c == '\uFEFF')
                    {
                        // A lone surrogate cannot be encoded as UTF-8, and a byte-order mark is invisible.
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
        return builder.ToString();
    }
}
