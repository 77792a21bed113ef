using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EgressLsp.SchemaGen;

/// <summary>One derived schema: the source it came from, the file it goes to and its exact bytes (as text, '\n' line ends).</summary>
public sealed record DerivedSchema(CrdSource Source, string Group, string Version, string Kind, string FileName, string Json);

/// <summary>
/// One set of official CRDs we derive schemas from: its name (also the folder under <c>schemas/</c>), whose CRDs they
/// are, the CRD files (relative to the shared folder), the kinds we derive and the versions we take when served.
/// </summary>
public sealed record CrdSource(string Name, string Owner, IReadOnlyList<string> Files, IReadOnlyList<(string Group, string Kind)> Kinds,
    IReadOnlyList<string> Versions);

/// <summary>
/// Derives strict draft-07 JSON Schemas for whole Kubernetes objects of the kinds EgressLsp generates or reads, from
/// the official CustomResourceDefinitions: Istio's bundle (<c>crd-all.gen.yaml</c>), the Gateway API's and osm-edge's.
/// </summary>
/// <remarks>
/// Conversion of a CRD's OpenAPI v3 (structural) schema to JSON Schema:
/// <list type="bullet">
/// <item>objects with <c>properties</c>, no <c>additionalProperties</c> and no
///   <c>x-kubernetes-preserve-unknown-fields: true</c> get <c>additionalProperties: false</c> (the API server prunes
///   unknown fields silently; we reject them);</item>
/// <item><c>x-kubernetes-int-or-string: true</c> becomes <c>anyOf: [{type: integer}, {type: string}]</c>;</item>
/// <item><c>nullable: true</c> adds <c>"null"</c> to <c>type</c> (and to <c>enum</c> when there is one);</item>
/// <item><c>x-kubernetes-validations</c> (CEL) and every other <c>x-</c> extension are dropped;</item>
/// <item><c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>/<c>not</c> are kept as they are: Istio writes "at most one of a, b"
///   as <c>oneOf: [{not: {anyOf: [{required: [a]}, {required: [b]}]}}, {required: [a]}, {required: [b]}]</c>,
///   whose branches carry no <c>properties</c> and so stay open — the meaning is unchanged in JSON Schema;</item>
/// <item>the CRD's own <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> (the Gateway API writes them) give way to
///   ours: the one apiVersion and kind, and the metadata a manifest sets.</item>
/// </list>
/// Any keyword the converter does not know makes it fail, so a newer CRD cannot be converted half-right.
/// Output is deterministic: keywords in a fixed order, properties sorted ordinally, 2-space indentation, '\n'
/// line ends and a trailing newline.
/// </remarks>
public static class CrdSchemaDeriver
{
    public const string RegenerateCommand = "dotnet run --project server/EgressLsp.SchemaGen -- ../shared schemas";

    /// <summary>
    /// Istio's kinds we generate and analyse. v1 is the storage version of every one; v1alpha3 is still what most
    /// istio.io task YAML is written in.
    /// </summary>
    public static CrdSource Istio { get; } = new("istio", "Istio", ["istio-crds/crd-all.gen.yaml"],
    [
        ("networking.istio.io", "DestinationRule"),
        ("networking.istio.io", "Gateway"),
        ("networking.istio.io", "ServiceEntry"),
        ("networking.istio.io", "Sidecar"),
        ("networking.istio.io", "VirtualService"),
        ("security.istio.io", "AuthorizationPolicy"),
    ], ["v1", "v1beta1", "v1alpha3"]);

    /// <summary>The Gateway API's Gateway (v1.6.1, standard channel): the istio-ambient target's waypoint.</summary>
    public static CrdSource GatewayApi { get; } = new("gateway-api", "the Gateway API",
        ["crds/gateway-api/gateway.networking.k8s.io_gateways.yaml"], [("gateway.networking.k8s.io", "Gateway")], ["v1", "v1beta1"]);

