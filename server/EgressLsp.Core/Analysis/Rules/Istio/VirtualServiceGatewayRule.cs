using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 (ReferencedResourceNotFound) for a VirtualService's gateways, as Istio's <c>virtualservice.GatewayAnalyzer</c>
/// (pkg/config/analysis/analyzers/virtualservice/gateways.go) reads them: <c>mesh</c> is reserved; <c>ns/name</c> names
/// a Gateway of that namespace and a bare name one of the VirtualService's own namespace
/// (<c>resource.NewShortOrFullName</c>). Unlike istioctl, a missing Gateway is reported only when the workspace holds
/// Gateways at all: a VirtualService checked on its own (its Gateway kept in another repository) is not an error.
/// Each entry is reported where it is written, in <c>spec.gateways</c> and in the routes' <c>match[].gateways</c>.
/// </summary>
public sealed class VirtualServiceGatewayRule : MeshRule<VirtualServiceModel>
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        if (context.Mesh.Gateways.IsEmpty)
        {
            return;
        }
        foreach (var reference in service.Gateways.Concat(service.Routes.SelectMany(r => r.MatchGateways)))
        {
            if (IstioResourceKind.GatewayNamed(reference.Value, service.Namespace) is { } gateway &&
                context.Mesh.GatewayNamed(gateway.Namespace, gateway.Name) is null)
            {
                var where = reference.Value.IndexOf('/') > 0
                    ? new LocalizedText("", "")
                    : new LocalizedText($" (looked up in namespace '{service.Namespace}')", $"(在命名空间“{service.Namespace}”中查找)");
                context.Report(ReferencedResource.NotFound(reference.Location.Span, "gateway", "网关", reference.Value, where));
            }
        }
    }
}
