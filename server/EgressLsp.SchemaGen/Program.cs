// Derives strict JSON Schemas for the Istio, Gateway API and osm-edge kinds EgressLsp generates and reads, from their
// official CRDs. Usage (from the repository root):
//   dotnet run --project server/EgressLsp.SchemaGen -- ../shared schemas
using EgressLsp.SchemaGen;

if (args.Length != 2 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: EgressLsp.SchemaGen <shared-folder> <schemas-folder>");
    Console.Error.WriteLine($"  e.g. {CrdSchemaDeriver.RegenerateCommand}");
    Console.Error.WriteLine($"  writes one folder per CRD source: {string.Join(", ", CrdSchemaDeriver.Sources.Select(s => s.Name))}");
    return 2;
}

try
{
    foreach (var source in CrdSchemaDeriver.Sources)
    {
        var schemas = CrdSchemaDeriver.DeriveFromFiles(source, args[0]);
        foreach (var path in CrdSchemaDeriver.WriteAll(schemas, Path.Combine(args[1], source.Name)))
        {
            Console.WriteLine($"wrote {path}");
        }
    }

    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