    /// <summary>osm-edge's egress policies (v1.3.9): what the osm-edge target generates and what users write by hand.</summary>
    public static CrdSource OsmEdge { get; } = new("osm-edge", "osm-edge",
        ["crds/osm-edge/policy_egress.yaml", "crds/osm-edge/policy_egress_gateway.yaml"],
        [("policy.openservicemesh.io", "Egress"), ("policy.openservicemesh.io", "EgressGateway")], ["v1alpha1"]);

    public static IReadOnlyList<CrdSource> Sources { get; } = [Istio, GatewayApi, OsmEdge];

    /// <summary>DNS-1123 subdomain (Kubernetes object names).</summary>
    public const string Dns1123SubdomainPattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>DNS-1123 label (namespaces).</summary>
    public const string Dns1123LabelPattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>The file name of the schema for one kind and version.</summary>
    public static string FileNameFor(string group, string version, string kind) => $"{group}_{version}_{kind}.schema.json";

    /// <summary>Derives the schemas of <paramref name="source"/> from its CRD files under <paramref name="sharedFolder"/>.</summary>
    public static IReadOnlyList<DerivedSchema> DeriveFromFiles(CrdSource source, string sharedFolder) =>
        Derive(source, string.Join("\n---\n", source.Files.Select(file => File.ReadAllText(Path.Combine(sharedFolder, file)))));

    /// <summary>Derives the schemas of <paramref name="source"/> from the text of its CRDs, ordered by file name.</summary>
    public static IReadOnlyList<DerivedSchema> Derive(CrdSource source, string crdYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(crdYaml));

