using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary><c>textDocument/foldingRange</c>: documents, blocks and comment runs, by line.</summary>
internal sealed class FoldingRangeHandler(ServerState state) : IRequestHandler<FoldingRangeParams, FoldingRange[]>, ICapabilityProvider
{
    public string Method => "textDocument/foldingRange";

    public void AddCapabilities(JsonObject capabilities) => capabilities["foldingRangeProvider"] = true;

    public Task<FoldingRange[]> HandleAsync(FoldingRangeParams request, CancellationToken cancellationToken)
    {
        if (state.Snapshot(request.TextDocument.Uri) is not { } analysis)
        {
            return Task.FromResult<FoldingRange[]>([]);
        }
        return Task.FromResult<FoldingRange[]>([.. FoldingService.GetRanges(analysis).Select(region => new FoldingRange(
            region.StartLine, region.EndLine, region.Kind == FoldingRegionKind.Comment ? FoldingRangeKind.Comment : null))]);
    }
}
