using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// The one way two destinations cannot share a gateway port: the same host through one gateway port from two
/// application ports, unless both are HTTP (then the Host header tells them apart). Reported as EGP025.
/// </summary>
/// <remarks>
/// Istio merges every server of a gateway port into one listener and picks a filter chain by SNI: the expansion's
/// per-host servers ask for <c>server_names: [H]</c>, so different hosts — HTTPS (HTTP over mutual TLS) or TLS
/// servers alike — share a port (istio/istio <c>pilot/pkg/model/gateway.go</c> <c>mergeGateways</c>: "We have another
/// TLS server on the same port. Can differentiate servers using SNI"; <c>pilot/pkg/networking/core/gateway.go</c>
/// <c>buildGatewayListeners</c> appends each server port's filter chains to the listener of its bind and number).
/// The same host twice on one port is what it cannot separate: <c>mergeGateways</c> skips a TLS server whose hosts
/// repeat on the port ("skipping server on gateway …, duplicate host names"), and two <c>tcp</c> routes matching one
/// gateway port and host send everything to the first upstream.
/// </remarks>
public sealed class GatewayPortConflictRule : PolicyRule
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [PlanConflictRule.EGP025];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var conflict in Find(context.Plan))
        {
            var gatewayPort = conflict.Other.GatewayPort;
            var other = new LocalizedText(
                $"port {conflict.Other.Source.PortNumber} of this host already goes through gateway port {gatewayPort}, and the gateway tells one port's destinations apart only by host (SNI)",
                $"此主机的端口 {conflict.Other.Source.PortNumber} 已经过网关端口 {gatewayPort},而网关只能按主机(SNI)区分同一端口上的目标");
            PlanConflictRule.Report(context, conflict.Destination, conflict.Other, conflict.Host, conflict.Port, other,
                MoveGatewayPortFix(context, conflict.Destination));
        }
    }

    /// <summary>The later of two destinations that bring one host to one gateway port in a way the gateway cannot separate.</summary>
    internal static ImmutableArray<PlanConflict> Find(EgressPlan plan)
    {
        var conflicting = plan.Conflicts.Select(c => c.Destination).ToHashSet();
        var first = new Dictionary<(string Host, int GatewayPort), PlannedDestination>();
        var result = ImmutableArray.CreateBuilder<PlanConflict>();
        foreach (var destination in plan.Destinations.Where(d => !conflicting.Contains(d)))
        {
            foreach (var host in destination.Source.HostNames)
            {
                var key = (host, destination.GatewayPort);
                if (!first.TryGetValue(key, out var earlier))
                {
                    first[key] = destination;
                }
                else if (earlier.Source.PortNumber != destination.Source.PortNumber &&
                         !(earlier.Kind == TrafficKind.Http && destination.Kind == TrafficKind.Http))
                {
                    result.Add(new PlanConflict(destination, earlier, host, destination.Source.PortNumber!.Value));
                }
            }
        }
        return result.ToImmutable();
    }

    private static CodeFix? MoveGatewayPortFix(PolicyRuleContext context, PlannedDestination destination) =>
        destination.GatewayPortOrigin == GatewayPortOrigin.Explicit && destination.Source.GatewayPortNode is { } node &&
        context.PortSuggestions.Take(destination.Kind) is { } port
            ? RuleContext.Fix($"Change the gateway port to {port}", $"将网关端口改为 {port}",
                context.Edits.Replace(node, port.ToString(CultureInfo.InvariantCulture)))
            : null;
}
