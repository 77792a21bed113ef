using System.Globalization;
using System.Text;

namespace EgressLsp.Core.Text;

/// <summary>
/// Text from a policy, a path or a client made safe for a terminal or a CI log: every message the CLI prints in text
/// and every line the language server logs goes through <see cref="Line"/>. Control characters (C0 but tab, DEL, C1: ESC sequences recolour, move the cursor or
/// set the window title), the bidirectional controls (U+202E reverses what follows, "Trojan Source") and the
/// Unicode line separators are written as <c>\x1b</c> / <c>\u202e</c>; line breaks become spaces, so each message
/// stays one line. JSON and SARIF output goes through <see cref="EscapeJson"/>: the JSON writer escapes C0 and C1
/// controls but writes the bidi controls raw, which a terminal showing the log would obey.
/// </summary>
public static class TerminalText
{
    /// <summary>One line (line breaks and their surrounding blanks become one space), control and bidi characters escaped.</summary>
    public static string Line(string text) => Escape(OneLine(text), json: false);

    public static string Escape(string text) => Escape(text, json: false);

    /// <summary>
    /// JSON text with the characters the writer left raw written as <c>\u202E</c>: they occur only inside strings
    /// (the JSON around them is ASCII), so the escape reads back as the same string.
    /// </summary>
    public static string EscapeJson(string json) => Escape(json, json: true);

    /// <summary>Line breaks (and the blanks around them) become one space: a message is one line.</summary>
    public static string OneLine(string message) =>
        message.AsSpan().IndexOfAny('\r', '\n') >= 0
            ? string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : message;

    private static string Escape(string text, bool json)
    {
        var first = IndexOfUnsafe(text, json);
        if (first < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c, json))
            {
                builder.Append(c);
            }
            else if (json)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (c <= 0xFF)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static int IndexOfUnsafe(string text, bool json)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], json))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>In JSON the writer has escaped C0 and C1 already, and its line breaks are the document's own.</summary>
    private static bool IsUnsafe(char c, bool json) => c switch
    {
        <= '\x9f' when json => false,
        '\t' => false,
        < ' ' or '\x7f' => true,
        >= '\x80' and <= '\x9f' => true,
        '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
