using EgressLsp.Core.Expansion;
using EgressLsp.Tests.IstioSchemas;

namespace EgressLsp.Tests.Expansion;

/// <summary>Every generated object is a valid object of its CRD: Istio's official schemas, strictly (no unknown field).</summary>
public class ExpansionSchemaTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Generated_resources_pass_the_strict_Istio_schemas(string name)
    {
        var run = GoldenCase.Get(name).Run();
        Assert.NotEmpty(run.Result.Resources);
        var errors = IstioSchemaValidator.Validate(run.Yaml);
        Assert.True(errors.Count == 0, $"{name}:\n{IstioSchemaValidator.Join(errors)}");
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void The_json_list_holds_the_same_objects(string name)
    {
        var resources = GoldenCase.Get(name).Run().Result.Resources;
        using var list = System.Text.Json.JsonDocument.Parse(ManifestWriter.ToJson(resources));
        var items = list.RootElement.GetProperty("items");
        Assert.Equal(resources.Length, items.GetArrayLength());
        // JSON is YAML: the validator reads the List's items as well as the YAML documents.
        var errors = IstioSchemaValidator.Validate(string.Join("---\n", items.EnumerateArray().Select(i => i.GetRawText() + "\n")));
        Assert.True(errors.Count == 0, $"{name}:\n{IstioSchemaValidator.Join(errors)}");
    }
}
