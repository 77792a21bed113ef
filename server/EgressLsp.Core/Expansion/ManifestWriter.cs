using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using EgressLsp.Core.Yaml;

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
    public static string ToYaml(IEnumerable<GeneratedResource> resources) => ToYaml(resources.Select(r => r.Manifest));

    /// <summary>Documents that are not generated resources (a proposed policy, a project config), in the same style.</summary>
    public static string ToYaml(IEnumerable<ManifestMapping> documents)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteYaml(output, documents);
        return output.ToString();
    }

    /// <summary><see cref="ToYaml(IEnumerable{GeneratedResource})"/> written one resource at a time: a large expansion is never held whole as text.</summary>
    public static void WriteYaml(TextWriter output, IEnumerable<GeneratedResource> resources) => WriteYaml(output, resources.Select(r => r.Manifest));

    private static void WriteYaml(TextWriter output, IEnumerable<ManifestMapping> documents)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                builder.Append("---\n");
            }
            first = false;
            WriteMappingBody(builder, document, 0, continuesLine: false);
            foreach (var chunk in builder.GetChunks())
            {
                output.Write(chunk.Span);
            }
            builder.Clear();
        }
    }

    /// <summary>An indented <c>{"apiVersion": "v1", "kind": "List", "items": [...]}</c>.</summary>
    public static string ToJson(IEnumerable<GeneratedResource> resources)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteJson(output, resources);
        return output.ToString();
    }

    /// <summary><see cref="ToJson"/> written in pieces of about 64 KB.</summary>
    public static void WriteJson(TextWriter output, IEnumerable<GeneratedResource> resources)
    {
        const int PieceBytes = 64 * 1024;
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
                if (writer.BytesPending + buffer.WrittenCount > PieceBytes)
                {
                    writer.Flush();
                    output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
                    buffer.ResetWrittenCount();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    /// <summary>One node as a JSON value, for callers that write a document of their own around it.</summary>
    public static void WriteJson(Utf8JsonWriter writer, ManifestNode node)
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
            builder.Append(YamlText.Scalar(entry.Key)).Append(':');
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
                builder.Append(' ').Append((scalar.Kind == ManifestScalarKind.String ? YamlText.Scalar(scalar.Text) : scalar.Text)).Append('\n');
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
