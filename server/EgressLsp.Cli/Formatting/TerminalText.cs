using System.Globalization;
using System.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary>
/// Text from a policy or a path made safe for a terminal or a CI log: every message the CLI prints in text goes
/// through <see cref="Line"/>. Control characters (C0 but tab, DEL, C1: ESC sequences recolour, move the cursor or
/// set the window title), the bidirectional controls (U+202E reverses what follows, "Trojan Source") and the
/// Unicode line separators are written as <c>\x1b</c> / <c>\u202e</c>; line breaks become spaces, so each message
/// stays one line. JSON and SARIF need none of this: their writer escapes control characters, and the bidi
/// controls are data there, for the viewer to show.
/// </summary>
public static class TerminalText
{
    /// <summary>One line, with control and bidi characters escaped.</summary>
    public static string Line(string text) => Escape(TextFormatter.OneLine(text));

    public static string Escape(string text)
    {
        var first = IndexOfUnsafe(text, 0);
        if (first < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                builder.Append(c);
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

    private static int IndexOfUnsafe(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsUnsafe(char c) => c switch
    {
        '\t' => false,
        < ' ' or '\x7f' => true,
        >= '\x80' and <= '\x9f' => true,
        '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' => true,
        >= '\u202a' and <= '\u202e' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
