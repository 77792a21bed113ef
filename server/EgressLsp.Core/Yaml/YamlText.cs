using System.Text;

namespace EgressLsp.Core.Yaml;

/// <summary>Writes scalars so that they read back as the same string: plain where YAML allows, else quoted.</summary>
public static class YamlText
{
    public static string Scalar(string value) => NeedsQuotes(value) ? DoubleQuoted(value) : value;

    public static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || YamlScalar.IsTyped(value) || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return true;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0]))
        {
            // "-x" / "?x" / ":x" are plain-safe only when not followed by a space; quoting is simpler and still correct.
            return true;
        }
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is ',' or '[' or ']' or '{' or '}')
            {
                return true;
            }
        }
        return value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':');
    }

    public static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
