using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// A VirtualService's destinations against the mesh's registry, as Istio's <c>virtualservice.DestinationHostAnalyzer</c>
/// (pkg/config/analysis/analyzers/virtualservice/destinationhosts.go) reads them: IST0101 for a route or mirror host no
/// ServiceEntry or Service declares where the VirtualService is visible (<see cref="MeshView.FindDestination"/>), and for
/// a port that host does not have; IST0112 for a destination without a port on a host with several.
/// Unlike istioctl, a missing host is judged only where the workspace could declare it: a cluster-local host when the
/// workspace holds Services of its namespace, an external host when it holds ServiceEntries. The egress gateway's
/// Service, installed with Istio in istio-system, is then not a false "host not found" (istio/istio#40861).
/// </summary>
public sealed class DestinationHostRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor IST0112 = new("IST0112", DiagnosticLevel.Error, "Destination port required",
        "This VirtualService routes to '{0}', which has several ports ({1}): name one in 'destination.port'.",
        "此 VirtualService 路由到“{0}”,它有多个端口({1}):请在“destination.port”中指定一个。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101, IST0112];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        foreach (var destination in service.Destinations)
        {
            var (whatEn, whatZh) = destination.IsMirror ? ("mirror host", "镜像主机") : ("host", "主机");
            if (destination.Host is not { Value.Length: > 0 } host)
            {
                if (!destination.IsMirror)
                {
                    // Istio reads `route: - {}` as a destination whose host is empty.
                    context.Report(ReferencedResource.NotFound(destination.Location.Span, whatEn, whatZh, ""));
                }
                continue;
            }
            if (context.Mesh.FindDestination(service.Namespace, service.ExportTo, host.Value) is not { } registered)
            {
                if (CouldBeDeclared(context.Mesh, context.Mesh.Fqdn(host.Value, service.Namespace)))
                {
                    context.Report(ReferencedResource.NotFound(host.Location.Span, whatEn, whatZh, host.Value, Visibility(service)));
                }
                continue;
            }
            CheckPort(context, destination, host, registered);
        }
    }

    private static void CheckPort(MeshRuleContext context, MeshDestination destination, Written host, RegisteredHost registered)
    {
        var declared = MeshRuleContext.RelatedAt(registered.Source.Location, $"{registered.Source.DisplayName} declares '{registered.Host}'",
            $"{registered.Source.DisplayName} 声明了“{registered.Host}”");
        var ports = string.Join(", ", registered.Ports.Select(p => p.Number));
        if (destination.Port is not { } port)
        {
            if (registered.Ports.Length > 1)
            {
                context.Report(IST0112.Create(host.Location.Span, host.Value, ports).WithRelated(declared));
            }
            return;
        }
        if (!registered.Ports.Any(p => p.Number == port))
        {
            var detail = new LocalizedText($" (its ports: {ports})", $"(其端口:{ports})");
            context.Report(ReferencedResource.NotFound(host.Location.Span, "host:port", "主机:端口", $"{host.Value}:{port}", detail).WithRelated(declared));
        }
    }

    /// <summary>Whether the workspace holds what would declare this host: Services of its namespace, or ServiceEntries.</summary>
    internal static bool CouldBeDeclared(MeshView mesh, string fqdn) =>
        mesh.ServiceOf(fqdn) is { } service ? mesh.HasServicesIn(service.Namespace) : !mesh.ServiceEntries.IsEmpty;

    private static LocalizedText Visibility(VirtualServiceModel service) =>
        service.ExportTo.IsEmpty
            ? new LocalizedText($" in namespace '{service.Namespace}'", $"(在命名空间“{service.Namespace}”中)")
            : new LocalizedText($" where the VirtualService is exported ({string.Join(", ", service.ExportTo)})",
                $"(在 VirtualService 导出到的命名空间 {string.Join("、", service.ExportTo)} 中)");
}
