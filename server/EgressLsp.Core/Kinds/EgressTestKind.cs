using EgressLsp.Core.Analysis;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// <c>egresslsp.io/v1alpha1</c> <c>EgressTest</c>: egress expectations, validated, completed and documented from
/// <c>schemas/egress-test.schema.json</c>, and checked against the workspace's reachability (EGT001). It reads the mesh
/// (policies included), so any change to what it depends on checks it again.
/// </summary>
public sealed class EgressTestKind : DocumentKind
{
    public const string Group = "egresslsp.io";

    public override string Name => EgressTestSuite.KindName;

    public override bool Recognises(DocumentIdentity identity) => identity.Group == Group && identity.Kind == EgressTestSuite.KindName;

    public override bool IsAnalysed => true;

    public override bool ReadsMesh => true;

    public override bool IsMentionedBy(string fileName, string text) => text.Contains(EgressTestSuite.KindName, StringComparison.Ordinal);

    public override SchemaNode? SchemaFor(YamlDocument? document) => SchemaCatalog.EgressTest;

    public override object? Bind(YamlDocument document) => EgressTestSuite.Bind(document);

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompleteFromSchema(analysis, document, offset, SchemaCompletions.Add);
}
