using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Completion;

public enum CompletionEntryKind
{
    /// <summary>A mapping key.</summary>
    Property,

    /// <summary>A value from the schema: an enum member, a boolean, an example.</summary>
    Value,

    /// <summary>A multi-line template with placeholders (a whole rule, a <c>to</c> entry, a policy).</summary>
    Snippet,

    /// <summary>A value that names something in the workspace: a namespace, a label, a gateway, a host.</summary>
    Reference,
}

/// <summary>
/// One proposal. <see cref="InsertText"/> replaces <see cref="ReplaceSpan"/>; when <see cref="IsSnippet"/> it uses
/// the LSP snippet syntax (<c>${1:placeholder}</c>, <c>$0</c>), otherwise it is plain text. Multi-line inserts are
/// already indented for the cursor's position.
/// </summary>
public sealed record CompletionEntry(
    string Label,
    CompletionEntryKind Kind,
    string? Detail,
    LocalizedText? Documentation,
    string InsertText,
    bool IsSnippet,
    TextSpan ReplaceSpan,
    string? SortText,
    string? FilterText);

/// <param name="IsIncomplete">True when typing more should ask again (never, today: every list is complete).</param>
public sealed record CompletionList(bool IsIncomplete, ImmutableArray<CompletionEntry> Items)
{
    public static CompletionList Empty { get; } = new(false, ImmutableArray<CompletionEntry>.Empty);
}
