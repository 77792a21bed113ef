using EgressLsp.LanguageServer.Protocol;
using Microsoft.Extensions.Logging;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// Publishes each open document's diagnostics off the request path as soon as it changes, with no debounce: the
/// analysis starts at once, and a change while it runs makes it run once more, for the newest version, when it ends
/// (a burst of keystrokes costs at most one analysis beyond the running one). Diagnostics of a version the editor has
/// replaced are never sent.
/// </summary>
internal sealed class DiagnosticsPublisher
{
    private readonly ServerState _state;
    private readonly object _gate = new();
    // Documents being analysed for publication, and those of them changed since their analysis started.
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedMeanwhile = new(StringComparer.Ordinal);

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
        lock (_gate)
        {
            if (!_running.Add(uri))
            {
                _changedMeanwhile.Add(uri);
                return;
            }
        }
        _ = Task.Run(() => PublishUntilCurrentAsync(uri));
    }

    /// <summary>A closed document's diagnostics are cleared.</summary>
    public Task ClearAsync(string uri)
    {
        lock (_gate)
        {
            _changedMeanwhile.Remove(uri);
        }
        return _state.Rpc.SendNotificationAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, []));
    }

    private async Task PublishUntilCurrentAsync(string uri)
    {
        while (true)
        {
            await PublishAsync(uri).ConfigureAwait(false);
            lock (_gate)
            {
                if (!_changedMeanwhile.Remove(uri))
                {
                    _running.Remove(uri);
                    return;
                }
            }
        }
    }

    private async Task PublishAsync(string uri)
    {
        try
        {
            if (_state.Documents.Get(uri) is not { } document || _state.Snapshot(uri) is not { } analysis)
            {
                return;
            }
            var diagnostics = LspConvert.ToDiagnostics(analysis.Text, uri, analysis.Diagnostics, _state.Locale);
            if (_state.Documents.Get(uri)?.Version != document.Version)
            {
                return;
            }
            await _state.Rpc.SendNotificationAsync("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(uri, document.Version, diagnostics)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One document's failure must never stop the server from serving the others.
            _state.Logger.LogError(e, "Diagnostics for {Uri} failed", uri);
        }
    }
}
