using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// The hops one <c>to</c> entry makes a request take through the sidecar and the egress gateway, in one line per host, e.g.
/// "sidecar :80 → mTLS → egressgateway :80 → httpbin.org :443 (TLS originated)". Read from the plan, so the
/// ports are the effective ones (auto-allocated included) and the line agrees with the expansion.
/// </summary>
internal static class SidecarTrafficPath
{
    private static readonly LocalizedText Sidecar = new("sidecar", "Sidecar");
    private static readonly LocalizedText MutualTls = new("mTLS", "双向 TLS");
    private static readonly LocalizedText UnnamedGateway = new("egress gateway", "出口网关");
    private static readonly LocalizedText AutoAllocated = new("auto-allocated", "自动分配");
    private static readonly LocalizedText Fallback = new("not set; allocated so the expansion can go on", "未设置,为继续展开而临时分配");

    public static string Describe(PlannedDestination destination, string host, string? gatewayName, string? locale)
    {
        var gatewayPortNote = destination.GatewayPortOrigin switch
        {
            GatewayPortOrigin.AutoAllocated => TrafficPathText.NoteOf(AutoAllocated.For(locale), locale),
            GatewayPortOrigin.Fallback => TrafficPathText.NoteOf(Fallback.For(locale), locale),
            _ => "",
        };
        return $"{Sidecar.For(locale)} :{destination.Source.PortNumber} → {MutualTls.For(locale)} → " +
               $"{gatewayName ?? UnnamedGateway.For(locale)} :{destination.GatewayPort}{gatewayPortNote} → " +
               $"{host} :{destination.UpstreamPort}{TrafficPathText.LastHopNote(destination, locale)}";
    }
}
