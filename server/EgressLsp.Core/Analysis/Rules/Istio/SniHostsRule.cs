using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI005: a <c>tls</c> route's <c>match.sniHosts</c> entry is not within the VirtualService's hosts; istiod rejects the
/// VirtualService ("SNI host is not a compatible subset of any of the virtual service hosts",
/// <c>validateSniHost</c>, pkg/config/validation/validation.go).
/// </summary>
public sealed class SniHostsRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor EGI005 = new("EGI005", DiagnosticLevel.Error, "sniHosts not within the VirtualService hosts",
        "SNI host '{0}' is not within this VirtualService's hosts ({1}): istiod rejects the VirtualService.",
        "SNI 主机“{0}”不在此 VirtualService 的主机({1})之内:istiod 会拒绝此 VirtualService。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI005];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        foreach (var sni in service.Routes.Where(r => r.Block == "tls").SelectMany(r => r.SniHosts))
        {
            if (service.Hosts.Any(h => MeshHost.SubsetOf(sni.Value, h.Value)))
            {
                continue;
            }
            var fix = service.Hosts is [var only] && context.NodeAt<YamlScalar>(sni.Location) is { } node
                ? RuleContext.Fix($"Use {only.Value}", $"改为 {only.Value}", context.Edits.ReplaceString(node, only.Value))
                : null;
            context.Report(EGI005.Create(sni.Location.Span, sni.Value, string.Join(", ", service.Hosts.Select(h => h.Value))), fix);
        }
    }
}
