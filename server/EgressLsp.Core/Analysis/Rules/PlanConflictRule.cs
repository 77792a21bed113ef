using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// EGP025: the same host and port routed twice with different settings, a conflict the plan finds whatever the
/// target; it points at the later entry and relates the earlier one. (EGP023 and EGP024, gateway ports shared by
/// different traffic, are retired: Istio tells a gateway port's servers apart by SNI — see the istio-sidecar
/// target's <c>GatewayPortConflictRule</c> for the one sharing it cannot.)
/// </summary>
public sealed class PlanConflictRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP025 = new("EGP025", DiagnosticLevel.Error, "Conflicting settings for one host and port",
        "Host '{0}' port {1} is already routed with different settings ({2}); the routes conflict.",
        "主机“{0}”端口 {1} 已以不同的设置路由({2});路由冲突。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP025];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var conflict in context.Plan.Conflicts)
        {
            Report(context, conflict.Destination, conflict.Other, conflict.Host, conflict.Port, DescribeRoute(context.Text, conflict.Other));
        }
    }

    /// <summary>EGP025 on <paramref name="host"/> in <paramref name="destination"/>, related to the same host in <paramref name="other"/>.</summary>
    internal static void Report(PolicyRuleContext context, PlannedDestination destination, PlannedDestination other, string host, int port,
        LocalizedText otherRoute, CodeFix? fix = null) =>
        context.Report(EGP025.Create(HostSpan(destination, host), host, port, otherRoute)
            .WithRelated(context.Related(HostSpan(other, host), "The other route for this host and port", "此主机和端口的另一条路由")), fix);

    private static TextSpan HostSpan(PlannedDestination destination, string host) =>
        destination.Source.Hosts.FirstOrDefault(h => h.Host == host) is { Node: { } node } ? node.Span : PolicyRuleContext.FirstKeySpan(destination.Source);

    /// <summary>"HTTP through gateway port 80 to port 443, TLS originated, line 12": enough to find the other route.</summary>
    internal static LocalizedText DescribeRoute(SourceText text, PlannedDestination route)
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
