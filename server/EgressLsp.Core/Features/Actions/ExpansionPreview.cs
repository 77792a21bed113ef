using System.Collections.Immutable;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Actions;

/// <summary>
/// What the editor's preview shows: the generated YAML, where each object sits in it and which <c>to</c> entries
/// of the policy it came from, and the problems that make the expansion incomplete or unusable.
/// </summary>
/// <param name="Yaml">Exactly what <c>egressctl expand</c> writes for the same document and target.</param>
/// <param name="Diagnostics">
/// Errors and warnings for the chosen target, in document order (infos are the editor's, as for the CLI). With
/// an error, <c>egressctl expand</c> would refuse to write anything: the preview still shows what it could
/// generate, so the client can present it as unusable instead of going blank while the user types.
/// </param>
public sealed record PreviewResult(string Yaml, ImmutableArray<PreviewEntry> Map, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);
}

/// <summary>One generated object: its identity, its lines in <see cref="PreviewResult.Yaml"/>, and its origin in the policy.</summary>
/// <param name="GeneratedRange">From the start of the object's first line to the end of its last line (the
/// <c>---</c> separators belong to no object), in the line/UTF-16 column form the editor uses.</param>
/// <param name="SourceSpans">The spans of the policy's <c>to</c> entries that produced the object, in the order of
/// <paramref name="SourcePaths"/>; the first is <see cref="GeneratedResource.SourceSpan"/>.</param>
public sealed record PreviewEntry(
    string ApiVersion,
    string Kind,
    string Namespace,
    string Name,
    LinePositionSpan GeneratedRange,
    ImmutableArray<string> SourcePaths,
    ImmutableArray<TextSpan> SourceSpans);

public static class ExpansionPreview
{
    private const string DocumentSeparator = "---";

    /// <summary>
    /// Documents larger than this are not expanded in the editor (code lens, preview, expansion actions): a
    /// multi-megabyte policy expands into tens of megabytes the editor cannot usefully show, and the work would hold up
    /// the server; <c>egressctl expand</c> streams any size.
    /// </summary>
    public const int MaxEditorExpansionChars = 2 * 1024 * 1024;

    /// <summary>Why the editor does not expand this document, or null when it does.</summary>
    public static LocalizedText? NotExpandedInEditor(DocumentAnalysis analysis) =>
        analysis.Text.Length <= MaxEditorExpansionChars ? null : new LocalizedText(
            $"Not expanded in the editor: the document is over {MaxEditorExpansionChars / (1024 * 1024)} MiB; egressctl expand writes it",
            $"编辑器中不展开:文档超过 {MaxEditorExpansionChars / (1024 * 1024)} MiB;请用 egressctl expand 生成");

    /// <param name="target">The target to expand for; null means the configured one.</param>
    public static PreviewResult Create(DocumentAnalysis analysis, ExpansionTarget? target)
    {
        if (NotExpandedInEditor(analysis) is { } reason)
        {
            var at = analysis.Policies.FirstOrDefault()?.Document.Span.Start ?? 0;
            return new PreviewResult("", [], [DiagnosticCatalog.EGP060.Create(new TextSpan(at, 0), reason)]);
        }
        var expansion = analysis.Expand(target);
        var yaml = ManifestWriter.ToYaml(expansion.Resources);
        var ranges = DocumentRanges(yaml, expansion.Resources.Length);
        var map = expansion.Resources.Select((resource, index) => new PreviewEntry(
            resource.ApiVersion, resource.Kind, resource.Namespace, resource.Name, ranges[index],
            resource.SourcePaths, PolicyExpansion.SourceSpansOf(analysis, resource)));
        return new PreviewResult(yaml, [.. map], DiagnosticsFor(analysis, expansion));
    }

    /// <summary>
    /// The line range of each document of <see cref="ManifestWriter.ToYaml"/>'s output. The writer puts one node per
    /// line and escapes line breaks inside strings, and a top-level key is never <c>---</c> (it would be quoted),
    /// so a line that is exactly <c>---</c> is a separator.
    /// </summary>
    private static ImmutableArray<LinePositionSpan> DocumentRanges(string yaml, int documentCount)
    {
        if (documentCount == 0)
        {
            return [];
        }
        var text = SourceText.From(yaml);
        // The output ends with a line break, which leaves an empty last line that belongs to no document.
        var lastLine = yaml.EndsWith('\n') ? text.LineCount - 2 : text.LineCount - 1;
        var ranges = ImmutableArray.CreateBuilder<LinePositionSpan>(documentCount);
        var firstLine = 0;
        for (var line = 0; line <= lastLine; line++)
        {
            if (text.GetLineText(line) == DocumentSeparator)
            {
                ranges.Add(LinesOf(text, firstLine, line - 1));
                firstLine = line + 1;
            }
        }
        ranges.Add(LinesOf(text, firstLine, lastLine));
        // A writer change that broke the rule above would misplace every entry after it: fail loudly instead.
        return ranges.Count == documentCount
            ? ranges.MoveToImmutable()
            : throw new InvalidOperationException($"The manifest writer produced {ranges.Count} documents for {documentCount} resources.");
    }

    private static LinePositionSpan LinesOf(SourceText text, int firstLine, int lastLine) =>
        new(new LinePosition(firstLine, 0), new LinePosition(lastLine, text.GetLineEnd(lastLine) - text.GetLineStart(lastLine)));

    /// <summary>
    /// The snapshot's diagnostics carry the configured target's expansion findings; for another target those are
    /// swapped for the chosen target's own, so the preview never blames the policy for a target it is not showing.
    /// </summary>
    private static ImmutableArray<Diagnostic> DiagnosticsFor(DocumentAnalysis analysis, ExpansionResult expansion)
    {
        var configured = analysis.Expand();
        var diagnostics = ReferenceEquals(expansion, configured)
            ? analysis.Diagnostics.AsEnumerable()
            : analysis.Diagnostics.Where(d => !configured.Diagnostics.Contains(d)).Concat(expansion.Diagnostics);
        return [.. diagnostics.Where(d => d.Level >= DiagnosticLevel.Warning)
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
