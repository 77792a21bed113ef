using System.Collections.Concurrent;
using EgressLsp.Core.Text;
using EgressLsp.LanguageServer.Protocol;

namespace EgressLsp.LanguageServer.Server;

/// <summary>An open document at one version.</summary>
internal sealed record OpenDocument(string Uri, string Path, int Version, SourceText Text);

/// <summary>The documents the client has open, with full and incremental synchronisation.</summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);

    public IEnumerable<OpenDocument> All => _documents.Values;

    public OpenDocument Open(TextDocumentItem item)
    {
        var document = new OpenDocument(item.Uri, LspConvert.ToPath(item.Uri), item.Version, SourceText.From(item.Text));
        _documents[item.Uri] = document;
        return document;
    }

    /// <summary>Applies the changes in order; a change without a range replaces the whole text.</summary>
    public OpenDocument? Change(VersionedTextDocumentIdentifier identifier, IEnumerable<TextDocumentContentChangeEvent> changes)
    {
        if (!_documents.TryGetValue(identifier.Uri, out var document))
        {
            return null;
        }
        var text = document.Text;
        foreach (var change in changes)
        {
            text = change.Range is { } range ? text.WithChange(LspConvert.ToSpan(text, range), change.Text) : SourceText.From(change.Text);
        }
        var changed = document with { Version = identifier.Version, Text = text };
        _documents[identifier.Uri] = changed;
        return changed;
    }

    public bool Close(string uri) => _documents.TryRemove(uri, out _);

    public OpenDocument? Get(string uri) => _documents.GetValueOrDefault(uri);

    public bool IsOpenPath(string path) => _documents.Values.Any(d => d.Path == path);
}
