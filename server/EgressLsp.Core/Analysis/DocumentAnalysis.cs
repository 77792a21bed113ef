using System.Collections.Immutable;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Conversion;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

/// <summary>What a document is analysed against: the project config (levels, environment) and the workspace.</summary>
public sealed record AnalysisContext(ProjectConfig Config, WorkspaceIndex Workspace)
{
    public static AnalysisContext Default { get; } = new(ProjectConfig.Default, WorkspaceIndex.Empty);

    public EgressEnvironment Environment => Config.Environment;
}

/// <summary>
/// One immutable snapshot of one document (path, text, context): the entry point of the core. Parsing,
/// routing, diagnostics and expansion are computed lazily, once, and are safe to read from any thread;
/// an edit makes a new snapshot.
/// </summary>
public sealed class DocumentAnalysis
{
    private readonly Lazy<YamlFile> _yaml;
    private readonly Lazy<ImmutableArray<RoutedDocument>> _documents;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly Lazy<ExpansionResult> _expansion;
    private readonly Lazy<ConversionResult?> _conversion;
    private readonly Lazy<Suppressions> _suppressions;

    public DocumentAnalysis(string path, SourceText text, AnalysisContext context)
        : this(path, text, new Lazy<YamlFile>(() => YamlFile.Parse(text)), context)
    {
    }

    public DocumentAnalysis(string path, string text, AnalysisContext context) : this(path, SourceText.From(text), context)
    {
    }

    /// <summary>A snapshot over an already parsed file (the language server parses once to index the file too).</summary>
    public DocumentAnalysis(string path, YamlFile yaml, AnalysisContext context) : this(path, yaml.Text, new Lazy<YamlFile>(yaml), context)
    {
    }

    private DocumentAnalysis(string path, SourceText text, Lazy<YamlFile> yaml, AnalysisContext context)
    {
        Path = path;
        Text = text;
        Context = context;
        _yaml = yaml;
        _documents = new Lazy<ImmutableArray<RoutedDocument>>(() => [.. Yaml.Documents.Select(document => KindRegistry.Route(FileName, document))]);
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(ComputeDiagnostics);
        _expansion = new Lazy<ExpansionResult>(() => ExpandPolicies(Context.Environment));
        _suppressions = new Lazy<Suppressions>(() => Suppressions.Read(Yaml));
        _conversion = new Lazy<ConversionResult?>(() => Documents.Any(d => d.Kind is IstioResourceKind)
            ? EgressConverter.Convert(Context.Workspace, Context.Environment, path => path == Path)
            : null);
    }

    public string Path { get; }

    /// <summary>The file's name, which some kinds are recognised by (<c>egresslsp.yaml</c>).</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    public SourceText Text { get; }

    public AnalysisContext Context { get; }

    public YamlFile Yaml => _yaml.Value;

    /// <summary>Every document of the file with its kind (<see cref="KindRegistry"/>).</summary>
    public ImmutableArray<RoutedDocument> Documents => _documents.Value;

    public IEnumerable<RoutedDocument> Policies => Documents.Where(d => d.Policy is not null);

    /// <summary>Whether the findings depend on the workspace's mesh resources (an Istio document, a Service).</summary>
    public bool ReadsMesh => Documents.Any(d => d.Kind.ReadsMesh);

    /// <summary>
    /// Diagnostics at their configured levels, without suppressed or switched-off ones, in document order.
    /// Only documents of analysed kinds get any (not a Deployment or a CI workflow).
    /// </summary>
    public ImmutableArray<Diagnostic> Diagnostics => _diagnostics.Value;

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>
    /// Expands every policy of the document for <paramref name="target"/>. The configured target's expansion is
    /// computed once per snapshot and shared with <see cref="Diagnostics"/> (its EGP042/EGP050 findings).
    /// </summary>
    public ExpansionResult Expand(ExpansionTarget? target = null) =>
        target is not { } chosen || chosen == Context.Environment.Target
            ? _expansion.Value
            : ExpandPolicies(Context.Environment with { Target = chosen });

    /// <summary>
    /// The policy proposed for the egress sets the file's Istio resources belong to, over the snapshot's workspace
    /// (computed once per snapshot); null when the file holds no Istio resource.
    /// </summary>
    public ConversionResult? Conversion => _conversion.Value;

