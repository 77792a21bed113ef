using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Hover;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary><c>textDocument/hover</c>: field documentation, traffic paths and workspace facts, in the client's language.</summary>
internal sealed class HoverHandler(ServerState state) : IRequestHandler<HoverParams, Hover?>, ICapabilityProvider
{
    public string Method => "textDocument/hover";

    public void AddCapabilities(JsonObject capabilities) => capabilities["hoverProvider"] = true;

    public Task<Hover?> HandleAsync(HoverParams request, CancellationToken cancellationToken)
    {
        if (state.Snapshot(request.TextDocument.Uri) is not { } analysis ||
            HoverService.GetHover(analysis, LspConvert.ToOffset(analysis.Text, request.Position), state.Locale) is not { } hover)
        {
            return Task.FromResult<Hover?>(null);
        }
        return Task.FromResult<Hover?>(new Hover(MarkupContent.Markdown(hover.Markdown), LspConvert.ToRange(analysis.Text, hover.Span)));
    }
}
