using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// EGP032: what the mesh cannot carry as written. UDP is not proxied at all; MONGO, MYSQL and REDIS cross the
/// mutual-TLS hop as opaque TCP; opaque TCP is routed by port only, so one entry cannot serve several hosts.
/// GRPC-WEB, GRPC and HTTP2 are HTTP to the proxies and travel like HTTP: no warning.
/// </summary>
public sealed class ProtocolRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP032 = new("EGP032", DiagnosticLevel.Warning, "Protocol the target cannot carry",
        "{0}",
        "{0}");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP032];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var destination in context.Policy.Destinations)
        {
            Check(context, destination);
        }
    }

    private static void Check(PolicyRuleContext context, Destination destination)
    {
        if (destination.ProtocolNode is not { } node || destination.Protocol is not { } protocol)
        {
            return;
        }
        if (protocol == "UDP")
        {
            context.Report(EGP032.Create(node.Span, new LocalizedText(
                "UDP cannot be carried: the sidecars and the egress gateway proxy TCP connections only.",
                "无法承载 UDP:Sidecar 和出口网关只代理 TCP 连接。")));
            return;
        }
        if (protocol is "MONGO" or "MYSQL" or "REDIS")
        {
            context.Report(EGP032.Create(node.Span, new LocalizedText(
                    $"{protocol} crosses the egress gateway as opaque TCP inside mutual TLS: {protocol}-aware filters and metrics do not apply.",
                    $"{protocol} 在双向 TLS 中以不透明 TCP 的形式经过出口网关:{protocol} 协议相关的过滤器和指标不会生效。")),
                RuleContext.Fix("Change the protocol to TCP", "将协议改为 TCP", context.Edits.ReplaceString(node, "TCP")) with { IsPreferred = false });
        }
        if (destination.TrafficKind != TrafficKind.Tcp || destination.Hosts.Length < 2)
        {
            return;
        }
        var distinctHosts = destination.Hosts.Select(h => h.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (distinctHosts >= 2 && destination.Node.FindPair("hosts") is { } hostsPair)
        {
            context.Report(EGP032.Create(hostsPair.Key.Span, new LocalizedText(
                $"{protocol} is routed by port only (no SNI or Host header): the gateway cannot tell these {distinctHosts} hosts apart. Give each host its own 'to' entry.",
                $"{protocol} 只按端口路由(没有 SNI 或 Host 头):网关无法区分这 {distinctHosts} 个主机。请为每个主机单独设置一个“to”条目。")));
        }
    }
}
