using System.Text.Json.Serialization;

namespace EgressLsp.LanguageServer.Protocol;

// textDocument/codeAction and textDocument/codeLens (LSP 3.17), and the workspace edits they carry.

// Optional members default to null; the others are required (the server reads requests strictly: Rpc/MessageGate).

/// <summary>Only <c>only</c> is read: the diagnostics are the server's own, recomputed from the snapshot.</summary>
public sealed record CodeActionContext(string[]? Only = null);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context = null);

public static class CodeActionKind
{
    public const string QuickFix = "quickfix";
    public const string Refactor = "refactor";
    public const string Source = "source";
}

/// <summary>An action with its edit and/or command already computed (the server offers no codeAction/resolve).</summary>
public sealed record CodeAction(string Title, string Kind, Diagnostic[]? Diagnostics, bool? IsPreferred, WorkspaceEdit? Edit, Command? Command);

/// <summary><see cref="Changes"/> for clients without <c>documentChanges</c> support; otherwise <see cref="DocumentChanges"/>.</summary>
public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]>? Changes, DocumentChange[]? DocumentChanges);

/// <summary>
/// An entry of <see cref="WorkspaceEdit.DocumentChanges"/>: a text edit or a resource operation. Written as the
/// concrete type's properties, without a discriminator field (LSP tells them apart by <c>kind</c>).
/// </summary>
[JsonDerivedType(typeof(TextDocumentEdit))]
[JsonDerivedType(typeof(CreateFile))]
public abstract record DocumentChange;

/// <param name="Version">Null means "whatever version is open" — written as <c>null</c>, as the protocol requires the field.</param>
public sealed record OptionalVersionedTextDocumentIdentifier(
    string Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, TextEdit[] Edits) : DocumentChange;

public sealed record CreateFileOptions(bool? Overwrite, bool? IgnoreIfExists);

public sealed record CreateFile(string Uri, CreateFileOptions? Options) : DocumentChange
{
    [JsonPropertyOrder(-1)]
    public string Kind => "create";
}

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

/// <summary>A lens with its command already computed (the server offers no codeLens/resolve).</summary>
public sealed record CodeLens(Range Range, Command Command);
