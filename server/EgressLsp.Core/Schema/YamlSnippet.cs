using System.Text;
using System.Text.Json;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Schema;

/// <summary>Renders a schema example (JSON) as the YAML that follows a key: inline for scalars, block otherwise.</summary>
public static class YamlSnippet
{
    /// <returns>" value" for a scalar, or "\n" + block lines indented by <paramref name="indent"/>.</returns>
    public static string Render(JsonElement value, int indent)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasContent(value))
        {
            var builder = new StringBuilder();
            AppendBlock(builder, value, indent);
            return builder.ToString();
        }
        return " " + Inline(value);
    }

    private static bool HasContent(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Any() : value.GetArrayLength() > 0;

    private static void AppendBlock(StringBuilder builder, JsonElement value, int indent)
    {
        var pad = new string(' ', indent);
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                builder.Append('\n').Append(pad).Append(YamlText.Scalar(property.Name)).Append(':');
                AppendValue(builder, property.Value, indent + 2);
            }
        }
        else
        {
            foreach (var item in value.EnumerateArray())
            {
                builder.Append('\n').Append(pad).Append('-');
                if (item.ValueKind == JsonValueKind.Object && HasContent(item))
                {
                    // "- key: value" with the item's other keys aligned under the first.
                    var inner = new StringBuilder();
                    AppendBlock(inner, item, indent + 2);
                    builder.Append(' ').Append(inner.ToString().TrimStart('\n').TrimStart());
                }
                else
                {
                    AppendValue(builder, item, indent + 2);
                }
            }
        }
    }

    private static void AppendValue(StringBuilder builder, JsonElement value, int indent)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasContent(value))
        {
            AppendBlock(builder, value, indent);
        }
        else
        {
            builder.Append(' ').Append(Inline(value));
        }
    }

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => YamlText.Scalar(value.GetString()!),
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => value.GetRawText(),
    };
}
