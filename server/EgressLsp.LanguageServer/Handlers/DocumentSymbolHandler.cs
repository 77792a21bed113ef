using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Text;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary><c>textDocument/documentSymbol</c>: policies, their rules and destinations, and the file's other objects.</summary>
internal sealed class DocumentSymbolHandler(ServerState state) : IRequestHandler<DocumentSymbolParams, DocumentSymbol[]>, ICapabilityProvider
{
    public string Method => "textDocument/documentSymbol";

    public void AddCapabilities(JsonObject capabilities) => capabilities["documentSymbolProvider"] = true;

    public Task<DocumentSymbol[]> HandleAsync(DocumentSymbolParams request, CancellationToken cancellationToken)
    {
        if (state.Snapshot(request.TextDocument.Uri) is not { } analysis)
        {
            return Task.FromResult<DocumentSymbol[]>([]);
        }
        return Task.FromResult<DocumentSymbol[]>([.. DocumentSymbolService.GetSymbols(analysis, state.Locale).Select(s => ToLsp(analysis.Text, s))]);
    }

    private static DocumentSymbol ToLsp(SourceText text, OutlineSymbol symbol) => new(
        symbol.Name,
        symbol.Detail,
        symbol.Kind switch
        {
            OutlineKind.Policy => SymbolKind.Class,
            OutlineKind.Rule => SymbolKind.Struct,
            OutlineKind.Destination => SymbolKind.Field,
            _ => SymbolKind.Object,
        },
        LspConvert.ToRange(text, symbol.Span),
        LspConvert.ToRange(text, symbol.SelectionSpan),
        symbol.Children.IsEmpty ? null : [.. symbol.Children.Select(child => ToLsp(text, child))]);
}
