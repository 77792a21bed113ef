using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.LanguageServer.Protocol;
using CoreDiagnostic = EgressLsp.Core.Diagnostics.Diagnostic;
using CoreTextEdit = EgressLsp.Core.Diagnostics.TextEdit;
using LspDiagnostic = EgressLsp.LanguageServer.Protocol.Diagnostic;
using LspTextEdit = EgressLsp.LanguageServer.Protocol.TextEdit;
using Range = EgressLsp.LanguageServer.Protocol.Range;

namespace EgressLsp.LanguageServer.Server;

/// <summary>Conversions between LSP positions and URIs and the core's offsets, paths and diagnostics.</summary>
internal static class LspConvert
{
    public const string Source = "egress-lsp";

    public static int ToOffset(SourceText text, Position position) => text.GetOffset(new LinePosition(position.Line, position.Character));

    public static TextSpan ToSpan(SourceText text, Range range) =>
        TextSpan.FromBounds(ToOffset(text, range.Start), ToOffset(text, range.End));

    public static Position ToPosition(LinePosition position) => new(position.Line, position.Character);

    public static Position ToPosition(SourceText text, int offset) => ToPosition(text.GetPosition(offset));

    public static Range ToRange(SourceText text, TextSpan span) => ToRange(text.GetPositionSpan(span));

    public static Range ToRange(LinePositionSpan span) => new(ToPosition(span.Start), ToPosition(span.End));

    public static LspTextEdit ToTextEdit(SourceText text, CoreTextEdit edit) => new(ToRange(text, edit.Span), edit.NewText);

    /// <summary>The file system path of a <c>file:</c> URI; other schemes (untitled:) keep the URI as their name.</summary>
    public static string ToPath(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;

    public static string ToUri(string path) =>
        Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : path;

    public static LspDiagnostic ToDiagnostic(SourceText text, string uri, CoreDiagnostic diagnostic, string? locale)
    {
        var tags = new List<int>(2);
        if (diagnostic.Tags.HasFlag(DiagnosticTags.Unnecessary)) tags.Add(1);
        if (diagnostic.Tags.HasFlag(DiagnosticTags.Deprecated)) tags.Add(2);
        return new LspDiagnostic(
            ToRange(text, diagnostic.Span),
            diagnostic.Level switch
            {
                DiagnosticLevel.Error => DiagnosticSeverity.Error,
                DiagnosticLevel.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Information,
            },
            diagnostic.Code,
            new CodeDescription(diagnostic.DocumentationUrl),
            Source,
            diagnostic.Message.For(locale),
            tags.Count == 0 ? null : [.. tags],
            diagnostic.Related.IsEmpty ? null : [.. diagnostic.Related.Select(r => ToRelated(r, uri, locale))]);
    }

    public static LspDiagnostic[] ToDiagnostics(SourceText text, string uri, ImmutableArray<CoreDiagnostic> diagnostics, string? locale) =>
        [.. diagnostics.Select(d => ToDiagnostic(text, uri, d, locale))];

    /// <summary>Related places in the same document carry no path in the core.</summary>
    private static DiagnosticRelatedInformation ToRelated(RelatedInformation related, string documentUri, string? locale) =>
        new(new Location(related.Path is null ? documentUri : ToUri(related.Path), ToRange(related.Range)), related.Message.For(locale));
}
