using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Features.Hover;

/// <summary>
/// The hops one <c>to</c> entry makes a request take, in one line per host, e.g.
/// "sidecar :80 → mTLS → egressgateway :80 → httpbin.org :443 (TLS originated)". Read from the plan, so the
/// ports are the effective ones (auto-allocated included) and the line agrees with the expansion.
/// </summary>
public static class TrafficPath
{
    private static readonly LocalizedText Sidecar = new("sidecar", "Sidecar");
    private static readonly LocalizedText MutualTls = new("mTLS", "双向 TLS");
    private static readonly LocalizedText UnnamedGateway = new("egress gateway", "出口网关");
    private static readonly LocalizedText AutoAllocated = new("auto-allocated", "自动分配");
    private static readonly LocalizedText Fallback = new("not set; allocated so the expansion can go on", "未设置,为继续展开而临时分配");
    private static readonly LocalizedText TlsOriginated = new("TLS originated", "由网关发起 TLS");
    private static readonly LocalizedText TlsPassedThrough = new("TLS from the application, passed through", "应用发起的 TLS,透传");
    private static readonly LocalizedText Plain = new("plain {0}", "明文 {0}");
    private static readonly LocalizedText Opaque = new("{0}, passed through", "{0},透传");
    private static readonly LocalizedText Note = new(" ({0})", "({0})");

    public static string Describe(PlannedDestination destination, string host, string? gatewayName, string? locale)
    {
        var gatewayPortNote = destination.GatewayPortOrigin switch
        {
            GatewayPortOrigin.AutoAllocated => Note.Format(locale, AutoAllocated.For(locale)),
            GatewayPortOrigin.Fallback => Note.Format(locale, Fallback.For(locale)),
            _ => "",
        };
        var protocol = destination.Source.Protocol ?? "";
        var carried = destination.OriginatesTls ? TlsOriginated.For(locale) : destination.Kind switch
        {
            TrafficKind.Tls => TlsPassedThrough.For(locale),
            TrafficKind.Http => Plain.Format(locale, protocol),
            _ => Opaque.Format(locale, protocol),
        };
        return $"{Sidecar.For(locale)} :{destination.Source.PortNumber} → {MutualTls.For(locale)} → " +
               $"{gatewayName ?? UnnamedGateway.For(locale)} :{destination.GatewayPort}{gatewayPortNote} → " +
               $"{host} :{destination.UpstreamPort}{Note.Format(locale, carried)}";
    }
}
