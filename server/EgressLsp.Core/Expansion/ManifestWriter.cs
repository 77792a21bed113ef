using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Writes generated resources for <c>kubectl apply -f -</c>: multi-document YAML or a Kubernetes <c>v1/List</c> in
/// JSON. Output is deterministic: <c>\n</c> line endings, a trailing newline, keys in model order.
/// </summary>
public static class ManifestWriter
{
    private const int IndentWidth = 2;

    /// <summary>
    /// Block-style YAML, documents separated by <c>---</c>, sequence items at their key's indentation (the Istio
    /// documentation's style). Strings are plain where every YAML reader takes them as strings, double-quoted
    /// otherwise.
    /// </summary>
    public static string ToYaml(IEnumerable<GeneratedResource> resources)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var resource in resources)
        {
            if (!first)
            {
                builder.Append("---\n");
            }
            first = false;
            WriteMappingBody(builder, resource.Manifest, 0, continuesLine: false);
        }
        return builder.ToString();
    }

    /// <summary>An indented <c>{"apiVersion": "v1", "kind": "List", "items": [...]}</c>.</summary>
    public static string ToJson(IEnumerable<GeneratedResource> resources)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // Non-ASCII text (e.g. Chinese) stays readable; the output is never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("kind", "List");
            writer.WriteStartArray("items");
            foreach (var resource in resources)
            {
                WriteJson(writer, resource.Manifest);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteJson(Utf8JsonWriter writer, ManifestNode node)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteJson(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case ManifestSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            case ManifestScalar { Kind: ManifestScalarKind.Integer } integer:
                writer.WriteNumberValue(integer.AsInteger());
                break;
            case ManifestScalar { Kind: ManifestScalarKind.Boolean } boolean:
                writer.WriteBooleanValue(boolean.AsBoolean());
                break;
            case ManifestScalar text:
                writer.WriteStringValue(text.Text);
                break;
        }
    }

    /// <summary>Writes the entries of a mapping; when <paramref name="continuesLine"/>, the first one follows a "- ".</summary>
    private static void WriteMappingBody(StringBuilder builder, ManifestMapping mapping, int indent, bool continuesLine)
    {
        var first = true;
        foreach (var entry in mapping.Entries)
        {
            if (!(first && continuesLine))
            {
                builder.Append(' ', indent);
            }
            first = false;
            builder.Append(YamlScalars.Format(entry.Key)).Append(':');
            WriteValue(builder, entry.Value, indent, afterDash: false);
        }
    }

    private static void WriteSequenceBody(StringBuilder builder, ManifestSequence sequence, int indent, bool continuesLine)
    {
        var first = true;
        foreach (var item in sequence.Items)
        {
            if (!(first && continuesLine))
            {
                builder.Append(' ', indent);
            }
            first = false;
            builder.Append('-');
            WriteValue(builder, item, indent, afterDash: true);
        }
    }

    /// <summary>
    /// Writes a value after "key:" or "-" at <paramref name="indent"/>. Scalars and empty collections stay on the
    /// line; a mapping continues after "- " or starts below its key; a sequence's items go at its key's indentation
    /// (the Istio documentation's style) or continue after "- ".
    /// </summary>
    private static void WriteValue(StringBuilder builder, ManifestNode value, int indent, bool afterDash)
    {
        switch (value)
        {
            case ManifestMapping { Count: 0 }:
                builder.Append(" {}\n");
                break;
            case ManifestSequence { Count: 0 }:
                builder.Append(" []\n");
                break;
            case ManifestScalar scalar:
                builder.Append(' ').Append(YamlScalars.Format(scalar)).Append('\n');
                break;
            case ManifestMapping mapping:
                builder.Append(afterDash ? ' ' : '\n');
                WriteMappingBody(builder, mapping, indent + IndentWidth, continuesLine: afterDash);
                break;
            case ManifestSequence sequence:
                builder.Append(afterDash ? ' ' : '\n');
                WriteSequenceBody(builder, sequence, afterDash ? indent + IndentWidth : indent, continuesLine: afterDash);
                break;
        }
    }
}

/// <summary>
/// YAML spelling of scalars. A string is written plain only when it is made of characters that cannot start or
/// end a YAML construct and no YAML reader in use could take it for another type: not YAML 1.2's core schema
/// (YamlDotNet, Istio's validation), nor YAML 1.1 as read by kubectl's go-yaml (<c>on</c>, <c>yes</c>, <c>0777</c>,
/// <c>1_000</c>, <c>1:20</c>, timestamps). Everything else is double-quoted with escapes.
/// </summary>
internal static class YamlScalars
{
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    };

    /// <summary>Characters that, after a leading digit or dot, could still make a number or a timestamp.</summary>
    private const string NumericCharacters = "0123456789abcdefABCDEFoOxXpP_.:+-tTzZ";

    public static string Format(ManifestScalar scalar) =>
        scalar.Kind == ManifestScalarKind.String ? Format(scalar.Text) : scalar.Text;

    public static string Format(string text) => IsPlainSafe(text) ? text : DoubleQuote(text);

    public static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || !IsPlainStart(text[0]) || text[^1] == ':' || ReservedWords.Contains(text))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!IsPlainCharacter(c))
            {
                return false;
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

    private static string DoubleQuote(string text)
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
