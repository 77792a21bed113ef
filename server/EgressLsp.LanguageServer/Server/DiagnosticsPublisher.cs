using System.Collections.Concurrent;
using EgressLsp.LanguageServer.Protocol;
using Microsoft.Extensions.Logging;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// Publishes each open document's diagnostics shortly after its last change (a burst of keystrokes is
/// analysed once), off the request path, and only if the document has not changed again meanwhile.
/// </summary>
internal sealed class DiagnosticsPublisher
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(15);

    private readonly ServerState _state;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    public DiagnosticsPublisher(ServerState state)
    {
        _state = state;
        state.DocumentsChanged += change =>
        {
            foreach (var document in state.Documents.All)
            {
                if (document.Uri != change.CausedBy && (!change.MeshOnly || state.ReadsMesh(document.Uri)))
                {
                    Schedule(document.Uri);
                }
            }
        };
    }

    public void Schedule(string uri)
    {
        var cancellation = new CancellationTokenSource();
        if (_pending.TryGetValue(uri, out var previous))
        {
            previous.Cancel();
        }
        _pending[uri] = cancellation;
        _ = PublishAfterDelayAsync(uri, cancellation.Token);
    }

    /// <summary>A closed document's diagnostics are cleared.</summary>
    public Task ClearAsync(string uri)
    {
        if (_pending.TryRemove(uri, out var pending))
        {
            pending.Cancel();
        }
        return _state.Rpc.SendNotificationAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, []));
    }

    private async Task PublishAfterDelayAsync(string uri, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
            if (_state.Documents.Get(uri) is not { } document || _state.Snapshot(uri) is not { } analysis)
            {
                return;
            }
            var diagnostics = LspConvert.ToDiagnostics(analysis.Text, uri, analysis.Diagnostics, _state.Locale);
            if (cancellationToken.IsCancellationRequested || _state.Documents.Get(uri)?.Version != document.Version)
            {
                return;
            }
            await _state.Rpc.SendNotificationAsync("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(uri, document.Version, diagnostics)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A newer change rescheduled it.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One document's failure must never stop the server from serving the others.
            _state.Logger.LogError(e, "Diagnostics for {Uri} failed", uri);
        }
    }
}
