using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EgressLsp.Tests.CrdSchemas;

/// <summary>
/// Validates manifests (multi-document YAML) against the strict JSON Schemas derived from the official CRDs (Istio's,
/// the Gateway API's, osm-edge's) and committed under <c>schemas/</c>. Every document must be a kind we have a schema for.
/// </summary>
/// <remarks>
/// YAML is read with YAML 1.2 core-schema typing of plain scalars only: <c>80</c> is an integer, <c>"80"</c> a
/// string, <c>true</c>/<c>false</c> booleans, <c>null</c>/<c>~</c>/empty null; quoted and block scalars are always
/// strings. Errors read like
/// <c>document 2 (VirtualService istio-egress/foo): #/spec/http[0]/route[0]/foo: NoAdditionalPropertiesAllowed: unknown field 'foo' (line 14)</c>.
/// </remarks>
public static partial class CrdSchemaValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new(StringComparer.Ordinal);

    /// <summary>Validates every document of <paramref name="multiDocumentYaml"/>; an empty list means valid.</summary>
    public static IReadOnlyList<string> Validate(string multiDocumentYaml) => Validate(multiDocumentYaml, include: null);

    /// <summary>
    /// Validates the documents of <paramref name="multiDocumentYaml"/> for which <paramref name="include"/>
    /// (apiVersion, kind) is true — all when it is null. Empty documents are skipped; an unknown apiVersion/kind is
    /// an error. An empty list means valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string multiDocumentYaml, Func<string, string, bool>? include)
    {
        IReadOnlyList<YamlJson.Document> documents;
        try
        {
            documents = YamlJson.Load(multiDocumentYaml);
        }
        catch (YamlException e)
        {
            return [$"YAML error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}"];
        }

        var errors = new List<string>();
        foreach (var document in documents)
        {
            if (document.Root is null || document.Root.Type == JTokenType.Null)
            {
                continue;
            }

            var prefix = $"document {document.Number}";
            if (document.Root is not JObject root)
            {
                errors.Add($"{prefix}: not a mapping (line {document.Lines.LineOf(document.Root)})");
                continue;
            }

            var apiVersion = (root["apiVersion"] as JValue)?.Value as string;
            var kind = (root["kind"] as JValue)?.Value as string;
            if (apiVersion is null || kind is null)
            {
                errors.Add($"{prefix}: apiVersion and kind must be strings");
                continue;
            }

            if (include is not null && !include(apiVersion, kind))
            {
                continue;
            }

            prefix += $" ({kind} {Describe(root["metadata"])})";
            var schemaPath = SchemaFileFor(apiVersion, kind);
            if (schemaPath is null)
            {
                errors.Add($"{prefix}: no schema for apiVersion '{apiVersion}' kind '{kind}' "
                    + $"(known: {string.Join(", ", KnownKinds())})");
                continue;
            }

            foreach (var error in SchemaFor(schemaPath).Validate(root))
            {
                foreach (var line in Format(error, document.Lines))
                {
                    errors.Add($"{prefix}: {line}");
                }
            }
        }

        return errors;
    }

    /// <summary>The committed schema file for an apiVersion and kind, or null when there is none.</summary>
    public static string? SchemaFileFor(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !SafeName().IsMatch(apiVersion[..slash]) || !SafeName().IsMatch(apiVersion[(slash + 1)..]) || !SafeName().IsMatch(kind))
        {
            return null;
        }

        var fileName = $"{apiVersion[..slash]}_{apiVersion[(slash + 1)..]}_{kind}.schema.json";
        return RepoPaths.CrdSchemaFolders.Select(folder => Path.Combine(folder, fileName)).FirstOrDefault(File.Exists);
    }

    /// <summary>"apiVersion kind" of every committed schema.</summary>
    public static IReadOnlyList<string> KnownKinds() =>
        [.. RepoPaths.CrdSchemaFolders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.schema.json"))
            .Select(p => Path.GetFileName(p)[..^".schema.json".Length].Split('_'))
            .Where(parts => parts.Length == 3)
            .Select(parts => $"{parts[0]}/{parts[1]} {parts[2]}")
            .Order(StringComparer.Ordinal)];

    private static JsonSchema SchemaFor(string path) =>
        Cache.GetOrAdd(path, p => new Lazy<JsonSchema>(
            () => Task.Run(() => JsonSchema.FromJsonAsync(File.ReadAllText(p))).GetAwaiter().GetResult())).Value;

    [GeneratedRegex("^[A-Za-z0-9.-]+$")]
    private static partial Regex SafeName();

    private static string Describe(JToken? metadata)
    {
        var name = (metadata?["name"] as JValue)?.Value?.ToString() ?? "<no name>";
        var ns = (metadata?["namespace"] as JValue)?.Value?.ToString();
        return ns is null ? name : $"{ns}/{name}";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Error formatting

    private static IEnumerable<string> Format(ValidationError error, YamlJson.LineMap lines)
    {
        // Wrappers whose children are the real errors.
        if (error is ChildSchemaValidationError child
            && error.Kind is ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid
                or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.NotAllOf)
        {
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                foreach (var formatted in Format(inner, lines))
                {
                    yield return formatted;
                }
            }

            yield break;
        }

        var token = error.Token;
        var pointer = token is null ? "#" : Pointer(token);
        string detail;
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                pointer = $"{pointer}/{Escape(error.Property ?? "")}";
                detail = $"required field '{error.Property}' is missing";
                break;
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                detail = $"unknown field '{error.Property}'";
                break;
            case ValidationErrorKind.NotInEnumeration:
                detail = $"{Show(token)} is not one of {string.Join(", ", error.Schema?.Enumeration.Where(v => v is not null) ?? [])}";
                break;
            case ValidationErrorKind.NotOneOf:
                detail = AtMostOneOf(error.Schema) is { } names
                    ? $"at most one of {string.Join(", ", names)} may be set"
                    : "must match exactly one alternative: " + ChildSummary(error);
                break;
            case ValidationErrorKind.NoTypeValidates:
                detail = $"{Show(token)} is not {string.Join(" or ", Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && error.Schema?.Type.HasFlag(t) == true).Select(t => t.ToString().ToLowerInvariant()))}";
                break;
            case ValidationErrorKind.NotAnyOf:
                detail = $"{Show(token)} matches no alternative: " + ChildSummary(error);
                break;
            case ValidationErrorKind.PatternMismatch:
                detail = $"{Show(token)} does not match {error.Schema?.Pattern}";
                break;
            case ValidationErrorKind.StringTooLong or ValidationErrorKind.StringTooShort:
                detail = $"length {(token as JValue)?.Value?.ToString()?.Length} outside [{error.Schema?.MinLength ?? 0}, {error.Schema?.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "∞"}]";
                break;
            case ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall:
                detail = $"{Show(token)} outside [{error.Schema?.Minimum}, {error.Schema?.Maximum}]";
                break;
            case ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewItems:
                detail = $"{(token as JArray)?.Count} items, allowed [{error.Schema?.MinItems}, {error.Schema?.MaxItems}]";
                break;
            default:
                detail = token is null ? "" : $"got {Show(token)}";
                break;
        }

        var line = token is null ? null : lines.LineOf(token);
        yield return $"{pointer}: {error.Kind}{(detail.Length > 0 ? ": " + detail : "")}{(line is null ? "" : $" (line {line})")}";
    }

    /// <summary>The property names of Istio's "at most one of" idiom
    /// <c>oneOf: [{not: {anyOf: [{required: [a]}, ...]}}, {required: [a]}, ...]</c>, or null.</summary>
    private static IReadOnlyList<string>? AtMostOneOf(JsonSchema? schema)
    {
        if (schema is null || schema.OneOf.Count < 2)
        {
            return null;
        }

        var branches = schema.OneOf.ToList();
        if (branches[0].Not is null || branches.Skip(1).Any(b => b.RequiredProperties.Count != 1))
        {
            return null;
        }

        return [.. branches.Skip(1).Select(b => b.RequiredProperties.Single())];
    }

    private static string ChildSummary(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? string.Join("; ", child.Errors.Values.Select(errors => "[" + string.Join(", ", errors.Select(e => $"{e.Kind} {e.Property}".Trim())) + "]"))
            : "";

    private static string Show(JToken? token) => token switch
    {
        null => "nothing",
        JProperty property => $"field '{property.Name}'",
        JValue { Type: JTokenType.String } value => $"string \"{value.Value}\"",
        JValue { Type: JTokenType.Null } => "null",
        JValue value => $"{value.Type.ToString().ToLowerInvariant()} {value.ToString(Newtonsoft.Json.Formatting.None)}",
        JObject => "an object",
        JArray => "a list",
        _ => token.Type.ToString(),
    };

    /// <summary>A JSON-pointer-like path with list indexes in brackets: <c>#/spec/http[0]/route</c> (keys escaped as in
    /// RFC 6901, so a label key like <c>istio.io/rev</c> reads <c>istio.io~1rev</c>).</summary>
    private static string Pointer(JToken token)
    {
        var steps = new Stack<string>();
        JToken? current = token;
        while (current?.Parent is { } parent)
        {
            if (parent is JProperty property)
            {
                steps.Push("/" + Escape(property.Name));
                current = property.Parent;
                continue;
            }

            if (parent is JArray array)
            {
                steps.Push($"[{array.IndexOf(current).ToString(CultureInfo.InvariantCulture)}]");
            }
            else if (current is JProperty named)
            {
                steps.Push("/" + Escape(named.Name));
            }

            current = parent;
        }

        return "#" + string.Concat(steps);
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    // ---------------------------------------------------------------------------------------------------------
    // YAML -> JToken

    /// <summary>Converts YAML to Newtonsoft JSON tokens with YAML 1.2 core-schema typing of plain scalars.</summary>
    public static class YamlJson
    {
        /// <summary>One YAML document: its 1-based number in the stream, its root (null for an empty document) and the
        /// YAML line of each token.</summary>
        public sealed record Document(int Number, JToken? Root, LineMap Lines);

        /// <summary>The YAML line (1-based) each converted token came from.</summary>
        public sealed class LineMap
        {
            private readonly Dictionary<JToken, long> lines = new(ReferenceEqualityComparer.Instance);

            internal void Add(JToken token, Mark start) => lines[token] = start.Line;

            public long? LineOf(JToken token) => lines.TryGetValue(token, out var line) ? line : null;
        }

        /// <summary>Parses every document of <paramref name="yaml"/>; throws <see cref="YamlException"/> on bad YAML.</summary>
        public static IReadOnlyList<Document> Load(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var result = new List<Document>();
            foreach (var document in stream.Documents)
            {
                var lines = new LineMap();
                result.Add(new Document(result.Count + 1, Convert(document.RootNode, lines), lines));
            }

            return result;
        }

        /// <summary>Converts one YAML node.</summary>
        public static JToken Convert(YamlNode node, LineMap? lines = null)
        {
            lines ??= new LineMap();
            JToken token;
            switch (node)
            {
                case YamlMappingNode mapping:
                    var obj = new JObject();
                    foreach (var (key, value) in mapping.Children)
                    {
                        if (key is not YamlScalarNode scalarKey)
                        {
                            throw new YamlException(key.Start, key.End, "mapping keys must be scalars");
                        }

                        var name = scalarKey.Value ?? "";
                        if (obj.ContainsKey(name))
                        {
                            throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
                        }

                        var property = new JProperty(name, Convert(value, lines));
                        obj.Add(property);
                        lines.Add(property, key.Start);
                    }

                    token = obj;
                    break;
                case YamlSequenceNode sequence:
                    token = new JArray(sequence.Children.Select(child => Convert(child, lines)).ToArray<object>());
                    break;
                case YamlScalarNode scalar:
                    token = Scalar(scalar);
                    break;
                default:
                    throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
            }

            lines.Add(token, node.Start);
            return token;
        }

        private static readonly Regex DecimalInt = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Octal = new(@"^0o[0-7]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Hex = new(@"^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant);
        private static readonly Regex FloatNumber = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution) for plain scalars; any other
        /// style, or an explicit <c>!!str</c> / <c>!</c> tag, gives a string.</summary>
        private static JValue Scalar(YamlScalarNode scalar)
        {
            var text = scalar.Value ?? "";
            var explicitString = scalar.Tag.IsNonSpecific
                ? scalar.Tag.Value == "!"
                : !scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str";
            if (scalar.Style != ScalarStyle.Plain || explicitString)
            {
                return new JValue(text);
            }

            switch (text)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return JValue.CreateNull();
                case "true" or "True" or "TRUE":
                    return new JValue(true);
                case "false" or "False" or "FALSE":
                    return new JValue(false);
                case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                    return new JValue(double.PositiveInfinity);
                case "-.inf" or "-.Inf" or "-.INF":
                    return new JValue(double.NegativeInfinity);
                case ".nan" or ".NaN" or ".NAN":
                    return new JValue(double.NaN);
            }

            if (DecimalInt.IsMatch(text))
            {
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small)
                    ? new JValue(small)
                    : new JValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            if (Octal.IsMatch(text))
            {
                var octal = text[2..].Aggregate(BigInteger.Zero, (acc, c) => (acc * 8) + (c - '0'));
                return octal <= long.MaxValue ? new JValue((long)octal) : new JValue(octal);
            }

            if (Hex.IsMatch(text))
            {
                var hex = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                return hex <= long.MaxValue ? new JValue((long)hex) : new JValue(hex);
            }

            if (FloatNumber.IsMatch(text))
            {
                return new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            return new JValue(text);
        }
    }

    /// <summary>For messages about a stream: all errors joined with newlines.</summary>
    public static string Join(IEnumerable<string> errors)
    {
        var builder = new StringBuilder();
        foreach (var error in errors)
        {
            builder.AppendLine(error);
        }

        return builder.ToString();
    }
}
