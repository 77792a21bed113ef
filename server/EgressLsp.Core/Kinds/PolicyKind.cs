using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Alibaba Cloud Service Mesh's <c>ASMEgressTrafficPolicy</c>, whatever its apiVersion (EGP008 reports an unknown
/// one): the model <see cref="EgressPolicy"/> (and its <see cref="EgressPlan"/>), the policy schema, the
/// <see cref="PolicyRule"/>s, the hosts it declares to the workspace, and the policy's completion, hover, outline
/// and definitions. Its expansion is the targets' business (<c>Expansion/</c>).
/// </summary>
public sealed class PolicyKind : DocumentKind
{
    public override string Name => EgressPolicy.KindName;

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == EgressPolicy.KindName;

    public override bool IsAnalysed => true;

    public override bool IsMentionedBy(string fileName, string text) => text.Contains(EgressPolicy.KindName, StringComparison.Ordinal);

    /// <summary>
    /// Empty, a first word, or only policy keys with no other kind or apiVersion written yet. A Deployment or a CI
    /// workflow in the same editor gets nothing.
    /// </summary>
    public override bool MayBecome(string fileName, RoutedDocument? document)
    {
        if (document is null || document.Kind == this)
        {
            return true;
        }
        return document.Document.Root?.Resolved switch
        {
            null or YamlScalar => true,
            YamlMapping root => IsPrefixOrExtension(document.KindName, EgressPolicy.KindName)
                && IsPrefixOrExtension(document.ApiVersion, EgressPolicy.Group)
                && root.Pairs.All(pair => pair.KeyText is { } key && SchemaCatalog.Policy.FindProperty(key) is not null),
            _ => false,
        };

        static bool IsPrefixOrExtension(string? written, string expected) =>
            written is null || expected.StartsWith(written, StringComparison.Ordinal) || written.StartsWith(expected, StringComparison.Ordinal);
    }

    public override SchemaNode SchemaFor(YamlDocument? document) => SchemaCatalog.Policy;

    public override object? Bind(YamlDocument document) => EgressPolicy.Bind(document);

    public override RuleContext CreateRuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents,
        RoutedDocument document, AnalysisContext analysis) =>
        document is { Policy: { } policy, Plan: { } plan }
            ? new PolicyRuleContext(path, file, documents, document, policy, plan, analysis)
            : base.CreateRuleContext(path, file, documents, document, analysis);

    /// <summary>The hosts of its <c>to</c> entries (host completion in other files).</summary>
    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        facts.Policies.Add(new PolicyIdentity(manifest.Namespace, manifest.Name, manifest.Location));
        foreach (var rule in manifest.Spec?.GetSequence("egressRules")?.Items ?? [])
        {
            foreach (var to in (rule.Resolved as YamlMapping)?.GetSequence("to")?.Items ?? [])
            {
                facts.AddHosts(manifest, (to.Resolved as YamlMapping)?.GetSequence("hosts"));
            }
        }
    }

    /// <summary>The policy, planned on first use: what it adds to the mesh once expanded (reachability and egress tests read it).</summary>
    protected override MeshResource? BindMesh(Manifest manifest) =>
        manifest.File.Documents.FirstOrDefault(d => ReferenceEquals(d.Root?.Resolved, manifest.Root)) is { } document
            ? new PolicyModel(manifest.Namespace, manifest.Name, manifest.Location, document, manifest.File.Text)
            : null;

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompletionService.FromReadings(CompletionContext.Create(analysis.Text, document, offset, SchemaCatalog.Policy),
            (context, items) => PolicyCompletions.Add(context, analysis, routed, items));

    internal override void AddHoverFacts(DocumentAnalysis analysis, RoutedDocument document, FieldReference field, List<string> sections,
        string? locale)
    {
        if (document is { Policy: { } policy, Plan: { } plan })
        {
            HoverService.AddPolicyFacts(analysis, policy, plan, field, sections, locale);
        }
    }

    internal override OutlineSymbol? Symbol(RoutedDocument document, YamlMapping root, string? locale) =>
        document is { Policy: { } policy, Plan: { } plan } ? DocumentSymbolService.PolicySymbol(policy, plan, locale) : null;

    internal override ImmutableArray<ManifestLocation> Definition(DocumentAnalysis analysis, RoutedDocument document, FieldReference field) =>
        document.Policy is { } policy ? DefinitionService.PolicyDefinition(analysis.Context.Workspace, policy, field) : [];
}
