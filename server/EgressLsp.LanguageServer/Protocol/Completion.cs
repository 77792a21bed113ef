namespace EgressLsp.LanguageServer.Protocol;

// textDocument/completion (LSP 3.17).

/// <summary>How the request was triggered: invoked (1), a trigger character (2) or re-triggered (3).</summary>
public sealed record CompletionTriggerContext(int TriggerKind, string? TriggerCharacter = null);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionTriggerContext? Context = null);

public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);

/// <param name="TextEdit">Replaces the word being typed; always on the cursor's line and containing the cursor.</param>
/// <param name="InsertTextMode">
/// <see cref="Protocol.InsertTextMode.AsIs"/>: multi-line inserts are already indented for the cursor's column, so the
/// editor must not indent them again.
/// </param>
public sealed record CompletionItem(
    string Label,
    int Kind,
    string? Detail,
    MarkupContent? Documentation,
    TextEdit TextEdit,
    int InsertTextFormat,
    int InsertTextMode,
    string? SortText,
    string? FilterText);

public static class CompletionItemKind
{
    public const int Value = 12;
    public const int Property = 10;
    public const int Snippet = 15;
    public const int Reference = 18;
}

public static class InsertTextFormat
{
    public const int PlainText = 1;
    public const int Snippet = 2;
}

public static class InsertTextMode
{
    public const int AsIs = 1;
}
