using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0132: none of a VirtualService's hosts is served by a Gateway it binds to (<c>spec.gateways</c>), as Istio's
/// <c>virtualservice.GatewayAnalyzer</c> (pkg/config/analysis/analyzers/virtualservice/gateways.go) decides it: a
/// server host <c>ns/host</c> counts only for VirtualServices of <c>ns</c> (<c>.</c> the Gateway's, <c>*</c> any;
/// <c>host.NamesForNamespace</c>), hosts match with wildcards either way, a Gateway API listener without a hostname
/// serves every host, and a Gateway that does not exist serves none (so it is IST0101 and IST0132, as in istioctl).
/// Only when the workspace holds Gateways, as for IST0101.
/// </summary>
public sealed class VirtualServiceHostInGatewayRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor IST0132 = new("IST0132", DiagnosticLevel.Warning, "VirtualService host not found in gateway",
        "None of this VirtualService's hosts ({0}) is served by gateway '{1}'{2}.",
        "此 VirtualService 的主机({0})都不由网关“{1}”提供{2}。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [IST0132];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        if (context.Mesh.Gateways.IsEmpty)
        {
            return;
        }
        foreach (var written in service.Gateways)
        {
            if (IstioResourceKind.GatewayNamed(written.Value, service.Namespace) is not { } name)
            {
                continue;
            }
            var gateway = context.Mesh.GatewayNamed(name.Namespace, name.Name);
            // Several files may hold versions of one Gateway (alternatives, or one per environment): any will do.
            if (context.Mesh.GatewaysNamed(name.Namespace, name.Name).Any(g => Serves(g, service)))
            {
                continue;
            }
            var hosts = string.Join(", ", service.Hosts.Select(h => h.Value));
            var served = gateway is null ? [] : ServedHosts(gateway, service.Namespace).ToArray();
            var detail = gateway is null
                ? new LocalizedText(" (no such Gateway)", "(没有这个 Gateway)")
                : served.Length == 0
                    ? new LocalizedText(" (it serves no host to this namespace)", "(它不向此命名空间提供任何主机)")
                    : new LocalizedText($" (it serves {string.Join(", ", served)})", $"(它提供 {string.Join("、", served)})");
            var diagnostic = IST0132.Create(written.Location.Span, hosts, written.Value, detail);
            context.Report(gateway is null ? diagnostic : diagnostic.WithRelated(MeshRuleContext.RelatedAt(gateway.Location,
                $"the servers of {gateway.DisplayName}", $"{gateway.DisplayName} 的服务器")), AddHostFix(context, gateway, service));
        }
    }

    /// <summary>Adds the VirtualService's host to the Gateway's only server, when that Gateway is written in this file.</summary>
    private static CodeFix? AddHostFix(MeshRuleContext context, GatewayModel? gateway, VirtualServiceModel service) =>
        gateway is { IsGatewayApi: false, Servers: [var server] } && service.Hosts is [var host] &&
        context.NodeAt<Yaml.YamlSequence>(server.HostsLocation) is { Items.Length: > 0 } hosts
            ? RuleContext.Fix($"Add {host.Value} to the hosts of Gateway {gateway.Name}", $"将 {host.Value} 加入 Gateway {gateway.Name} 的 hosts",
                context.Edits.AppendItem(hosts, Analysis.YamlEdits.String(host.Value)))
            : null;

    internal static bool Serves(GatewayModel gateway, VirtualServiceModel service) =>
        ServedHosts(gateway, service.Namespace).Any(served => service.Hosts.Any(host => MeshHost.Matches(served, host.Value)));

    /// <summary>The hosts a Gateway's servers offer to VirtualServices of <paramref name="virtualServiceNamespace"/>.</summary>
    internal static IEnumerable<string> ServedHosts(GatewayModel gateway, string virtualServiceNamespace) =>
        gateway.Servers.SelectMany(server => server.Hosts)
            .Select(host => MeshHost.GatewayHostFor(host.Value, gateway.Namespace, virtualServiceNamespace))
            .OfType<string>();
}