        var crds = new Dictionary<(string Group, string Kind), JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is not JsonObject crd
                || crd["kind"]?.GetValue<string>() != "CustomResourceDefinition")
            {
                continue;
            }

            var group = Str(crd, "spec", "group");
            var kind = Str(crd, "spec", "names", "kind");
            if (!crds.TryAdd((group, kind), crd))
            {
                throw new InvalidDataException($"The CRDs define {kind}.{group} twice.");
            }
        }

        var result = new List<DerivedSchema>();
        foreach (var (group, kind) in source.Kinds)
        {
            if (!crds.TryGetValue((group, kind), out var crd))
            {
                throw new InvalidDataException($"No CustomResourceDefinition for {kind}.{group} in {string.Join(", ", source.Files)}.");
            }

            var crdName = Str(crd, "metadata", "name");
            var versions = crd["spec"]?["versions"] as JsonArray
                ?? throw new InvalidDataException($"{crdName}: spec.versions missing.");
            foreach (var versionNode in versions)
            {
                var version = versionNode as JsonObject ?? throw new InvalidDataException($"{crdName}: bad version entry.");
                var versionName = Str(version, "name");
                if (!source.Versions.Contains(versionName) || version["served"]?.GetValue<bool>() != true)
                {
                    continue;
                }

                var openApi = version["schema"]?["openAPIV3Schema"] as JsonObject
                    ?? throw new InvalidDataException($"{crdName} {versionName}: schema.openAPIV3Schema missing.");
                var schema = BuildObjectSchema(source, group, versionName, kind, crdName, openApi);
                result.Add(new DerivedSchema(source, group, versionName, kind, FileNameFor(group, versionName, kind), Serialize(schema)));
            }

            if (!result.Any(s => s.Group == group && s.Kind == kind))
            {
                throw new InvalidDataException($"{crdName} serves none of {string.Join(", ", source.Versions)}; is this the right CRD?");
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.FileName, b.FileName));
        return result;
    }

    /// <summary>
    /// Writes <paramref name="schemas"/> to <paramref name="outputDirectory"/> and deletes any other
    /// <c>*.schema.json</c> there (a kind or version that is no longer derived). Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<DerivedSchema> schemas, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        foreach (var schema in schemas)
        {
            var path = Path.Combine(outputDirectory, schema.FileName);
            File.WriteAllText(path, schema.Json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }

        var keep = schemas.Select(s => s.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*.schema.json"))
        {
            if (!keep.Contains(Path.GetFileName(stale)))
            {
                File.Delete(stale);
            }
        }

        return written;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The whole object

    private static JsonObject BuildObjectSchema(CrdSource source, string group, string version, string kind, string crdName, JsonObject openApi)
    {
        var topProperties = openApi["properties"] as JsonObject
            ?? throw new InvalidDataException($"{crdName} {version}: openAPIV3Schema has no properties.");
        var specSource = topProperties["spec"] as JsonObject
            ?? throw new InvalidDataException($"{crdName} {version}: openAPIV3Schema has no spec.");
        foreach (var (name, _) in topProperties)
        {
            if (name is not ("spec" or "status" or "apiVersion" or "kind" or "metadata"))
            {
                throw new InvalidDataException($"{crdName} {version}: unexpected top-level property '{name}'.");
            }
        }

        var required = new JsonArray("apiVersion", "kind", "metadata");
        if (openApi["required"] is JsonArray topRequired)
        {
            foreach (var name in topRequired.Select(n => n!.GetValue<string>()).Where(n => n is not ("status" or "apiVersion" or "kind" or "metadata")))
            {
                required.Add(name);
            }
        }

        var apiVersion = $"{group}/{version}";
        var properties = new JsonObject
        {
            // "const" is the draft-07 way; NJsonSchema ignores it, so the one-value "enum" makes it enforced there too.
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["const"] = apiVersion, ["enum"] = new JsonArray(apiVersion) },
            ["kind"] = new JsonObject { ["type"] = "string", ["const"] = kind, ["enum"] = new JsonArray(kind) },
            ["metadata"] = MetadataSchema(),
            ["spec"] = Convert(specSource, $"{crdName} {version} spec"),
        };

        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$comment"] = $"Derived from {source.Owner}'s CustomResourceDefinition {crdName}, version {version}, by server/EgressLsp.SchemaGen. "
                + $"Do not edit; regenerate with: {RegenerateCommand}",
            ["title"] = $"{kind} ({apiVersion})",
            ["type"] = "object",
            ["required"] = required,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject MetadataSchema()
    {
        static JsonObject StringMap(string description) => new()
        {
            ["description"] = description,
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "string" },
        };

        return new JsonObject
        {
            ["description"] = "Kubernetes object metadata, restricted to the fields a manifest sets (no server-populated fields).",
            ["type"] = "object",
            ["required"] = new JsonArray("name"),
            ["properties"] = new JsonObject
            {
                ["annotations"] = StringMap("Annotations; values are strings."),
                ["labels"] = StringMap("Labels; values are strings."),
                ["name"] = new JsonObject
                {
                    ["description"] = "Object name: a DNS-1123 subdomain.",
                    ["type"] = "string",
                    ["maxLength"] = 253,
                    ["pattern"] = Dns1123SubdomainPattern,
                },
                ["namespace"] = new JsonObject
                {
                    ["description"] = "Namespace: a DNS-1123 label.",
                    ["type"] = "string",
                    ["maxLength"] = 63,
                    ["pattern"] = Dns1123LabelPattern,
                },
            },
            ["additionalProperties"] = false,
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // OpenAPI v3 (structural schema) -> JSON Schema draft-07

    /// <summary>Output keyword order; also the set of keywords the converter understands.</summary>
    private static readonly string[] KeywordOrder =
    [
        "description", "type", "format", "enum", "default",
        "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern",
        "items", "minItems", "maxItems", "uniqueItems",
        "required", "properties", "additionalProperties", "minProperties", "maxProperties",
        "oneOf", "anyOf", "allOf", "not",
    ];

    private static readonly HashSet<string> KnownKeywords = [.. KeywordOrder, "nullable"];

    /// <summary>
    /// Formats kept. All are either checked by NJsonSchema with the same meaning as Kubernetes (<c>byte</c> =
    /// base64, <c>date-time</c>, <c>date</c>) or ignored by it (<c>int32</c>, <c>int64</c>, <c>uint32</c>,
    /// <c>float</c>, <c>double</c>, which document the wire type). Any other format is dropped.
    /// </summary>
    private static readonly HashSet<string> KeptFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "uint32"];

    private static JsonObject Convert(JsonObject source, string path)
    {
        foreach (var (key, _) in source)
        {
            if (!KnownKeywords.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: unsupported keyword '{key}'.");
            }
        }

        var nullable = Flag(source, "nullable");
        var intOrString = Flag(source, "x-kubernetes-int-or-string");
        var preserveUnknown = Flag(source, "x-kubernetes-preserve-unknown-fields");

        var parts = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (value is null || !KnownKeywords.Contains(key) || key == "nullable")
            {
                continue;
            }

            var childPath = $"{path}.{key}";
            switch (key)
            {
                case "properties":
                    var properties = value as JsonObject ?? throw new InvalidDataException($"{childPath}: not a map.");
                    var converted = new JsonObject();
                    foreach (var (name, propertySchema) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        converted[name] = Convert(AsSchema(propertySchema, $"{childPath}.{name}"), $"{childPath}.{name}");
                    }

                    parts[key] = converted;
                    break;
                case "items" or "not":
                    parts[key] = Convert(AsSchema(value, childPath), childPath);
                    break;
                case "additionalProperties":
                    parts[key] = value is JsonObject additional ? Convert(additional, childPath) : value.DeepClone();
                    break;
                case "oneOf" or "anyOf" or "allOf":
                    var list = value as JsonArray ?? throw new InvalidDataException($"{childPath}: not a list.");
                    parts[key] = new JsonArray([.. list.Select((s, i) => (JsonNode)Convert(AsSchema(s, $"{childPath}[{i}]"), $"{childPath}[{i}]"))]);
                    break;
                case "format":
                    if (KeptFormats.Contains(value.GetValue<string>()))
                    {
                        parts[key] = value.DeepClone();
                    }

                    break;
                default:
                    parts[key] = value.DeepClone();
                    break;
            }
        }

        if (intOrString)
        {
            var intOrStringAnyOf = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
            if (parts.TryGetValue("anyOf", out var existing) && !JsonNode.DeepEquals(existing, intOrStringAnyOf))
            {
                throw new InvalidDataException($"{path}: x-kubernetes-int-or-string together with a different anyOf.");
            }

            if (parts.ContainsKey("type"))
            {
                throw new InvalidDataException($"{path}: x-kubernetes-int-or-string together with a type.");
            }

            parts["anyOf"] = intOrStringAnyOf;
        }

        if (nullable)
        {
            if (!parts.TryGetValue("type", out var type) || type is not JsonValue)
            {
                throw new InvalidDataException($"{path}: nullable without a single type is not supported.");
            }

            parts["type"] = new JsonArray(type.GetValue<string>(), "null");
            if (parts.TryGetValue("enum", out var values) && values is JsonArray enumValues && !enumValues.Any(v => v is null))
            {
                enumValues.Add(null);
            }
        }

        if (parts.ContainsKey("properties") && !parts.ContainsKey("additionalProperties") && !preserveUnknown)
        {
            parts["additionalProperties"] = false;
        }

        var result = new JsonObject();
        foreach (var keyword in KeywordOrder)
        {
            if (parts.TryGetValue(keyword, out var value))
            {
                result[keyword] = value;
            }
        }

        return result;
    }

    private static JsonObject AsSchema(JsonNode? node, string path) =>
        node as JsonObject ?? throw new InvalidDataException($"{path}: expected a schema (a map).");

    private static bool Flag(JsonObject source, string key) => source[key] switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new InvalidDataException($"'{key}' is not a boolean."),
    };

    private static string Str(JsonObject root, params string[] path)
    {
        JsonNode? node = root;
        foreach (var step in path)
        {
            node = node?[step];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidDataException($"CRD field {string.Join('.', path)} missing or not a string.");
    }

    // ---------------------------------------------------------------------------------------------------------
    // YAML -> JSON (YAML 1.2 core schema for plain scalars)

    private static readonly Regex IntPattern = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey
                        ? scalarKey.Value ?? ""
                        : throw new InvalidDataException($"Non-scalar mapping key at {key.Start}.");
                    obj[name] = ToJson(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(ToJson)]);
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            default:
                throw new InvalidDataException($"Unsupported YAML node at {node.Start}.");
        }
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntPattern.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern.IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
