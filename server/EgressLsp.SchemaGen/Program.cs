// Derives strict JSON Schemas for the Istio kinds EgressLsp generates from Istio's CRD bundle.
// Usage (from the repository root):
//   dotnet run --project server/EgressLsp.SchemaGen -- ../shared/istio-crds/crd-all.gen.yaml schemas/istio
using EgressLsp.SchemaGen;

if (args.Length != 2 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: EgressLsp.SchemaGen <crd-all.gen.yaml> <output-directory>");
    Console.Error.WriteLine($"  e.g. {IstioSchemaDeriver.RegenerateCommand}");
    return 2;
}

try
{
    var schemas = IstioSchemaDeriver.DeriveFromFile(args[0]);
    foreach (var path in IstioSchemaDeriver.WriteAll(schemas, args[1]))
    {
        Console.WriteLine($"wrote {path}");
    }

    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
