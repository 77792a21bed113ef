using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// The project config <c>egresslsp.yaml</c>, recognised by its file name: every document of the file is the
/// config's, and only the first is read (<see cref="ProjectConfig"/>), validated and documented. Completion offers
/// the diagnostic codes under <c>rules</c>; hover on a code says what it reports.
/// </summary>
public sealed class ProjectConfigKind : DocumentKind
{
    public override string Name => ProjectConfig.FileName;

    public override bool Recognises(DocumentIdentity identity) => IsConfigFile(identity.FileName);

    public override bool IsAnalysed => true;

    public override bool IsMentionedBy(string fileName, string text) => IsConfigFile(fileName);

    public override bool MayBecome(string fileName, RoutedDocument? document) => IsConfigFile(fileName);

    public override SchemaNode? SchemaFor(YamlDocument? document) => document is { Index: > 0 } ? null : SchemaCatalog.Config;

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompleteFromSchema(analysis, document, offset, ConfigCompletions.Add);

    internal override void AddHoverFacts(DocumentAnalysis analysis, RoutedDocument document, FieldReference field, List<string> sections,
        string? locale)
    {
        if (document.Document.Index == 0)
        {
            HoverService.AddDiagnosticCode(field, sections, locale);
        }
    }

    internal override OutlineSymbol? Symbol(RoutedDocument document, YamlMapping root, string? locale) => null;

    public static bool IsConfigFile(string fileName) => string.Equals(fileName, ProjectConfig.FileName, StringComparison.OrdinalIgnoreCase);
}
