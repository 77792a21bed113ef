using System.Text.Json.Nodes;
using EgressLsp.SchemaGen;

namespace EgressLsp.Tests.CrdSchemas;

public class CrdSchemaDerivationTests
{
    private static readonly Lazy<IReadOnlyList<DerivedSchema>> Derived = new(DeriveAll);

    private static IReadOnlyList<DerivedSchema> DeriveAll() =>
        [.. CrdSchemaDeriver.Sources.SelectMany(source => CrdSchemaDeriver.DeriveFromFiles(source, RepoPaths.Shared))];

    [Fact]
    public void Committed_schemas_are_fresh()
    {
        var hint = $"schemas/ is stale; from the repository root run: {CrdSchemaDeriver.RegenerateCommand}";
        foreach (var source in CrdSchemaDeriver.Sources)
        {
            var folder = Path.Combine(RepoPaths.Schemas, source.Name);
            var derived = Derived.Value.Where(s => s.Source == source).ToList();
            var committed = Directory.EnumerateFiles(folder, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.True(committed.SequenceEqual(derived.Select(s => s.FileName)),
                $"{hint}\ncommitted in {source.Name}: {string.Join(", ", committed)}\nderived: {string.Join(", ", derived.Select(s => s.FileName))}");
            foreach (var schema in derived)
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, schema.FileName));
                Assert.True(bytes.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(schema.Json)), $"{source.Name}/{schema.FileName} differs. {hint}");
            }
        }
    }

    [Fact]
    public void Every_kind_is_derived_in_each_version_its_CRD_serves()
    {
        var names = Derived.Value.Select(s => s.FileName).ToHashSet();
        foreach (var (group, kind) in CrdSchemaDeriver.Istio.Kinds)
        {
            Assert.Contains($"{group}_v1_{kind}.schema.json", names);
            Assert.Contains($"{group}_v1beta1_{kind}.schema.json", names);
            // security.istio.io serves no v1alpha3; networking.istio.io still does (istio.io's tasks are written in it).
            Assert.Equal(group == "networking.istio.io", names.Contains($"{group}_v1alpha3_{kind}.schema.json"));
        }

        // The Gateway API serves Gateway in v1 (storage) and v1beta1; osm-edge serves its policies in v1alpha1 only.
        Assert.Equal(
            ["gateway.networking.k8s.io_v1_Gateway.schema.json", "gateway.networking.k8s.io_v1beta1_Gateway.schema.json",
                "policy.openservicemesh.io_v1alpha1_Egress.schema.json", "policy.openservicemesh.io_v1alpha1_EgressGateway.schema.json"],
            Derived.Value.Where(s => s.Source != CrdSchemaDeriver.Istio).Select(s => s.FileName));
        Assert.Equal(21, names.Count);
    }

    [Fact]
    public void Derivation_is_deterministic() =>
        Assert.Equal(Derived.Value.Select(s => s.Json), DeriveAll().Select(s => s.Json));

    [Fact]
    public void Schemas_are_strict_and_free_of_kubernetes_extensions()
    {
        foreach (var schema in Derived.Value)
        {
            Assert.DoesNotContain("\r", schema.Json, StringComparison.Ordinal);
            Assert.EndsWith("}\n", schema.Json, StringComparison.Ordinal);
            var root = JsonNode.Parse(schema.Json)!.AsObject();
            Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)root["$schema"]);
            Assert.Equal(["apiVersion", "kind", "metadata", "spec"], root["properties"]!.AsObject().Select(p => p.Key));
            Assert.False((bool)root["additionalProperties"]!);
            Walk(root, schema.FileName);
        }

        static void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key != "properties" || value is not JsonObject)
                        {
                            Assert.False(key.StartsWith("x-", StringComparison.Ordinal), $"{path}: {key}");
                            Assert.NotEqual("nullable", key);
                        }
                    }

                    if (obj["properties"] is JsonObject)
                    {
                        Assert.True(obj["additionalProperties"] is not null, $"{path}: object with properties but no additionalProperties");
                    }

                    foreach (var (key, value) in obj)
                    {
                        Walk(value, $"{path}/{key}");
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}[{i}]");
                    }

                    break;
            }
        }
    }

    [Fact]
    public void Int_or_string_nullable_and_unknown_keywords_are_converted()
    {
        const string crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: virtualservices.networking.istio.io
            spec:
              group: networking.istio.io
              names:
                kind: VirtualService
              versions:
              - name: v1
                served: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        x-kubernetes-validations:
                        - rule: "true"
                        properties:
                          port:
                            x-kubernetes-int-or-string: true
                          flag:
                            type: boolean
                            nullable: true
                          mode:
                            type: string
                            nullable: true
                            enum: [A, B]
                          free:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
                            properties:
                              known:
                                type: string
                          when:
                            type: string
                            format: some-new-format
                      status:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
            """;
        var derived = CrdSchemaDeriver.Derive(CrdSchemaDeriver.Istio, crd + "\n---\n" + OtherKinds(except: "VirtualService"));
        var vs = JsonNode.Parse(derived.Single(s => s.FileName == "networking.istio.io_v1_VirtualService.schema.json").Json)!;
        var spec = vs["properties"]!["spec"]!;
        Assert.Equal("""{"anyOf":[{"type":"integer"},{"type":"string"}]}""", spec["properties"]!["port"]!.ToJsonString());
        Assert.Equal("""{"type":["boolean","null"]}""", spec["properties"]!["flag"]!.ToJsonString());
        Assert.Equal("""{"type":["string","null"],"enum":["A","B",null]}""", spec["properties"]!["mode"]!.ToJsonString());
        Assert.Null(spec["properties"]!["free"]!["additionalProperties"]);
        Assert.Equal("""{"type":"string"}""", spec["properties"]!["when"]!.ToJsonString());
        Assert.Null(spec["x-kubernetes-validations"]);
        Assert.False((bool)spec["additionalProperties"]!);

        var unknownKeyword = crd.Replace("format: some-new-format", "discriminator: x", StringComparison.Ordinal) + "\n---\n" + OtherKinds(except: "VirtualService");
        Assert.Contains("discriminator", Assert.Throws<InvalidDataException>(() => CrdSchemaDeriver.Derive(CrdSchemaDeriver.Istio, unknownKeyword)).Message, StringComparison.Ordinal);
    }

    /// <summary>Minimal CRDs for every kind but one, so a synthetic bundle is complete.</summary>
    private static string OtherKinds(string except) => string.Join("\n---\n", CrdSchemaDeriver.Istio.Kinds.Where(k => k.Kind != except).Select(k => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {k.Kind.ToLowerInvariant()}s.{k.Group}
        spec:
          group: {k.Group}
          names:
            kind: {k.Kind}
          versions:
          - name: v1
            served: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
        """));
}
