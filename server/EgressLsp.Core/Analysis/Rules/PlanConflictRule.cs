using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// EGP023–EGP025, the conflicts the plan finds between routes; each points at the later entry and relates the
/// earlier one. Runs after <see cref="GatewayPortRule"/> in the registry: both take ports from the shared suggestions.
/// </summary>
public sealed class PlanConflictRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP023 = new("EGP023", DiagnosticLevel.Error, "One gateway port carries two kinds of traffic",
        "Gateway port {0} carries {1} here but {2} elsewhere in this policy; a gateway port carries one kind of traffic.",
        "网关端口 {0} 在此承载{1},但在本策略其他位置承载{2};一个网关端口只能承载一种流量。");

    public static readonly DiagnosticDescriptor EGP024 = new("EGP024", DiagnosticLevel.Error, "Two TLS destinations share a gateway port",
        "Gateway port {0} is already used by the TLS destination {1}; after mutual TLS the gateway cannot tell two TLS destinations apart. Give each its own port.",
        "网关端口 {0} 已被 TLS 目标 {1} 使用;经过双向 TLS 后网关无法区分两个 TLS 目标。请为每个目标分配单独的端口。");

    public static readonly DiagnosticDescriptor EGP025 = new("EGP025", DiagnosticLevel.Error, "Conflicting settings for one host and port",
        "Host '{0}' port {1} is already routed with different settings ({2}); the routes conflict.",
        "主机“{0}”端口 {1} 已以不同的设置路由({2});路由冲突。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP023, EGP024, EGP025];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var conflict in context.Plan.Conflicts)
        {
            var destination = conflict.Destination;
            var other = conflict.Other;
            switch (conflict.Kind)
            {
                case PlanConflictKind.GatewayPortTrafficKinds:
                    context.Report(EGP023.Create(GatewayPortSpan(destination), conflict.Port, TrafficName(destination), TrafficName(other))
                            .WithRelated(context.Related(GatewayPortSpan(other), $"Gateway port {conflict.Port} carries {TrafficName(other).En} here",
                                $"网关端口 {conflict.Port} 在此承载{TrafficName(other).Zh}")),
                        MoveGatewayPortFix(context, destination));
                    break;
                case PlanConflictKind.SharedOpaqueGatewayPort:
                    context.Report(EGP024.Create(GatewayPortSpan(destination), conflict.Port, other.Source.DisplayName)
                            .WithRelated(context.Related(GatewayPortSpan(other), $"{other.Source.DisplayName} uses gateway port {conflict.Port} here",
                                $"{other.Source.DisplayName} 在此使用网关端口 {conflict.Port}")),
                        MoveGatewayPortFix(context, destination));
                    break;
                case PlanConflictKind.HostPortSettings:
                    var host = conflict.Host!;
                    context.Report(EGP025.Create(HostSpan(destination, host), host, conflict.Port, DescribeRoute(context.Text, other))
                        .WithRelated(context.Related(HostSpan(other, host), "The other route for this host and port", "此主机和端口的另一条路由")));
                    break;
            }
        }
    }

    /// <summary>The gateway port as written, or the <c>to</c> entry itself when the port was allocated.</summary>
    private static TextSpan GatewayPortSpan(PlannedDestination destination) =>
        destination.GatewayPortOrigin == GatewayPortOrigin.Explicit && destination.Source.GatewayPortNode is { } node
            ? node.Span
            : PolicyRuleContext.FirstKeySpan(destination.Source);

    private static CodeFix? MoveGatewayPortFix(PolicyRuleContext context, PlannedDestination destination) =>
        destination.GatewayPortOrigin == GatewayPortOrigin.Explicit && destination.Source.GatewayPortNode is { } node &&
        context.PortSuggestions.Take(destination.Kind) is { } port
            ? RuleContext.Fix($"Change the gateway port to {port}", $"将网关端口改为 {port}",
                context.Edits.Replace(node, port.ToString(CultureInfo.InvariantCulture)))
            : null;

    private static TextSpan HostSpan(PlannedDestination destination, string host) =>
        destination.Source.Hosts.FirstOrDefault(h => h.Host == host) is { Node: { } node } ? node.Span : PolicyRuleContext.FirstKeySpan(destination.Source);

    private static LocalizedText TrafficName(PlannedDestination destination) => destination.GatewayTraffic == GatewayTraffic.HttpOverMutualTls
        ? new LocalizedText("HTTP inside mutual TLS", "双向 TLS 内的 HTTP")
        : new LocalizedText($"{destination.Source.Protocol} passed through as is", $"原样透传的 {destination.Source.Protocol}");

    private static LocalizedText DescribeRoute(SourceText text, PlannedDestination route)
    {
        var line = text.GetLineIndex(PolicyRuleContext.FirstKeySpan(route.Source).Start) + 1;
        var protocol = route.Source.Protocol;
        return route.OriginatesTls
            ? new LocalizedText($"{protocol} through gateway port {route.GatewayPort}, TLS originated to port {route.UpstreamPort}, line {line}",
                $"{protocol},经网关端口 {route.GatewayPort},由网关向端口 {route.UpstreamPort} 发起 TLS,第 {line} 行")
            : new LocalizedText($"{protocol} through gateway port {route.GatewayPort} to port {route.UpstreamPort}, line {line}",
                $"{protocol},经网关端口 {route.GatewayPort} 到端口 {route.UpstreamPort},第 {line} 行");
    }
}
