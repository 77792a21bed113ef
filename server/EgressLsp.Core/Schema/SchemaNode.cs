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
    private readonly Lazy<Regex?> _pattern;
    private ImmutableArray<SchemaProperty>? _properties;
    private ImmutableArray<string>? _required;
    private SchemaNode? _target;
    private bool _targetResolved;

    private readonly string? _definitionName;
    private readonly Lazy<SchemaNode?> _items;
    private readonly Lazy<SchemaNode?> _additionalProperties;

    internal SchemaNode(JsonElement element, SchemaDocument document, string? definitionName)
    {
        _element = element;
        _document = document;
        _definitionName = definitionName;
        _pattern = new Lazy<Regex?>(() => ReadString("pattern") is { } p ? new Regex(p, RegexOptions.CultureInvariant, PatternTimeout) : null);
        _items = new Lazy<SchemaNode?>(() => Constraint("items") is { ValueKind: JsonValueKind.Object } items ? _document.Node(items, null) : null);
        _additionalProperties = new Lazy<SchemaNode?>(() =>
            Constraint("additionalProperties") is { ValueKind: JsonValueKind.Object } additional ? _document.Node(additional, null) : null);
    }

    /// <summary>The definition this node is or refers to, e.g. <c>To</c>.</summary>
    public string? DefinitionName => _definitionName ?? Target?.DefinitionName;

    /// <summary>The node's own annotation first, else the referenced definition's.</summary>
    public string? Title => ReadString("title") ?? Target?.Title;

    public LocalizedText? Description =>
        ReadString("description") is { } en ? new LocalizedText(en, ReadString("x-description-zh") ?? en) : Target?.Description;

    public ImmutableArray<string> Types
    {
        get
        {
            var own = Constraint("type");
            if (own is not { } type)
            {
                return ImmutableArray<string>.Empty;
            }
            return type.ValueKind == JsonValueKind.Array
                ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
                : [type.GetString()!];
        }
    }

    public ImmutableArray<SchemaProperty> Properties => _properties ??= ReadProperties();

    public ImmutableArray<string> Required => _required ??= ReadRequired();

    /// <summary>False when unknown keys are errors; a schema when extra keys must match it; true otherwise.</summary>
    public bool AllowsAdditionalProperties => Constraint("additionalProperties") is not { ValueKind: JsonValueKind.False };

    public SchemaNode? AdditionalProperties => _additionalProperties.Value;

    public SchemaNode? PropertyNames =>
        Constraint("propertyNames") is { ValueKind: JsonValueKind.Object } names ? _document.Node(names, null) : null;

    public SchemaNode? Items => _items.Value;

    public ImmutableArray<JsonElement> Enum =>
        Constraint("enum") is { ValueKind: JsonValueKind.Array } values ? [.. values.EnumerateArray()] : ImmutableArray<JsonElement>.Empty;

    public ImmutableArray<LocalizedText> EnumDescriptions
    {
        get
        {
            if (Constraint("x-enum-descriptions") is not { ValueKind: JsonValueKind.Array } en)
            {
                return ImmutableArray<LocalizedText>.Empty;
            }
            var zh = Constraint("x-enum-descriptions-zh") is { ValueKind: JsonValueKind.Array } z ? z.EnumerateArray().Select(e => e.GetString()!).ToArray() : null;
            return [.. en.EnumerateArray().Select((e, i) => new LocalizedText(e.GetString()!, zh is not null && i < zh.Length ? zh[i] : e.GetString()!))];
        }
    }

    public bool EnumIsCaseInsensitive => Constraint("x-case-insensitive") is { ValueKind: JsonValueKind.True };

    /// <summary>The diagnostic code for a value outside <see cref="Enum"/>, when it is not EGP005.</summary>
    public string? UnknownValueDiagnostic => Constraint("x-unknown-value-diagnostic")?.GetString();

    public JsonElement? Const => Constraint("const");

    public double? Minimum => ReadNumber("minimum");

    public double? Maximum => ReadNumber("maximum");

    public int? MinLength => (int?)ReadNumber("minLength");

    public int? MaxLength => (int?)ReadNumber("maxLength");

    public int? MinItems => (int?)ReadNumber("minItems");

    public int? MaxItems => (int?)ReadNumber("maxItems");

    public int? MinProperties => (int?)ReadNumber("minProperties");

    public Regex? Pattern => ReadString("pattern") is not null ? _pattern.Value : Target?.Pattern;

    public ImmutableArray<JsonElement> Examples =>
        (_element.TryGetProperty("examples", out var own) ? own : Target?._element is { } t && t.TryGetProperty("examples", out var inherited) ? inherited : default)
        is { ValueKind: JsonValueKind.Array } examples ? [.. examples.EnumerateArray()] : ImmutableArray<JsonElement>.Empty;

    public JsonElement? Default => Constraint("default");

    public bool IsDeprecated => Constraint("deprecated") is { ValueKind: JsonValueKind.True };

    public LocalizedText? DeprecationMessage =>
        ReadString("deprecationMessage") is { } en ? new LocalizedText(en, ReadString("x-deprecation-message-zh") ?? en) : Target?.DeprecationMessage;

    public SchemaProperty? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }
        return null;
    }

    /// <summary>The node that validates the value under <paramref name="key"/>, or null when the key is unknown.</summary>
    public SchemaNode? SchemaForKey(string key) => FindProperty(key)?.Schema ?? AdditionalProperties;

    /// <summary>The referenced definition, when this node is a <c>$ref</c>.</summary>
    private SchemaNode? Target
    {
        get
        {
            if (!_targetResolved)
            {
                _targetResolved = true;
                _target = _element.TryGetProperty("$ref", out var reference) ? _document.Resolve(reference.GetString()!) : null;
            }
            return _target;
        }
    }

    private IEnumerable<SchemaNode> AllOf =>
        _element.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array
            ? all.EnumerateArray().Select(e => _document.Node(e, null))
            : [];

    /// <summary>A constraint keyword: own, else from the <c>$ref</c> target, else from an <c>allOf</c> member.</summary>
    private JsonElement? Constraint(string keyword)
    {
        if (_element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(keyword, out var own))
        {
            return own;
        }
        if (Target?.Constraint(keyword) is { } inherited)
        {
            return inherited;
        }
        foreach (var member in AllOf)
        {
            if (member.Constraint(keyword) is { } fromMember)
            {
                return fromMember;
            }
        }
        return null;
    }

    private string? ReadString(string keyword) =>
        _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private double? ReadNumber(string keyword) => Constraint(keyword) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : null;

    private ImmutableArray<SchemaProperty> ReadProperties()
    {
        var result = ImmutableArray.CreateBuilder<SchemaProperty>();
        foreach (var source in Sources())
        {
            if (source._element.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (result.All(p => p.Name != property.Name))
                    {
                        result.Add(new SchemaProperty(property.Name, _document.Node(property.Value, null)));
                    }
                }
            }
        }
        return result.ToImmutable();
    }

    private ImmutableArray<string> ReadRequired()
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var source in Sources())
        {
            if (source._element.TryGetProperty("required", out var required))
            {
                result.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !result.Contains(r)));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>This node, its <c>$ref</c> chain and its <c>allOf</c> members: where properties and required come from.</summary>
    private IEnumerable<SchemaNode> Sources()
    {
        if (_element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        yield return this;
        if (Target is { } target)
        {
            foreach (var inherited in target.Sources())
            {
                yield return inherited;
            }
        }
        foreach (var member in AllOf)
        {
            foreach (var inherited in member.Sources())
            {
                yield return inherited;
            }
        }
    }

    public override string ToString() => DefinitionName ?? Title ?? "schema";
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
