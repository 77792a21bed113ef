using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Schema;

/// <summary>
/// One node of a JSON Schema (the draft-07 subset our schemas use, plus our <c>x-</c> extensions), read once
/// from the embedded schema files. A node written as <c>$ref</c> with sibling annotations keeps its own
/// title and descriptions and takes its constraints from the referenced definition; <c>allOf</c> members
/// are merged in. Hover, completion and validation all read these nodes.
/// </summary>
public sealed class SchemaNode
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(50);

    private readonly JsonElement _element;
    private readonly SchemaDocument _document;
    private readonly string? _definitionName;
    private readonly Lazy<Compiled> _compiled;

    internal SchemaNode(JsonElement element, SchemaDocument document, string? definitionName)
    {
        _element = element;
        _document = document;
        _definitionName = definitionName;
        _compiled = new Lazy<Compiled>(() => new Compiled(this));
    }

    /// <summary>The definition this node is or refers to, e.g. <c>To</c>.</summary>
    public string? DefinitionName => _definitionName ?? Target?.DefinitionName;

    /// <summary>The node's own annotation first, else the referenced definition's.</summary>
    public string? Title => C.Title;

    public LocalizedText? Description => C.Description;

    public ImmutableArray<string> Types => C.Types;

    public ImmutableArray<SchemaProperty> Properties => C.Properties;

    public ImmutableArray<string> Required => C.Required;

    /// <summary>
    /// Keys of which at most one may be set: a protobuf <c>oneof</c> as Istio's CRDs encode it (<c>oneOf</c> of
    /// <c>required: [k]</c> alternatives plus a <c>not: anyOf</c> of them for "none"). Empty when there is none.
    /// </summary>
    public ImmutableArray<string> ExclusiveKeys => C.ExclusiveKeys;

    /// <summary>False when unknown keys are errors (<c>additionalProperties: false</c>).</summary>
    public bool AllowsAdditionalProperties => C.AllowsAdditionalProperties;

    /// <summary>The schema extra keys must match, when <c>additionalProperties</c> is a schema.</summary>
    public SchemaNode? AdditionalProperties => C.AdditionalProperties;

    public SchemaNode? PropertyNames => C.PropertyNames;

    public SchemaNode? Items => C.Items;

    public ImmutableArray<JsonElement> Enum => C.Enum;

    /// <summary>The enum (or const) values as text, for comparison and messages.</summary>
    public ImmutableArray<string> AllowedValues => C.AllowedValues;

    public ImmutableArray<LocalizedText> EnumDescriptions => C.EnumDescriptions;

    public bool EnumIsCaseInsensitive => C.EnumIsCaseInsensitive;

    /// <summary>The diagnostic code for a value outside <see cref="Enum"/>, when it is not EGP005.</summary>
    public string? UnknownValueDiagnostic => C.UnknownValueDiagnostic;

    public JsonElement? Const => C.Const;

    public double? Minimum => C.Minimum;

    public double? Maximum => C.Maximum;

    public int? MinLength => C.MinLength;

    public int? MaxLength => C.MaxLength;

    public int? MinItems => C.MinItems;

    public int? MaxItems => C.MaxItems;

    public int? MinProperties => C.MinProperties;

    public Regex? Pattern => C.Pattern;

    public ImmutableArray<JsonElement> Examples => C.Examples;

    public JsonElement? Default => C.Default;

    public bool IsDeprecated => C.IsDeprecated;

    public LocalizedText? DeprecationMessage => C.DeprecationMessage;

    public SchemaProperty? FindProperty(string name) => C.PropertiesByName.GetValueOrDefault(name);

    /// <summary>The node that validates the value under <paramref name="key"/>, or null when the key is unknown.</summary>
    public SchemaNode? SchemaForKey(string key) => FindProperty(key)?.Schema ?? AdditionalProperties;

    public override string ToString() => DefinitionName ?? Title ?? "schema";

    /// <summary>Everything the node says, read from the JSON once: validation and hover run on the typing path.</summary>
    private Compiled C => _compiled.Value;

    /// <summary>The referenced definition, when this node is a <c>$ref</c>.</summary>
    private SchemaNode? Target => C.Target;

    private sealed class Compiled
    {
        public Compiled(SchemaNode node)
        {
            var element = node._element;
            var document = node._document;
            Target = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference)
                ? document.Resolve(reference.GetString()!)
                : null;
            var allOf = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array
                ? all.EnumerateArray().Select(e => document.Node(e, null)).ToArray()
                : [];

            // A constraint keyword: own, else from the $ref target, else from an allOf member.
            JsonElement? Constraint(string keyword)
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(keyword, out var own))
                {
                    return own;
                }
                if (Target?._element is { ValueKind: JsonValueKind.Object } target && Target.C.Raw(keyword) is { } inherited)
                {
                    return inherited;
                }
                foreach (var member in allOf)
                {
                    if (member.C.Raw(keyword) is { } fromMember)
                    {
                        return fromMember;
                    }
                }
                return null;
            }

            string? OwnString(string keyword) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;

            double? Number(string keyword) => Constraint(keyword) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : null;

            Raw = Constraint;
            Title = OwnString("title") ?? Target?.Title;
            Description = OwnString("description") is { } en ? new LocalizedText(en, OwnString("x-description-zh") ?? en) : Target?.Description;
            DeprecationMessage = OwnString("deprecationMessage") is { } deprecation
                ? new LocalizedText(deprecation, OwnString("x-deprecation-message-zh") ?? deprecation)
                : Target?.DeprecationMessage;
            Types = Constraint("type") switch
            {
                { ValueKind: JsonValueKind.Array } types => [.. types.EnumerateArray().Select(t => t.GetString()!)],
                { ValueKind: JsonValueKind.String } type => [type.GetString()!],
                _ => ImmutableArray<string>.Empty,
            };
            var additional = Constraint("additionalProperties");
            AllowsAdditionalProperties = additional is not { ValueKind: JsonValueKind.False };
            AdditionalProperties = additional is { ValueKind: JsonValueKind.Object } additionalSchema ? document.Node(additionalSchema, null) : null;
            PropertyNames = Constraint("propertyNames") is { ValueKind: JsonValueKind.Object } names ? document.Node(names, null) : null;
            Items = Constraint("items") is { ValueKind: JsonValueKind.Object } items ? document.Node(items, null) : null;
            Enum = Constraint("enum") is { ValueKind: JsonValueKind.Array } values ? [.. values.EnumerateArray()] : ImmutableArray<JsonElement>.Empty;
            Const = Constraint("const");
            AllowedValues = Const is { } constant ? [Display(constant)] : [.. Enum.Select(Display)];
            var enumEn = Constraint("x-enum-descriptions") is { ValueKind: JsonValueKind.Array } en2 ? en2.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            var enumZh = Constraint("x-enum-descriptions-zh") is { ValueKind: JsonValueKind.Array } zh ? zh.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            EnumDescriptions = [.. enumEn.Select((text, i) => new LocalizedText(text, i < enumZh.Length ? enumZh[i] : text))];
            EnumIsCaseInsensitive = Constraint("x-case-insensitive") is { ValueKind: JsonValueKind.True };
            UnknownValueDiagnostic = Constraint("x-unknown-value-diagnostic")?.GetString();
            Minimum = Number("minimum");
            Maximum = Number("maximum");
            MinLength = (int?)Number("minLength");
            MaxLength = (int?)Number("maxLength");
            MinItems = (int?)Number("minItems");
            MaxItems = (int?)Number("maxItems");
            MinProperties = (int?)Number("minProperties");
            ExclusiveKeys = ReadExclusiveKeys(Constraint("oneOf"));
            Pattern = OwnString("pattern") is { } pattern ? new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout) : Target?.Pattern;
            Examples = (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("examples", out var examples) ? examples : Target?._element is { ValueKind: JsonValueKind.Object } t && t.TryGetProperty("examples", out var inherited) ? inherited : default)
                is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray()] : ImmutableArray<JsonElement>.Empty;
            Default = Constraint("default");
            IsDeprecated = Constraint("deprecated") is { ValueKind: JsonValueKind.True };

            // Properties and required come from the node, its $ref chain and its allOf members, first one wins.
            var properties = ImmutableArray.CreateBuilder<SchemaProperty>();
            var required = ImmutableArray.CreateBuilder<string>();
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("properties", out var own))
                {
                    properties.AddRange(own.EnumerateObject().Select(p => new SchemaProperty(p.Name, document.Node(p.Value, null))));
                }
                if (element.TryGetProperty("required", out var ownRequired))
                {
                    required.AddRange(ownRequired.EnumerateArray().Select(r => r.GetString()!));
                }
            }
            foreach (var source in (Target is null ? allOf : allOf.Prepend(Target)))
            {
                properties.AddRange(source.Properties.Where(p => properties.All(known => known.Name != p.Name)));
                required.AddRange(source.Required.Where(r => !required.Contains(r)));
            }
            Properties = properties.ToImmutable();
            PropertiesByName = Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            Required = required.ToImmutable();
        }

        public Func<string, JsonElement?> Raw { get; }

        public SchemaNode? Target { get; }

        public string? Title { get; }

        public LocalizedText? Description { get; }

        public LocalizedText? DeprecationMessage { get; }

        public ImmutableArray<string> Types { get; }

        public bool AllowsAdditionalProperties { get; }

        public SchemaNode? AdditionalProperties { get; }

        public SchemaNode? PropertyNames { get; }

        public SchemaNode? Items { get; }

        public ImmutableArray<JsonElement> Enum { get; }

        public JsonElement? Const { get; }

        public ImmutableArray<string> AllowedValues { get; }

        public ImmutableArray<LocalizedText> EnumDescriptions { get; }

        public bool EnumIsCaseInsensitive { get; }

        public string? UnknownValueDiagnostic { get; }

        public double? Minimum { get; }

        public double? Maximum { get; }

        public int? MinLength { get; }

        public int? MaxLength { get; }

        public int? MinItems { get; }

        public int? MaxItems { get; }

        public int? MinProperties { get; }

        public ImmutableArray<string> ExclusiveKeys { get; }

        /// <summary>The keys of a <c>oneOf</c> that only says which keys are required (anything else: none).</summary>
        private static ImmutableArray<string> ReadExclusiveKeys(JsonElement? oneOf)
        {
            if (oneOf is not { ValueKind: JsonValueKind.Array } alternatives)
            {
                return [];
            }
            var keys = new List<string>();
            foreach (var alternative in alternatives.EnumerateArray())
            {
                if (alternative.ValueKind != JsonValueKind.Object)
                {
                    return [];
                }
                if (alternative.TryGetProperty("not", out _) && alternative.EnumerateObject().Count() == 1)
                {
                    continue; // "none of them": allowed, nothing to add
                }
                if (alternative.EnumerateObject().Count() != 1 || !alternative.TryGetProperty("required", out var required) ||
                    required.ValueKind != JsonValueKind.Array)
                {
                    return [];
                }
                keys.AddRange(required.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!));
            }
            return keys.Count > 1 ? [.. keys.Distinct(StringComparer.Ordinal)] : [];
        }

        public Regex? Pattern { get; }

        public ImmutableArray<JsonElement> Examples { get; }

        public JsonElement? Default { get; }

        public bool IsDeprecated { get; }

        public ImmutableArray<SchemaProperty> Properties { get; }

        public Dictionary<string, SchemaProperty> PropertiesByName { get; }

        public ImmutableArray<string> Required { get; }

        private static string Display(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}

public sealed record SchemaProperty(string Name, SchemaNode Schema);

/// <summary>A parsed schema file: resolves <c>#/definitions/X</c> references and caches nodes.</summary>
public sealed class SchemaDocument
{
    private readonly Dictionary<string, SchemaNode> _definitions = new(StringComparer.Ordinal);
    private readonly JsonDocument _json;

    public SchemaDocument(string json)
    {
        _json = JsonDocument.Parse(json);
        Root = new SchemaNode(_json.RootElement, this, null);
        // All definitions up front: the dictionary is then read-only and safe to share between threads.
        if (_json.RootElement.TryGetProperty("definitions", out var definitions))
        {
            foreach (var definition in definitions.EnumerateObject())
            {
                _definitions[definition.Name] = new SchemaNode(definition.Value, this, definition.Name);
            }
        }
    }

    public SchemaNode Root { get; }

    /// <summary>The raw text, for <c>egressctl schema</c>.</summary>
    public string Text => _json.RootElement.GetRawText();

    internal SchemaNode Node(JsonElement element, string? definitionName) => new(element, this, definitionName);

    internal SchemaNode? Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        return _definitions.GetValueOrDefault(reference[prefix.Length..]);
    }
}
