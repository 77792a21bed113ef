using System.Collections.Immutable;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Diagnostics;

public enum DiagnosticLevel { Off, Info, Warning, Error }

[Flags]
public enum DiagnosticTags { None = 0, Unnecessary = 1, Deprecated = 2 }

/// <summary>English and Simplified Chinese forms of one text; the client's locale picks one.</summary>
public readonly record struct LocalizedText(string En, string Zh)
{
    public string For(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Zh : En;

    public override string ToString() => En;
}

/// <summary>A replacement of a span of the document's text.</summary>
public readonly record struct TextEdit(TextSpan Span, string NewText);

/// <summary>A quick fix computed in the core: edits to the same document.</summary>
public sealed record CodeFix(LocalizedText Title, ImmutableArray<TextEdit> Edits, bool IsPreferred = true);

/// <summary>A place another file (Path set) or this document (Path null) that explains a diagnostic.</summary>
public sealed record RelatedInformation(string? Path, TextSpan Span, LinePositionSpan Range, LocalizedText Message);

public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    DiagnosticLevel Level,
    TextSpan Span,
    LocalizedText Message,
    ImmutableArray<CodeFix> Fixes,
    ImmutableArray<RelatedInformation> Related)
{
    public string Code => Descriptor.Code;

    public DiagnosticTags Tags => Descriptor.Tags;

    public string DocumentationUrl => Descriptor.DocumentationUrl;

    public Diagnostic WithLevel(DiagnosticLevel level) => this with { Level = level };

    public Diagnostic WithFix(CodeFix fix) => this with { Fixes = Fixes.Add(fix) };

    public Diagnostic WithRelated(RelatedInformation related) => this with { Related = Related.Add(related) };
}
