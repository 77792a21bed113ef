using System.Text.Json.Nodes;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>Declares document sync: incremental edits (full text is accepted too), open/close, save.</summary>
internal sealed class DidOpenHandler(ServerState state, DiagnosticsPublisher diagnostics)
    : INotificationHandler<DidOpenTextDocumentParams>, ICapabilityProvider
{
    public string Method => "textDocument/didOpen";

    public void AddCapabilities(JsonObject capabilities) =>
        capabilities["textDocumentSync"] = new JsonObject
        {
            ["openClose"] = true,
            ["change"] = TextDocumentSyncKind.Incremental,
            ["save"] = new JsonObject { ["includeText"] = false },
        };

    public Task HandleAsync(DidOpenTextDocumentParams notification)
    {
        state.Documents.Open(notification.TextDocument);
        diagnostics.Schedule(notification.TextDocument.Uri);
        return Task.CompletedTask;
    }
}

internal sealed class DidChangeHandler(ServerState state, DiagnosticsPublisher diagnostics) : INotificationHandler<DidChangeTextDocumentParams>
{
    public string Method => "textDocument/didChange";

    public Task HandleAsync(DidChangeTextDocumentParams notification)
    {
        if (state.Documents.Change(notification.TextDocument, notification.ContentChanges) is not null)
        {
            diagnostics.Schedule(notification.TextDocument.Uri);
        }
        return Task.CompletedTask;
    }
}

internal sealed class DidCloseHandler(ServerState state, DiagnosticsPublisher diagnostics) : INotificationHandler<DidCloseTextDocumentParams>
{
    public string Method => "textDocument/didClose";

    public Task HandleAsync(DidCloseTextDocumentParams notification)
    {
        var uri = notification.TextDocument.Uri;
        state.Documents.Close(uri);
        state.Forget(uri);
        return diagnostics.ClearAsync(uri);
    }
}

internal sealed class DidSaveHandler : INotificationHandler<DidSaveTextDocumentParams>
{
    public string Method => "textDocument/didSave";

    // The buffer's content is already known from didChange; saving changes nothing for the analysis.
    public Task HandleAsync(DidSaveTextDocumentParams notification) => Task.CompletedTask;
}
