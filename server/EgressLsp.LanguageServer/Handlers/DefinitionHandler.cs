using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary><c>textDocument/definition</c>: from a policy to the workspace manifests it names (gateway, namespace, workloads).</summary>
internal sealed class DefinitionHandler(ServerState state) : IRequestHandler<DefinitionParams, Location[]>, ICapabilityProvider
{
    public string Method => "textDocument/definition";

    public void AddCapabilities(JsonObject capabilities) => capabilities["definitionProvider"] = true;

    public Task<Location[]> HandleAsync(DefinitionParams request, CancellationToken cancellationToken)
    {
        if (state.Snapshot(request.TextDocument.Uri) is not { } analysis)
        {
            return Task.FromResult<Location[]>([]);
        }
        var locations = DefinitionService.GetDefinition(analysis, LspConvert.ToOffset(analysis.Text, request.Position));
        return Task.FromResult<Location[]>([.. locations.Select(l => new Location(LspConvert.ToUri(l.Path), LspConvert.ToRange(l.Range)))]);
    }
}
