using EgressLsp.Core.Reachability;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>
/// <c>egressLsp/egressMap</c> (<c>{ "uri" }</c>): the egress map of the workspace as the open document's snapshot sees
/// it, as SVG, for the client's map view (which asks again as the documents change).
/// </summary>
internal sealed class EgressMapHandler(ServerState state) : IRequestHandler<ExpansionParams, EgressMapResult>
{
    public const string MethodName = "egressLsp/egressMap";

    public string Method => MethodName;

    public Task<EgressMapResult> HandleAsync(ExpansionParams request, CancellationToken cancellationToken)
    {
        var (analysis, _) = ExpansionRequests.Resolve(state, request with { Target = null });
        var model = EgressReachability.For(analysis.Context.Workspace, analysis.Context.Environment);
        return Task.FromResult(new EgressMapResult(EgressMap.Svg(model.Matrix())));
    }
}
