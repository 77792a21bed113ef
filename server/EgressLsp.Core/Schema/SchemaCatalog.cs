using System.Collections.Concurrent;

namespace EgressLsp.Core.Schema;

/// <summary>The schemas shipped inside the core (from <c>schemas/</c>), parsed once on first use.</summary>
public static class SchemaCatalog
{
    private static readonly Lazy<SchemaDocument> PolicyDocument = new(() => Load("asm-egress-traffic-policy.schema.json"));
    private static readonly Lazy<SchemaDocument> ConfigDocument = new(() => Load("egresslsp-config.schema.json"));
    private static readonly Lazy<SchemaDocument> EgressTestDocument = new(() => Load("egress-test.schema.json"));

    /// <summary>The <c>ASMEgressTrafficPolicy</c> schema: the single source of field documentation.</summary>
    public static SchemaNode Policy => PolicyDocument.Value.Root;

    /// <summary>The <c>egresslsp.yaml</c> project config schema.</summary>
    public static SchemaNode Config => ConfigDocument.Value.Root;

    /// <summary>The <c>EgressTest</c> schema (egress expectations).</summary>
    public static SchemaNode EgressTest => EgressTestDocument.Value.Root;

    private static readonly ConcurrentDictionary<string, Lazy<SchemaDocument?>> CrdDocuments = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema of a kind at an API version (<c>networking.istio.io/v1</c>, <c>ServiceEntry</c>) derived from its
    /// official CRD (Istio's, the Gateway API's or osm-edge's: <c>schemas/istio/</c>, <c>schemas/gateway-api/</c>,
    /// <c>schemas/osm-edge/</c>); null for a kind or version with none.
    /// </summary>
    public static SchemaNode? Crd(string apiVersion, string kind)
    {
        var name = $"crd/{apiVersion.Replace('/', '_')}_{kind}.schema.json";
        return CrdDocuments.GetOrAdd(name, static n => new Lazy<SchemaDocument?>(() =>
            typeof(SchemaCatalog).Assembly.GetManifestResourceInfo(n) is null ? null : Load(n))).Value?.Root;
    }

    /// <summary>The CRD schema of a document by the apiVersion and kind it writes (see <see cref="Crd"/>).</summary>
    public static SchemaNode? CrdOf(Yaml.YamlDocument? document) =>
        document?.Root?.Resolved is Yaml.YamlMapping root && root.GetString("apiVersion") is { } apiVersion && root.GetString("kind") is { } kind
            ? Crd(apiVersion, kind)
            : null;

    public static string PolicySchemaText => ReadText("asm-egress-traffic-policy.schema.json");

    public static string ConfigSchemaText => ReadText("egresslsp-config.schema.json");

    private static SchemaDocument Load(string name) => new(ReadText(name));

    private static string ReadText(string name)
    {
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded schema {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
