using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds.OsmEdge;

/// <summary>
/// An osm-edge policy the egress target generates and users write by hand (<c>Egress</c>, <c>EgressGateway</c> of
/// <c>policy.openservicemesh.io</c>): validated against the schema derived from osm-edge's CRD (OSM001), completed
/// and documented from its descriptions, and read into the mesh model for the osm-edge rules (OSM001–OSM003).
/// </summary>
public abstract class OsmEdgeResourceKind : DocumentKind
{
    public const string PolicyGroup = "policy.openservicemesh.io";

    public override bool Recognises(DocumentIdentity identity) => identity.Group == PolicyGroup && identity.Kind == Name;

    public override bool IsAnalysed => true;

    public override bool ReadsMesh => true;

    public override SchemaNode? SchemaFor(YamlDocument? document) => SchemaCatalog.CrdOf(document);

    public override Diagnostic AsSchemaFinding(Diagnostic finding) =>
        finding with { Descriptor = DiagnosticCatalog.OSM001, Level = DiagnosticCatalog.OSM001.DefaultLevel };

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompleteFromSchema(analysis, document, offset, SchemaCompletions.Add);
}
