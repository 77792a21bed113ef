using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>What routing reads of a document: its file's name, and its <c>apiVersion</c> and <c>kind</c> as written.</summary>
public readonly record struct DocumentIdentity(string FileName, string? ApiVersion, string? Kind)
{
    /// <summary>The API group: <c>networking.istio.io</c> for <c>networking.istio.io/v1</c>, empty for core <c>v1</c>.</summary>
    public string? Group => ApiVersion is null ? null : ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public static DocumentIdentity Of(string fileName, YamlDocument document)
    {
        var root = document.Root?.Resolved as YamlMapping;
        return new DocumentIdentity(fileName, root?.GetString("apiVersion"), root?.GetString("kind"));
    }
}

/// <summary>
/// One kind of document the core knows, as one unit: how it is recognised, the typed model it binds to, the
/// schema that validates it, the rule context its rules read (the rules themselves say which kinds they apply
/// to, <see cref="RuleRegistry"/>), the workspace facts it contributes, and what completion, hover, symbols and
/// definition offer on it. Every hook has a neutral default, so a kind overrides only what it has. Kinds are
/// listed in <see cref="KindRegistry"/>.
/// </summary>
public abstract class DocumentKind
{
    /// <summary>The kind as users write it (<c>ASMEgressTrafficPolicy</c>) or the file it is (<c>egresslsp.yaml</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Whether a document is of this kind; the first kind of the registry that says so wins.</summary>
    public abstract bool Recognises(DocumentIdentity identity);

    /// <summary>
    /// Ours: its documents get diagnostics, completion and hover. Other kinds are only read (workspace facts,
    /// outline) and left to other YAML tooling.
    /// </summary>
    public virtual bool IsAnalysed => false;

    /// <summary>
    /// Whether the rules that apply to this kind check its documents: every analysed kind's, and a kind the mesh's
    /// analysis reads without it being ours (a Service's port names, IST0118) gets those findings only: no syntax
    /// errors, completion or hover.
    /// </summary>
    public virtual bool IsCheckedByRules => IsAnalysed;

    /// <summary>Whether this kind's rules read the workspace's mesh resources (so a change to them means analysing again).</summary>
    public virtual bool ReadsMesh => false;

    /// <summary>
    /// Whether a file says it holds this kind even when parsing could not tell which document does: then a
    /// syntax error anywhere in it is reported.
    /// </summary>
    public virtual bool IsMentionedBy(string fileName, string text) => false;

    /// <summary>
    /// For completion on a document not (yet) recognised as any analysed kind (empty, a first word, a kind being
    /// typed), or no document at all (<paramref name="document"/> null): whether it may become one of this kind.
    /// </summary>
    public virtual bool MayBecome(string fileName, RoutedDocument? document) => false;

    /// <summary>The schema a document of this kind is validated against and documented by (null: none).</summary>
    public virtual SchemaNode? SchemaFor(YamlDocument? document) => null;

    /// <summary>
    /// A finding of the schema walker as this kind reports it: by default as found (EGP002–EGP005); Istio kinds report
    /// them under Istio's own code.
    /// </summary>
    public virtual Diagnostic AsSchemaFinding(Diagnostic finding) => finding;

    /// <summary>The typed model of a document of this kind, keeping its YAML nodes; null when there is none.</summary>
    public virtual object? Bind(YamlDocument document) => null;

    /// <summary>
    /// An object of this kind as the mesh analysis reads it (Istio resources, Services, Secrets, Gateway API
    /// Gateways), with its content's fingerprint; null for kinds it does not read.
    /// </summary>
    public MeshResource? ReadMesh(Manifest manifest) =>
        BindMesh(manifest) is { } resource ? resource with { Fingerprint = YamlFingerprint.Of(manifest.Root) } : null;

    /// <summary>The mesh model of an object of this kind, each value with its place (see <see cref="MeshReading"/>).</summary>
    protected virtual MeshResource? BindMesh(Manifest manifest) => null;

    /// <summary>
    /// What this kind's rules read. The base context has the file, the workspace and the environment; a kind that
    /// reads the mesh gets a <see cref="MeshRuleContext"/> (its resources, for the <see cref="MeshRule{TModel}"/>s that
    /// apply to it); a kind with its own model returns a subclass carrying it (the policy returns a
    /// <see cref="PolicyRuleContext"/>).
    /// </summary>
    public virtual RuleContext CreateRuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents,
        RoutedDocument document, AnalysisContext analysis) =>
        ReadsMesh ? new MeshRuleContext(path, file, documents, document, analysis) : new RuleContext(path, file, documents, document, analysis);

    /// <summary>
    /// Completion from the document's schema (<see cref="SchemaFor"/>), with <paramref name="add"/> offering what the
    /// schema reads at the cursor; nothing where the document has no schema.
    /// </summary>
    protected CompletionList CompleteFromSchema(DocumentAnalysis analysis, YamlDocument? document, int offset,
        Action<CompletionContext, List<CompletionEntry>> add) =>
        SchemaFor(document) is { } schema
            ? CompletionService.FromReadings(CompletionContext.Create(analysis.Text, document, offset, schema), add)
            : CompletionList.Empty;

    /// <summary>The facts a manifest of this kind adds to the workspace index (namespaces, workloads, gateways, hosts…).</summary>
    public virtual void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
    }

    /// <summary>Completion at <paramref name="offset"/> in <paramref name="document"/> (null: the file has no document there yet).</summary>
    internal virtual CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompletionList.Empty;

    /// <summary>Hover sections this kind adds before the field's schema documentation.</summary>
    internal virtual void AddHoverFacts(DocumentAnalysis analysis, RoutedDocument document, FieldReference field, List<string> sections,
        string? locale)
    {
    }

    /// <summary>
    /// The outline entry of a document: by default one flat entry per Kubernetes object (<c>kind name</c>, with
    /// its namespace), for a document that writes both apiVersion and kind.
    /// </summary>
    internal virtual OutlineSymbol? Symbol(RoutedDocument document, YamlMapping root, string? locale) =>
        document.ApiVersion is null || document.KindName is null ? null : DocumentSymbolService.ResourceSymbol(document.KindName, root);

    /// <summary>Where the field under the cursor is declared in the workspace, best first.</summary>
    internal virtual ImmutableArray<ManifestLocation> Definition(DocumentAnalysis analysis, RoutedDocument document, FieldReference field) => [];

    public override string ToString() => Name;
}
