using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI001: a route sends traffic to the egress gateway, but the sidecars never apply it because <c>mesh</c> is not
/// among its gateways (<c>spec.gateways</c> names only the egress Gateway, or the route's match narrows it to that):
/// the application's traffic leaves directly, bypassing the gateway. istiod gives a sidecar only the
/// VirtualServices bound to <c>mesh</c> (pilot/pkg/model/push_context.go, <c>VirtualServicesForGateway</c>), and a match's
/// <c>gateways</c> can only narrow that list.
/// </summary>
public sealed class SidecarHopRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor EGI001 = new("EGI001", DiagnosticLevel.Error, "Route to the egress gateway is not applied by the sidecars",
        "This route sends traffic to the egress gateway '{0}', but 'mesh' is not among its gateways: the sidecars never apply it and the traffic leaves directly.",
        "此路由把流量发往出口网关“{0}”,但其网关中没有“mesh”:Sidecar 不会应用它,流量将直接出网。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI001];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        foreach (var route in service.Routes)
        {
            if (service.IsSidecarRoute(route) ||
                route.Destinations.FirstOrDefault(d => d.Host is { } h && context.Mesh.IsEgressGatewayHost(context.Mesh.Fqdn(h.Value, service.Namespace))) is not { Host: { } gatewayHost })
            {
                continue;
            }
            var bindsMesh = service.BoundGateways.Contains(VirtualServiceModel.MeshGatewayName);
            // The top-level list lacks mesh: it is where the fix goes. Otherwise the route's match leaves it out.
            var where = bindsMesh ? route.MatchGateways.FirstOrDefault().Location : service.GatewaysLocation ?? route.Location;
            var fix = !bindsMesh && context.NodeAt<YamlSequence>(service.GatewaysLocation) is { } gateways
                ? RuleContext.Fix("Add 'mesh' to gateways", "在 gateways 中添加“mesh”", context.Edits.AppendItem(gateways, VirtualServiceModel.MeshGatewayName))
                : null;
            context.Report(EGI001.Create((where ?? route.Location).Span, gatewayHost.Value), fix);
        }
    }
}
