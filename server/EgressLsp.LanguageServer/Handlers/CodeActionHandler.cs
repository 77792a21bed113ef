using System.Text.Json;
using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Actions;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/codeAction</c>: the core's quick fixes, "Expand to Istio resources" (a command the client turns
/// into its preview) and "Write expansion to …" (a workspace edit creating the file beside the policy: the client
/// applies it, the server writes nothing). Actions are returned complete; there is no codeAction/resolve.
/// </summary>
internal sealed class CodeActionHandler(ServerState state) : IRequestHandler<CodeActionParams, CodeAction[]>, ICapabilityProvider
{
    public string Method => "textDocument/codeAction";

    public void AddCapabilities(JsonObject capabilities) =>
        capabilities["codeActionProvider"] = new JsonObject
        {
            ["codeActionKinds"] = new JsonArray(CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.Source),
            ["resolveProvider"] = false,
        };

    public Task<CodeAction[]> HandleAsync(CodeActionParams request, CancellationToken cancellationToken)
    {
        var uri = request.TextDocument.Uri;
        // Edits are offsets into one version: if the document changed after this snapshot, the client asks again.
        if (state.Snapshot(uri) is not { } analysis || state.Documents.Get(uri) is not { } document || !ReferenceEquals(document.Text, analysis.Text))
        {
            return Task.FromResult<CodeAction[]>([]);
        }
        var only = request.Context?.Only;
        var actions = new List<CodeAction>();
        foreach (var entry in CodeActionService.GetActions(analysis, LspConvert.ToSpan(analysis.Text, request.Range)))
        {
            var kind = KindOf(entry.Kind);
            if (only is { Length: > 0 } && !only.Any(filter => filter.Length == 0 || kind == filter || kind.StartsWith(filter + ".", StringComparison.Ordinal)))
            {
                continue;
            }
            var edit = entry.CreatesFile is { } file ? CreateFileEdit(uri, file) : entry.Edits.IsEmpty ? null : DocumentEdit(document, entry);
            if (entry.CreatesFile is not null && edit is null)
            {
                continue;
            }
            var title = entry.Title.For(state.Locale);
            actions.Add(new CodeAction(title, kind,
                entry.FixesDiagnostics.IsEmpty ? null : LspConvert.ToDiagnostics(analysis.Text, uri, entry.FixesDiagnostics, state.Locale),
                entry.IsPreferred ? true : null,
                edit,
                entry.Command is { } command ? new Command(title, command, EditorCommandArguments.ToLsp(entry.CommandArguments, uri)) : null));
        }
        return Task.FromResult(actions.ToArray());
    }

    private static string KindOf(CodeActionEntryKind kind) => kind switch
    {
        CodeActionEntryKind.QuickFix => CodeActionKind.QuickFix,
        CodeActionEntryKind.Refactor => CodeActionKind.Refactor,
        _ => CodeActionKind.Source,
    };

    /// <summary>Versioned when the client takes document changes, so a stale fix is refused rather than misapplied.</summary>
    private WorkspaceEdit DocumentEdit(OpenDocument document, CodeActionEntry entry)
    {
        var edits = entry.Edits.Select(e => LspConvert.ToTextEdit(document.Text, e)).ToArray();
        return state.ClientSupports("workspace", "workspaceEdit", "documentChanges")
            ? new WorkspaceEdit(null, [new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(document.Uri, document.Version), edits)])
            : new WorkspaceEdit(new Dictionary<string, TextEdit[]>(StringComparer.Ordinal) { [document.Uri] = edits }, null);
    }

    /// <summary>
    /// Creates (or replaces) the file beside the document and fills it. Null when the client cannot create files
    /// or the document has no folder (an untitled buffer): then the action is not offered.
    /// </summary>
    private WorkspaceEdit? CreateFileEdit(string documentUri, NewFile file)
    {
        if (!ClientCreatesFiles() || !Uri.TryCreate(documentUri, UriKind.Absolute, out var document) || !document.IsFile)
        {
            return null;
        }
        // Escaped, so a '#' or '?' in the name stays part of the file name.
        var fileUri = new Uri(document, Uri.EscapeDataString(file.FileName)).AbsoluteUri;
        var start = new Position(0, 0);
        return new WorkspaceEdit(null,
        [
            new CreateFile(fileUri, new CreateFileOptions(Overwrite: true, IgnoreIfExists: null)),
            new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(fileUri, null), [new TextEdit(new Protocol.Range(start, start), file.Text)]),
        ]);
    }

    private bool ClientCreatesFiles() =>
        state.ClientSupports("workspace", "workspaceEdit", "documentChanges") &&
        state.ClientCapabilities.ValueKind == JsonValueKind.Object &&
        state.ClientCapabilities.TryGetProperty("workspace", out var workspace) && workspace.ValueKind == JsonValueKind.Object &&
        workspace.TryGetProperty("workspaceEdit", out var workspaceEdit) && workspaceEdit.ValueKind == JsonValueKind.Object &&
        workspaceEdit.TryGetProperty("resourceOperations", out var operations) && operations.ValueKind == JsonValueKind.Array &&
        operations.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "create");
}
