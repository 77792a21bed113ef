using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// <c>to[].byEgressGateway.port</c>: EGP013 for a written port the gateway does not declare; EGP014 (v1beta1) and
/// EGP015 (v1, ports partly set) for a missing one.
/// </summary>
public sealed class GatewayPortRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP013 = new("EGP013", DiagnosticLevel.Warning, "Gateway port not declared by the gateway",
        "Port {0} is not a port of egress gateway '{1}' (its ports: {2}).",
        "端口 {0} 不是出口网关“{1}”的端口(其端口:{2})。");

    public static readonly DiagnosticDescriptor EGP014 = new("EGP014", DiagnosticLevel.Error, "to.byEgressGateway missing under v1beta1",
        "'byEgressGateway' is required on every 'to' entry in v1beta1; only v1 auto-allocates gateway ports.",
        "v1beta1 中每个“to”条目都必须设置“byEgressGateway”;只有 v1 会自动分配网关端口。");

    public static readonly DiagnosticDescriptor EGP015 = new("EGP015", DiagnosticLevel.Info, "Gateway ports partly set",
        "Some 'to' entries set byEgressGateway.port and this one does not: v1 auto-allocates only when every entry omits it. This entry gets port {0}; set it explicitly.",
        "部分“to”条目设置了 byEgressGateway.port 而此条目没有:只有所有条目都省略时 v1 才会自动分配。此条目将使用端口 {0},请显式设置。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP013, EGP014, EGP015];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var destination in context.Policy.Destinations)
        {
            Check(context, destination);
        }
    }

    private static void Check(PolicyRuleContext context, Destination destination)
    {
        if (destination.GatewayPort is { } port)
        {
            if (context.Gateway is { KnowsPorts: true } gateway && !gateway.Ports.Any(p => p.Number == port))
            {
                context.Report(EGP013.Create(destination.GatewayPortNode!.Span, port, gateway.Name,
                    string.Join(", ", gateway.Ports.Select(p => p.Number).Distinct().Order())));
            }
            return;
        }
        if (destination.GatewayPortNode is { IsNull: false })
        {
            return; // a port of the wrong type or range: the schema reports it
        }
        Diagnostic diagnostic;
        if (context.Policy.Version == PolicyApiVersion.V1Beta1)
        {
            var anchor = destination.Node.FindPair("byEgressGateway") is { } gatewayPair
                ? gatewayPair.Key.Span
                : PolicyRuleContext.FirstKeySpan(destination);
            diagnostic = EGP014.Create(anchor);
        }
        else if (context.Planned(destination) is { GatewayPortOrigin: GatewayPortOrigin.Fallback } planned)
        {
            diagnostic = EGP015.Create(PolicyRuleContext.FirstKeySpan(destination), planned.GatewayPort);
        }
        else
        {
            return;
        }
        context.Report(diagnostic, context.PortSuggestions.Take(destination.TrafficKind) is { } suggested
            ? SetGatewayPortFix(context.Edits, destination, suggested)
            : null);
    }

    /// <summary>Writes <c>byEgressGateway.port</c> into a <c>to</c> entry that lacks it, creating the block if needed.</summary>
    private static CodeFix? SetGatewayPortFix(YamlEdits edits, Destination destination, int port)
    {
        var value = port.ToString(CultureInfo.InvariantCulture);
        TextEdit edit;
        if (destination.Node.FindPair("byEgressGateway") is { } gatewayPair)
        {
            switch (gatewayPair.Value.Resolved)
            {
                case YamlMapping mapping when mapping.FindPair("port") is { } portPair:
                    edit = edits.SetValue(portPair, value);
                    break;
                case YamlMapping mapping:
                    edit = edits.InsertPair(mapping, mapping.Pairs.Length - 1, "port", value);
                    break;
                case YamlScalar { IsNull: true, Span.Length: 0 }:
                    edit = edits.FillEmptyPair(gatewayPair, "port", value);
                    break;
                case YamlScalar { IsNull: true }:
                    edit = edits.SetValue(gatewayPair, $"{{port: {value}}}");
                    break;
                default:
                    return null;
            }
        }
        else
        {
            // After the application port, where the guide writes it.
            var after = RuleContext.IndexOf(destination.Node, "port") ?? destination.Node.Pairs.Length - 1;
            edit = edits.InsertPair(destination.Node, after, "byEgressGateway", null, ("port", value));
        }
        return RuleContext.Fix($"Set the gateway port to {port}", $"将网关端口设为 {port}", edit);
    }
}
