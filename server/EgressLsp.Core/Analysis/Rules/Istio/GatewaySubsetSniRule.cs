using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI004: the SNI a gateway subset sends (<c>subsets[].trafficPolicy.tls.sni</c>) is not the external host the sidecars
/// route through it, or one subset with an SNI carries several hosts. The egress gateway picks its server (and the
/// route behind it) by that SNI, as in Istio's egress TLS origination task, so a wrong or shared SNI sends the
/// traffic of a host to another host's server, or to none.
/// </summary>
public sealed class GatewaySubsetSniRule : MeshRule<DestinationRuleModel>
{
    public static readonly DiagnosticDescriptor EGI004 = new("EGI004", DiagnosticLevel.Error, "Gateway subset SNI does not match the external host",
        "Subset '{0}' sends SNI '{1}', but the sidecars route {2} through it: the gateway selects its server by this SNI.",
        "子集“{0}”发送的 SNI 是“{1}”,但 Sidecar 通过它路由{2}:网关按此 SNI 选择服务器。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI004];

    protected override void Check(MeshRuleContext context, DestinationRuleModel rule)
    {
        if (rule.Host is not { } ruleHost)
        {
            return;
        }
        var gatewayFqdn = context.Mesh.Fqdn(ruleHost.Value, rule.Namespace);
        foreach (var subset in rule.Subsets)
        {
            // The SNI of the subset as a whole, or of its ports (Istio's task sets it per port).
            if ((subset.Tls?.Sni ?? subset.PortTls.Select(p => p.Tls.Sni).FirstOrDefault(s => s is not null)) is not { } sni)
            {
                continue;
            }
            var users = context.Mesh.VirtualServices
                .Where(vs => vs.Routes.Where(vs.IsSidecarRoute).SelectMany(r => r.Destinations).Any(d =>
                    d.Subset?.Value == subset.Name.Value && d.Host is { } h && context.Mesh.Fqdn(h.Value, vs.Namespace) == gatewayFqdn))
                .ToArray();
            var hosts = users.SelectMany(vs => vs.Hosts.Select(h => h.Value)).Distinct(StringComparer.Ordinal).ToArray();
            if (hosts.Length == 0 || hosts is [var only] && MeshHost.SubsetOf(sni.Value, only) && !MeshHost.IsWildcard(sni.Value))
            {
                continue;
            }
            var fix = hosts is [var single] && !MeshHost.IsWildcard(single) && context.NodeAt<YamlScalar>(sni.Location) is { } node
                ? RuleContext.Fix($"Set sni to {single}", $"将 sni 设为 {single}", context.Edits.ReplaceString(node, single))
                : null;
            var diagnostic = EGI004.Create(sni.Location.Span, subset.Name.Value, sni.Value, RuleContext.ListNames(hosts));
            foreach (var user in users)
            {
                diagnostic = diagnostic.WithRelated(MeshRuleContext.RelatedAt(user.Location, $"{user.DisplayName} routes through this subset",
                    $"{user.DisplayName} 经由此子集路由"));
            }
            context.Report(diagnostic, fix);
        }
    }
}
