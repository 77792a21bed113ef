using System.Globalization;
using System.Text;
using System.Text.Json;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Hover;

/// <summary>
/// A field's documentation as Markdown, read from its schema node: title and type, deprecation, the description
/// in the client's language, allowed values with their meanings, bounds, default and an example. Public so that
/// completion can show the same text for the keys and values it offers.
/// </summary>
public static class FieldDocumentation
{
    private static readonly LocalizedText AllowedValuesLabel = new("Allowed values:", "允许的取值:");
    private static readonly LocalizedText AllowedValuesAnyCaseLabel = new("Allowed values (case-insensitive):", "允许的取值(不区分大小写):");
    private static readonly LocalizedText ValueLabel = new("Value: {0}", "取值:{0}");
    private static readonly LocalizedText RangeLabel = new("Range: {0}", "取值范围:{0}");
    private static readonly LocalizedText LengthLabel = new("Length: {0}", "长度:{0}");
    private static readonly LocalizedText ItemsLabel = new("Items: {0}", "条目数:{0}");
    private static readonly LocalizedText DefaultLabel = new("Default: {0}", "默认值:{0}");
    private static readonly LocalizedText ExampleLabel = new("Example:", "示例:");
    private static readonly LocalizedText DeprecatedFallback = new("Deprecated.", "已废弃。");
    private static readonly LocalizedText ListOf = new("list of {0}", "{0} 列表");
    private static readonly LocalizedText MapOf = new("map of {0}", "{0} 映射");

    /// <summary>True when the node says something worth a hover (an undocumented map entry does not).</summary>
    public static bool IsDocumented(SchemaNode schema) => schema.Title is not null || schema.Description is not null;

    /// <param name="field">The key (or item) documented: the title when the schema has none, and the example's key.</param>
    /// <param name="currentValue">The value written in the document, whose meaning is highlighted among the allowed values.</param>
    public static string Render(SchemaNode schema, PathSegment field, string? currentValue, string? locale)
    {
        var builder = new StringBuilder();
        builder.Append("**").Append(schema.Title ?? (field.IsItem ? schema.DefinitionName ?? "item" : field.Key)).Append("**");
        if (TypeText(schema, locale) is { } type)
        {
            builder.Append(" · ").Append(Markdown.Code(type));
        }
        if (schema.IsDeprecated)
        {
            builder.Append("\n\n⚠️ ").Append((schema.DeprecationMessage ?? DeprecatedFallback).For(locale));
        }
        if (schema.Description is { } description)
        {
            builder.Append("\n\n").Append(description.For(locale));
        }
        AppendAllowedValues(builder, schema, currentValue, locale);
        AppendBounds(builder, schema, locale);
        if (schema.Default is { } defaultValue)
        {
            builder.Append("\n\n").Append(DefaultLabel.Format(locale, Markdown.Code(Display(defaultValue))));
        }
        if (!schema.Examples.IsEmpty)
        {
            builder.Append("\n\n").Append(ExampleLabel.For(locale)).Append("\n\n").Append(Markdown.YamlBlock(Example(field, schema.Examples[0])));
        }
        return builder.ToString();
    }

    private static void AppendAllowedValues(StringBuilder builder, SchemaNode schema, string? currentValue, string? locale)
    {
        var values = schema.AllowedValues;
        if (values.IsEmpty)
        {
            return;
        }
        if (values.Length == 1)
        {
            builder.Append("\n\n").Append(ValueLabel.Format(locale, Markdown.Code(values[0])));
            return;
        }
        var comparison = schema.EnumIsCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        builder.Append("\n\n").Append((schema.EnumIsCaseInsensitive ? AllowedValuesAnyCaseLabel : AllowedValuesLabel).For(locale));
        for (var i = 0; i < values.Length; i++)
        {
            // The value written in the document is set in bold, meaning included, so it stands out in the list.
            var isCurrent = currentValue is not null && string.Equals(values[i], currentValue, comparison);
            var meaning = i < schema.EnumDescriptions.Length ? schema.EnumDescriptions[i].For(locale) : null;
            builder.Append("\n- ");
            if (isCurrent)
            {
                builder.Append("**").Append(Markdown.Code(values[i])).Append("**");
                if (meaning is not null)
                {
                    builder.Append(" — **").Append(meaning).Append("**");
                }
            }
            else
            {
                builder.Append(Markdown.Code(values[i]));
                if (meaning is not null)
                {
                    builder.Append(" — ").Append(meaning);
                }
            }
        }
    }

    private static void AppendBounds(StringBuilder builder, SchemaNode schema, string? locale)
    {
        var bounds = new List<string>(3);
        if (Bounds(schema.Minimum, schema.Maximum) is { } range)
        {
            bounds.Add(RangeLabel.Format(locale, range));
        }
        if (Bounds(schema.MinLength, schema.MaxLength) is { } length)
        {
            bounds.Add(LengthLabel.Format(locale, length));
        }
        if (Bounds(schema.MinItems, schema.MaxItems) is { } items)
        {
            bounds.Add(ItemsLabel.Format(locale, items));
        }
        if (bounds.Count > 0)
        {
            builder.Append("\n\n").Append(string.Join(" · ", bounds));
        }
    }

    /// <summary>"1–65535", "≥ 1" or "≤ 50".</summary>
    private static string? Bounds(double? minimum, double? maximum) => (minimum, maximum) switch
    {
        ({ } min, { } max) => $"{Number(min)}–{Number(max)}",
        ({ } min, null) => $"≥ {Number(min)}",
        (null, { } max) => $"≤ {Number(max)}",
        _ => null,
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"string", "list of string", "map of string", or null when the schema does not say.</summary>
    private static string? TypeText(SchemaNode schema, string? locale)
    {
        if (schema.Types.IsEmpty)
        {
            return null;
        }
        var type = string.Join(" | ", schema.Types);
        if (type == "array" && schema.Items is { Types.IsEmpty: false } items)
        {
            return ListOf.Format(locale, ItemTypeText(items));
        }
        if (type == "object" && schema.Properties.IsEmpty && schema.AdditionalProperties is { Types.IsEmpty: false } values)
        {
            return MapOf.Format(locale, ItemTypeText(values));
        }
        return type;
    }

    /// <summary>An item is named by its definition when it has one (<c>To</c>), which says more than "object".</summary>
    private static string ItemTypeText(SchemaNode items) => items.DefinitionName ?? string.Join(" | ", items.Types);

    /// <summary>The example as the document would hold it: under the field's key, or as a list item.</summary>
    private static string Example(PathSegment field, JsonElement example)
    {
        var rendered = YamlSnippet.Render(example, 2);
        if (!field.IsItem)
        {
            return YamlText.Scalar(field.Key!) + ":" + rendered;
        }
        // An item's first line goes after its dash; its other lines are already indented under it.
        return "- " + rendered.TrimStart('\n').TrimStart(' ');
    }

    private static string Display(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
