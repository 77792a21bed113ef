namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// What converting hand-written Istio resources into a policy finds (<c>Conversion/</c>): reported on the resources,
/// never on a policy. Each says what the proposal does instead, so nothing is dropped or changed silently.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGC001 = new("EGC001", DiagnosticLevel.Warning, "Not expressible in a policy: left out of the proposal",
        "{0} '{1}' of {2} cannot be said in an egress policy; the proposal leaves it out: {3}.",
        "{2} 的 {0}“{1}”无法用出口策略表达;提议中略去了它:{3}。");

    public static readonly DiagnosticDescriptor EGC002 = new("EGC002", DiagnosticLevel.Warning, "Not converted: traffic that does not go through an egress gateway as a policy would send it",
        "{0}:{1} is not converted: {2}.",
        "{0}:{1} 未转换:{2}。");

    public static readonly DiagnosticDescriptor EGC003 = new("EGC003", DiagnosticLevel.Info, "The proposal is stricter than the input",
        "{0}:{1}: {2}; the policy's expansion {3}.",
        "{0}:{1}:{2};策略展开后{3}。");

    public static readonly DiagnosticDescriptor EGC004 = new("EGC004", DiagnosticLevel.Warning, "Sources the policy cannot list exactly",
        "{0}:{1}: {2}; the proposal {3}.",
        "{0}:{1}:{2};提议{3}。");

    public static readonly DiagnosticDescriptor EGC005 = new("EGC005", DiagnosticLevel.Warning, "Gateway settings one egresslsp.yaml cannot hold",
        "Gateway {0} needs {1}, but the proposal's environment already says {2} for gateway {3}; its traffic is not converted.",
        "网关 {0} 需要 {1},但提议的环境已为网关 {3} 设定 {2};其流量未转换。");

    public static readonly DiagnosticDescriptor EGC006 = new("EGC006", DiagnosticLevel.Info, "Part of the set that no converted traffic uses",
        "{0} originates TLS for {1} on port {2}, which the egress gateway never sends to (it forwards to port {3}); the proposal does not upgrade.",
        "{0} 为 {1} 的端口 {2} 发起 TLS,但出口网关从不发往该端口(它转发到端口 {3});提议不做升级。");

    private static IEnumerable<DiagnosticDescriptor> ConversionFindings => [EGC001, EGC002, EGC003, EGC004, EGC005, EGC006];
}
