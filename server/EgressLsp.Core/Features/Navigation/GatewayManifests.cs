using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Features.Navigation;

internal static class GatewayManifests
{
    /// <summary>
    /// Every manifest that declares gateway <paramref name="name"/>: the one the index prefers first (the ASM
    /// IstioGateway when there is one), then the others (its Service, its Deployment) in workspace order.
    /// </summary>
    public static IEnumerable<GatewayInfo> Named(WorkspaceIndex workspace, string name)
    {
        if (workspace.FindGateway(name) is not { } preferred)
        {
            return [];
        }
        return workspace.Gateways.Where(g => g.Name == name && !ReferenceEquals(g, preferred)).Prepend(preferred);
    }
}
