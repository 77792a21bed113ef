using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI007: a route block that cannot carry the traffic of its port. Encrypted traffic (HTTPS/TLS the application
/// sends, or a gateway server passing TLS through) can only be routed by SNI, under <c>tls:</c>; an <c>http:</c> route
/// for it is never used. Plain HTTP (a ServiceEntry port of the HTTP family, or a gateway server that terminates TLS
/// or speaks HTTP) has no SNI, so a <c>tls:</c> route for it matches nothing. The port is the route's
/// <c>match.port</c>, or the only port there is; the sidecars' routes are judged by the ServiceEntry of the host,
/// a gateway's routes by the Gateway's server on that port.
/// </summary>
public sealed class RouteTrafficKindRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor EGI007 = new("EGI007", DiagnosticLevel.Error, "Traffic kind and route block disagree",
        "Port {0} carries {1} traffic ({2}), but this route is under '{3}:': it never matches. Use '{4}:'.",
        "端口 {0} 承载{1}流量({2}),但此路由位于“{3}:”下:它永远不会匹配。请使用“{4}:”。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI007];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        foreach (var route in service.Routes.Where(r => r.Block is "http" or "tls"))
        {
            foreach (var gateway in service.GatewaysOf(route))
            {
                if (PortOf(context.Mesh, service, route, gateway) is not { } port)
                {
                    continue;
                }
                var expected = port.Kind == TrafficKind.Tls ? "tls" : port.Kind == TrafficKind.Http ? "http" : null;
                if (expected is null || expected == route.Block)
                {
                    continue;
                }
                var kind = port.Kind == TrafficKind.Tls ? new LocalizedText("encrypted (TLS)", "加密(TLS)") : new LocalizedText("plain HTTP", "明文 HTTP");
                var where = route.MatchPorts.IsEmpty ? route.Location : route.MatchPorts[0].Location;
                context.Report(EGI007.Create(where.Span, port.Number, kind, port.Source, route.Block, expected)
                    .WithRelated(MeshRuleContext.RelatedAt(port.Location, $"port {port.Number}: {port.Source.En}", $"端口 {port.Number}:{port.Source.Zh}")));
                break;
            }
        }
    }

    private sealed record RoutedPort(int Number, TrafficKind Kind, LocalizedText Source, Workspace.ManifestLocation Location);

    private static RoutedPort? PortOf(MeshView mesh, VirtualServiceModel service, MeshRoute route, string gateway)
    {
        int? matched = route.MatchPorts.Length == 1 && int.TryParse(route.MatchPorts[0].Value, out var number) ? number : null;
        if (gateway == VirtualServiceModel.MeshGatewayName)
        {
            foreach (var host in service.Hosts)
            {
                if (mesh.FindDestination(service.Namespace, service.ExportTo, host.Value) is not { Source: ServiceEntryModel } registered)
                {
                    continue;
                }
                var port = matched is { } n ? registered.Ports.FirstOrDefault(p => p.Number == n) : registered.Ports is [var only] ? only : null;
                if (port?.Protocol is { } protocol)
                {
                    return new RoutedPort(port.Number, Protocols.KindOf(Protocols.Normalize(protocol)),
                        new LocalizedText($"{protocol} in {registered.Source.DisplayName}", $"{registered.Source.DisplayName} 中的 {protocol}"), port.Location);
                }
            }
            return null;
        }
        if (IstioResourceKind.GatewayNamed(gateway, service.Namespace) is not { } name || mesh.GatewayNamed(name.Namespace, name.Name) is not { IsGatewayApi: false } model)
        {
            return null;
        }
        var servers = model.Servers.Where(s => s.Port is not null && (matched is null || s.Port == matched)).ToArray();
        if (servers is not [{ Protocol: { } serverProtocol } server])
        {
            return null;
        }
        var protocolName = Protocols.Normalize(serverProtocol.Value);
        var terminates = server.Tls?.Mode?.Value is { } mode && mode is not ("PASSTHROUGH" or "AUTO_PASSTHROUGH");
        // A server that terminates TLS hands the proxy plain traffic: HTTPS becomes HTTP routing, TLS becomes TCP.
        var kind = Protocols.KindOf(protocolName) switch
        {
            TrafficKind.Tls when terminates => protocolName == "HTTPS" ? TrafficKind.Http : TrafficKind.Tcp,
            var other => other,
        };
        var how = server.Tls?.Mode is { } written ? $"{serverProtocol.Value} {written.Value}" : serverProtocol.Value;
        return new RoutedPort(server.Port!.Value, kind, new LocalizedText($"{how} server of {model.DisplayName}", $"{model.DisplayName} 的 {how} 服务器"), server.Location);
    }
}
