using System.Runtime.CompilerServices;
using System.Text.Json;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// What the schema alone proposes: the keys of a mapping with their documentation, and the values of an
/// enum, a boolean or a number. Each property's label, documentation and insert shape are worked out once
/// per schema property and reused by every request.
/// </summary>
internal static class SchemaCompletions
{
    /// <summary>How a key's value is written, which decides what follows the inserted key.</summary>
    private enum ValueShape { Scalar, Mapping, List }

    private sealed record KeyTemplate(string Name, string? Detail, LocalizedText Documentation, ValueShape Shape, bool IsDeprecated);

    private static readonly ConditionalWeakTable<SchemaProperty, KeyTemplate> Templates = new();

    /// <summary>What the schema alone offers at the cursor: its keys, or the values of the key being written.</summary>
    public static void Add(CompletionContext context, List<CompletionEntry> items)
    {
        if (context.Position == CompletionPosition.Key)
        {
            AddKeys(context, _ => true, items);
        }
        else
        {
            AddValues(context, items);
        }
    }

    public static void AddKeys(CompletionContext context, Func<string, bool> isOffered, List<CompletionEntry> items)
    {
        if (context.Schema is not { } schema)
        {
            return;
        }
        var order = 0;
        foreach (var property in schema.Properties)
        {
            order++;
            if (context.ExistingKeys.Contains(property.Name) || !isOffered(property.Name))
            {
                continue;
            }
            var template = Templates.GetValue(property, Describe);
            var rank = template.IsDeprecated ? 9 : schema.Required.Contains(property.Name) ? 0 : 1;
            items.Add(Key(context, template.Name, template.Detail, template.Documentation, Continuation(context, template.Shape),
                $"{rank}{order:D3}"));
        }
    }

    /// <summary>A key entry: <c>name: </c>, or <c>name:</c> and the start of the block below it.</summary>
    public static CompletionEntry Key(CompletionContext context, string name, string? detail, LocalizedText? documentation,
        string continuation, string sortText)
    {
        var key = YamlText.Scalar(name);
        var insert = context.KeyHasColon ? key : key + ":" + continuation;
        return new CompletionEntry(name, CompletionEntryKind.Property, detail, documentation, context.ItemPrefix + insert, false,
            context.ReplaceSpan, sortText, FilterText(context, name));
    }

    /// <summary>What follows <c>key:</c> for a value of this shape, indented for the cursor.</summary>
    private static string Continuation(CompletionContext context, ValueShape shape) => context.IsFlow ? " " : shape switch
    {
        ValueShape.Mapping => context.NewLine(2),
        // Lists are written the way kubectl does: items at the key's own column.
        ValueShape.List => context.NewLine(0) + "- ",
        _ => " ",
    };

    /// <summary>Enum (or const) values with their descriptions, and true/false for booleans.</summary>
    public static void AddValues(CompletionContext context, List<CompletionEntry> items)
    {
        if (context.Schema is not { } schema)
        {
            return;
        }
        var allowed = schema.AllowedValues;
        var isString = schema.Types.Contains("string");
        for (var i = 0; i < allowed.Length; i++)
        {
            var documentation = i < schema.EnumDescriptions.Length ? schema.EnumDescriptions[i] : (LocalizedText?)null;
            items.Add(Value(context, allowed[i], isString ? YamlText.Scalar(allowed[i]) : allowed[i], schema.Title, documentation,
                CompletionEntryKind.Value, $"0{i:D3}"));
        }
        if (allowed.IsEmpty && schema.Types.Contains("boolean"))
        {
            items.Add(Value(context, "true", "true", schema.Title, null, CompletionEntryKind.Value, "0001"));
            items.Add(Value(context, "false", "false", schema.Title, null, CompletionEntryKind.Value, "0002"));
        }
    }

    /// <summary>The schema's examples of a number (ports): a start when nothing better is known.</summary>
    public static void AddNumberExamples(CompletionContext context, List<CompletionEntry> items)
    {
        if (context.Schema is not { } schema || !schema.Types.Contains("integer"))
        {
            return;
        }
        var order = 0;
        foreach (var example in schema.Examples)
        {
            if (example.ValueKind == JsonValueKind.Number)
            {
                var text = example.GetRawText();
                items.Add(Value(context, text, text, schema.Title, null, CompletionEntryKind.Value, $"5{order++:D3}"));
            }
        }
    }

    /// <summary>A value entry; <paramref name="insert"/> is the value as YAML (quoted where needed).</summary>
    public static CompletionEntry Value(CompletionContext context, string label, string insert, string? detail,
        LocalizedText? documentation, CompletionEntryKind kind, string sortText) =>
        new(label, kind, detail, documentation, context.ValuePrefix + insert, false, context.ReplaceSpan, sortText,
            FilterText(context, label));

    /// <summary>
    /// Clients filter by the text between the replace range's start and the cursor: when that range starts with
    /// a "-" the item re-creates, or a quote, the filter text must start with it too.
    /// </summary>
    public static string? FilterText(CompletionContext context, string label)
    {
        var typed = context.TypedText;
        if (typed.StartsWith('-'))
        {
            return "- " + label;
        }
        return typed.Length > 0 && typed[0] is '"' or '\'' ? typed[0] + label : null;
    }

    private static KeyTemplate Describe(SchemaProperty property)
    {
        var schema = property.Schema;
        var shape = schema.Items is not null && !CompletionContext.IsObject(schema) ? ValueShape.List
            : CompletionContext.IsObject(schema) ? ValueShape.Mapping
            : ValueShape.Scalar;
        return new KeyTemplate(property.Name, schema.Title, Document(property.Name, schema), shape, schema.IsDeprecated);
    }

    /// <summary>The field's documentation as hover shows it, in English and Chinese.</summary>
    private static LocalizedText Document(string name, SchemaNode schema) => new(
        FieldDocumentation.Render(schema, PathSegment.Property(name), currentValue: null, locale: "en"),
        FieldDocumentation.Render(schema, PathSegment.Property(name), currentValue: null, locale: "zh"));
}
