namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// OSM001: an osm-edge Egress or EgressGateway does not match its CRD's schema (unknown field, wrong type, source kind
/// not ServiceAccount, bad CIDR, port out of range). The schema walker finds these; the osm-edge kinds report them
/// under this code, as does the protocol check the CRD leaves to osm-edge's controller (<c>EgressProtocolRule</c>).
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor OSM001 = new("OSM001", DiagnosticLevel.Error, "osm-edge resource does not match its CRD schema",
        "{0}",
        "{0}");

    private static IEnumerable<DiagnosticDescriptor> OsmEdgeSchemaFindings => [OSM001];
}
