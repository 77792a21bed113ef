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

    /// <summary>
    /// The file system path of a <c>file:</c> URI; other schemes (untitled:) keep the URI as their name. A Windows drive
    /// path comes as <c>file:///c%3A/…</c> (VS Code), <c>file:///C:/…</c> (other clients, file watchers), either letter
    /// case: one file, so one path (drive letter lower-cased; <c>\</c> on Windows, <c>/</c> where a Windows URI is read on
    /// another system), and one entry in the workspace index.
    /// </summary>
    public static string ToPath(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return uri;
        }
        var path = Uri.UnescapeDataString(parsed.AbsolutePath);
        // "/c:/…", or "c:/…" where the URI parser took it for a DOS path already.
        var drive = path.Length >= 2 && path[1] == ':' ? 0 : path.Length >= 3 && path[0] == '/' && path[2] == ':' ? 1 : -1;
        if (drive >= 0 && char.IsAsciiLetter(path[drive]) && parsed.Host.Length == 0)
        {
            var rest = path[(drive + 2)..].Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
            return char.ToLowerInvariant(path[drive]) + ":" + rest;
        }
        return parsed.LocalPath;
    }

    /// <summary>The <c>file:</c> URI of a path; a Windows drive path as VS Code writes it (<c>file:///c%3A/…</c>).</summary>
    public static string ToUri(string path)
    {
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\')
        {
            var segments = path[3..].Split('/', '\\').Select(Uri.EscapeDataString);
            return $"file:///{char.ToLowerInvariant(path[0])}%3A/{string.Join('/', segments)}";
        }
        return Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : path;
    }

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

    /// <summary>A related place in the document itself (no path, or its path) keeps the URI the client gave it.</summary>
    private static DiagnosticRelatedInformation ToRelated(RelatedInformation related, string documentUri, string? locale) =>
        new(new Location(related.Path is null || related.Path == ToPath(documentUri) ? documentUri : ToUri(related.Path), ToRange(related.Range)),
            related.Message.For(locale));
}
