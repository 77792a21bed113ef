using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// A mesh resource (an Istio object, a Service) for the cross-resource rules: its model, read from this document so
/// findings land on its current text, and the workspace's mesh configuration it is checked against.
/// </summary>
public sealed class MeshRuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents, RoutedDocument document,
    AnalysisContext analysis) : RuleContext(path, file, documents, document, analysis)
{
    /// <summary>
    /// The document's resources the mesh analysis reads: its own, or a List's items (none without a name, or of a
    /// kind it does not read).
    /// </summary>
    public ImmutableArray<MeshResource> Resources { get; } =
        [.. Manifest.ReadAll(path, file, document.Document).Select(KindRegistry.ReadMesh).OfType<MeshResource>()];

    public MeshView Mesh => Workspace.MeshFor(Environment.ClusterDomain);

    /// <summary>Edits of this document, for quick fixes.</summary>
    internal YamlEdits Edits => _edits ??= new YamlEdits(Text, Document.Document.Root);

    private YamlEdits? _edits;

    /// <summary>The node of this file written at <paramref name="location"/> (a model keeps places, a fix needs nodes).</summary>
    internal T? NodeAt<T>(ManifestLocation? location) where T : YamlNode =>
        location is { } at && at.Path == Path && File.Documents.FirstOrDefault(d => d.Span.Contains(at.Span.Start)) is { } document
            ? Find<T>(document.Root, at.Span, depth: 0)
            : null;

    private static T? Find<T>(YamlNode? node, Text.TextSpan span, int depth) where T : YamlNode
    {
        // Only nodes that enclose the span are entered, so the walk is one path down the tree.
        if (node is null || depth > YamlBudget.MaxDepth || node.Span.Start > span.Start || node.Span.End < span.End)
        {
            return null;
        }
        if (node.Span == span && node is T found)
        {
            return found;
        }
        var children = node switch
        {
            YamlMapping mapping => mapping.Pairs.SelectMany(p => new[] { p.Key, p.Value }),
            YamlSequence sequence => sequence.Items,
            _ => [],
        };
        foreach (var child in children)
        {
            if (Find<T>(child, span, depth + 1) is { } inChild)
            {
                return inChild;
            }
        }
        return null;
    }

    /// <summary>A place in another resource of the workspace (or this file) that explains a finding.</summary>
    public static Diagnostics.RelatedInformation RelatedAt(ManifestLocation location, string messageEn, string messageZh) =>
        new(location.Path, location.Span, location.Range, new Diagnostics.LocalizedText(messageEn, messageZh));
}

/// <summary>A rule over one kind of mesh resource (<typeparamref name="TModel"/>), checked against the workspace's mesh.</summary>
public abstract class MeshRule<TModel> : Rule<MeshRuleContext> where TModel : MeshResource
{
    public override bool AppliesTo(DocumentKind kind) => kind.ReadsMesh;

    protected sealed override void Check(MeshRuleContext context)
    {
        foreach (var model in context.Resources.OfType<TModel>())
        {
            Check(context, model);
        }
    }

    protected abstract void Check(MeshRuleContext context, TModel resource);
}
