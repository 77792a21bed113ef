using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0118: a Service port whose protocol Istio cannot tell, so its traffic is treated as opaque TCP. As Istio's
/// <c>service.PortNameAnalyzer</c> (pkg/config/analysis/analyzers/service/portname.go) with
/// <c>kube.ConvertProtocol</c> (pkg/config/kube/conversion.go): UDP ports are fine; <c>appProtocol</c>, else the name,
/// up to its first <c>-</c>, must be a protocol Istio knows (<c>grpc-web…</c> too); unnamed or unknown names pass only on
/// the well-known ports 25, 53, 3306 and 27017. Istio's own Services (labelled <c>istio</c>, or <c>release: istio</c>)
/// are skipped. Info, as istioctl reports it.
/// </summary>
public sealed class ServicePortNameRule : MeshRule<ServiceModel>
{
    public static readonly DiagnosticDescriptor IST0118 = new("IST0118", DiagnosticLevel.Info, "Port name not under naming convention",
        "Port name '{0}' (port {1}) does not follow Istio's '<protocol>[-suffix]' convention: its traffic is treated as TCP.",
        "端口名称“{0}”(端口 {1})不符合 Istio 的“<协议>[-后缀]”约定:其流量将按 TCP 处理。");

    private static readonly HashSet<int> WellKnownPorts = [25, 53, 3306, 27017];

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [IST0118];

    protected override void Check(MeshRuleContext context, ServiceModel service)
    {
        if (service.Labels.Any(l => l.Key == "istio" || l is { Key: "release", Value: "istio" }))
        {
            return;
        }
        foreach (var port in service.Ports)
        {
            if (port.Protocol == "UDP" || IsKnown(port.AppProtocol ?? port.Name?.Value ?? "") || WellKnownPorts.Contains(port.Number))
            {
                continue;
            }
            context.Report(IST0118.Create((port.Name?.Location ?? port.Location).Span, port.Name?.Value ?? "", port.Number));
        }
    }

    private static bool IsKnown(string name)
    {
        if (name is "kubernetes.io/h2c" or "kubernetes.io/ws" or "kubernetes.io/wss" ||
            name.StartsWith("grpc-web", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var dash = name.IndexOf('-');
        var prefix = dash >= 0 ? name[..dash] : name;
        // Istio's protocol.Parse knows the protocols a policy may name, and HTTP_PROXY besides.
        return Protocols.All.Contains(prefix, StringComparer.OrdinalIgnoreCase) || prefix.Equals(Protocols.HttpProxy, StringComparison.OrdinalIgnoreCase);
    }
}