    /// <summary>
    /// The configured target's resources for every policy, made one at a time as they are read (for writing a large
    /// expansion out); its diagnostics are among <see cref="Diagnostics"/>.
    /// </summary>
    public IEnumerable<GeneratedResource> StreamResources() =>
        Policies.SelectMany(document => EgressExpander.Stream(document.Plan!, Context.Environment, Context.Workspace));

    private ExpansionResult ExpandPolicies(EgressEnvironment environment)
    {
        var resources = ImmutableArray.CreateBuilder<GeneratedResource>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var document in Policies)
        {
            var result = EgressExpander.Expand(document.Plan!, environment, Context.Workspace);
            resources.AddRange(result.Resources);
            diagnostics.AddRange(result.Diagnostics);
        }
        return new ExpansionResult(resources.ToImmutable(), ApplyLevels(diagnostics));
    }

    /// <summary>
    /// Per document of an analysed kind: the YAML reader's findings inside it, its kind's schema, the rules that
    /// apply to its kind and the configured target, and (for policies) what the expansion finds.
    /// </summary>
    private ImmutableArray<Diagnostic> ComputeDiagnostics()
    {
        var found = ImmutableArray.CreateBuilder<Diagnostic>();
        var analysed = Documents.Where(d => d.Kind.IsAnalysed).ToArray();
        var mentioned = analysed.Length > 0 || KindRegistry.All.Any(kind => kind.IsMentionedBy(FileName, Text.Text));
        foreach (var diagnostic in Yaml.Diagnostics)
        {
            // A syntax error may hide which kind a document is, so it is reported in any file that mentions one of ours.
            if (mentioned && (diagnostic.Code == DiagnosticCatalog.EGP001.Code || diagnostic.Code == DiagnosticCatalog.EGP060.Code || analysed.Any(d => d.Document.Span.Contains(diagnostic.Span.Start))))
            {
                found.Add(diagnostic);
            }
        }
        found.AddRange(MisspeltKind.Diagnose(Documents, Text));
        // Typing asks for diagnostics on every keystroke, the preview rarely: reuse an expansion already made,
        // else ask only for what it would report.
        var expansionFound = _expansion.IsValueCreated;
        var context = WithThisFileIndexed();
        foreach (var document in Documents.Where(d => d.Kind.IsCheckedByRules))
        {
            if (document.Kind.SchemaFor(document.Document) is { } schema && document.Document.Root?.Resolved is YamlMapping root)
            {
                found.AddRange(SchemaValidator.Validate(root, schema, Yaml).Select(document.Kind.AsSchemaFinding));
            }
            found.AddRange(RuleRegistry.Run(document.Kind.CreateRuleContext(Path, Yaml, Documents, document, context)));
            if (!expansionFound && document.Plan is { } plan)
            {
                found.AddRange(EgressExpander.Diagnose(plan, Context.Environment, Context.Workspace));
            }
        }
        return expansionFound
            ? [.. ApplyLevels(found).Concat(_expansion.Value.Diagnostics).OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)]
            : ApplyLevels(found);
    }

    /// <summary>
    /// The context with this file's own facts in the workspace: the language server and the CLI index every file they
    /// analyse, but a snapshot made on its own (a test, a tool) must still see a file's documents refer to each other.
    /// </summary>
    private AnalysisContext WithThisFileIndexed() =>
        Context.Workspace.Files.Contains(Path) ? Context : Context with { Workspace = Context.Workspace.WithFile(WorkspaceFileFacts.Read(Path, Yaml)) };

    /// <summary>Applies the project's levels per code and the inline suppressions; sorts by position.</summary>
    private ImmutableArray<Diagnostic> ApplyLevels(IEnumerable<Diagnostic> diagnostics)
    {
        var suppressions = _suppressions.Value;
        var result = ImmutableArray.CreateBuilder<Diagnostic>();
        // Content under an anchor is checked again wherever an alias repeats it; it is reported once, where it is written.
        var reported = new HashSet<(string Code, TextSpan Span, string Message)>();
        foreach (var diagnostic in diagnostics)
        {
            var level = Context.Config.LevelFor(diagnostic.Descriptor);
            if (level == DiagnosticLevel.Off || suppressions.IsSuppressed(diagnostic.Code, Text.GetLineIndex(diagnostic.Span.Start)) ||
                !reported.Add((diagnostic.Code, diagnostic.Span, diagnostic.Message.En)))
            {
                continue;
            }
            result.Add(level == diagnostic.Level ? diagnostic : diagnostic.WithLevel(level));
        }
        // A stable order: same position and code keep the order they were found in.
        return [.. result.OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
