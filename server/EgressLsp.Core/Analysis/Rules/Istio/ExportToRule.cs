using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI008: an <c>exportTo</c> hides a hop of the egress path from the egress gateway's proxies: the VirtualService
/// bound to the egress Gateway, or the ServiceEntry or DestinationRule of the host it forwards to, is not exported
/// to the namespace the gateway runs in (its selected workloads', else the project's gateway namespace, istio-system
/// by default). istiod gives a proxy only the
/// configuration exported to its namespace, so the gateway has no route, no cluster or no TLS settings for the host.
/// </summary>
public sealed class ExportToRule : MeshRule<MeshResource>
{
    public static readonly DiagnosticDescriptor EGI008 = new("EGI008", DiagnosticLevel.Warning, "exportTo hides a hop of the egress path",
        "{0} is not exported to namespace '{1}', where the egress gateway {2} runs: the gateway does not see it.",
        "{0} 没有导出到出口网关 {2} 所在的命名空间“{1}”:网关看不到它。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI008];

    protected override void Check(MeshRuleContext context, MeshResource resource)
    {
        switch (resource)
        {
            case VirtualServiceModel service:
                foreach (var gateway in service.BoundGateways.Where(g => g != VirtualServiceModel.MeshGatewayName).Distinct())
                {
                    if (IstioResourceKind.GatewayNamed(gateway, service.Namespace) is { } name && context.Mesh.GatewayNamed(name.Namespace, name.Name) is { IsGatewayApi: false } model)
                    {
                        Check(context, service, service.ExportTo, model);
                    }
                }
                break;
            case ServiceEntryModel entry:
                foreach (var host in entry.Hosts)
                {
                    if (FirstGateway(context.Mesh, context.Mesh.Fqdn(host.Value, entry.Namespace)) is { } gateway)
                    {
                        Check(context, entry, entry.ExportTo, gateway);
                        break;
                    }
                }
                break;
            case DestinationRuleModel rule when rule.Host is { } host:
                if (FirstGateway(context.Mesh, context.Mesh.Fqdn(host.Value, rule.Namespace)) is { } forHost)
                {
                    Check(context, rule, rule.ExportTo, forHost);
                }
                break;
        }
    }

    private static GatewayModel? FirstGateway(MeshView mesh, string fqdn) =>
        mesh.GatewayHopsTo(fqdn).Select(hop => hop.Gateway).FirstOrDefault(g => g is { IsGatewayApi: false });

    private static void Check(MeshRuleContext context, MeshResource resource, ImmutableArray<string> exportTo, GatewayModel gateway)
    {
        var gatewayNamespace = context.Mesh.GatewayWorkloadNamespace(gateway, context.Environment.GatewayNamespace);
        if (MeshHost.IsExportedTo(exportTo, resource.Namespace, gatewayNamespace))
        {
            return;
        }
        var exportToNode = ((context.Document.Document.Root?.Resolved as YamlMapping)?.GetMapping("spec")?.FindPair("exportTo"));
        var span = exportToNode?.Key.Span ?? resource.Location.Span;
        var fix = exportToNode?.Value.Resolved is YamlSequence sequence
            ? RuleContext.Fix($"Export to {gatewayNamespace}", $"导出到 {gatewayNamespace}", context.Edits.AppendItem(sequence, YamlEdits.String(gatewayNamespace)))
            : null;
        context.Report(EGI008.Create(span, resource.DisplayName, gatewayNamespace, $"{gateway.Namespace}/{gateway.Name}")
            .WithRelated(MeshRuleContext.RelatedAt(gateway.Location, $"{gateway.DisplayName} selects the gateway", $"{gateway.DisplayName} 选择了该网关")), fix);
    }
}
