using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI002: a host the egress gateway forwards to is declared by a ServiceEntry with <c>resolution: NONE</c> (the
/// default) or <c>STATIC</c> without endpoints. With NONE the gateway forwards to the connection's original
/// destination address, which is the gateway itself (the sidecar sent the traffic there): the request loops and
/// fails. Istio's egress gateway task uses <c>resolution: DNS</c> for that reason.
/// </summary>
public sealed class GatewayHopResolutionRule : MeshRule<ServiceEntryModel>
{
    public static readonly DiagnosticDescriptor EGI002 = new("EGI002", DiagnosticLevel.Error, "Gateway-routed host cannot be resolved by the gateway",
        "The egress gateway forwards '{0}' here, but resolution {1} gives it {2}: use 'resolution: DNS'.",
        "出口网关会把“{0}”转发到这里,但解析方式 {1} 使它{2}:请使用“resolution: DNS”。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI002];

    protected override void Check(MeshRuleContext context, ServiceEntryModel entry)
    {
        var resolution = entry.Resolution?.Value ?? "NONE";
        var unresolvable = resolution == "NONE" || resolution == "STATIC" && entry.Endpoints == 0 && !entry.HasWorkloadSelector;
        if (!unresolvable)
        {
            return;
        }
        foreach (var host in entry.Hosts)
        {
            var fqdn = context.Mesh.Fqdn(host.Value, entry.Namespace);
            // A hop to a host some ServiceEntry declares exactly is that entry's: Istio takes the most specific host.
            if (context.Mesh.GatewayHopsTo(fqdn).FirstOrDefault(hop => fqdn == context.Mesh.Fqdn(hop.Destination.Host!.Value.Value, hop.VirtualService.Namespace) ||
                    !context.Mesh.DeclaresExactly(context.Mesh.Fqdn(hop.Destination.Host!.Value.Value, hop.VirtualService.Namespace))) is not { } hop)
            {
                continue;
            }
            var why = resolution == "NONE"
                ? new LocalizedText("only the original destination, the gateway itself", "只能转发到原始目标地址,也就是网关自己")
                : new LocalizedText("no endpoint to send to", "没有可转发的端点");
            var fix = MeshHost.IsWildcard(host.Value) ? null : ResolveByDns(context, entry);
            context.Report(EGI002.Create((entry.Resolution?.Location ?? host.Location).Span, host.Value, resolution, why)
                .WithRelated(MeshRuleContext.RelatedAt(hop.Destination.Location, $"the gateway's route in {hop.VirtualService.DisplayName}",
                    $"{hop.VirtualService.DisplayName} 中网关的路由")), fix);
            return;
        }
    }

    private static CodeFix? ResolveByDns(MeshRuleContext context, ServiceEntryModel entry)
    {
        var title = ("Set resolution: DNS", "设置 resolution: DNS");
        if (context.NodeAt<YamlScalar>(entry.Resolution?.Location) is { } resolution)
        {
            return RuleContext.Fix(title.Item1, title.Item2, context.Edits.ReplaceString(resolution, "DNS"));
        }
        var spec = (context.Document.Document.Root?.Resolved as YamlMapping)?.GetMapping("spec");
        return spec is { Pairs.Length: > 0, IsFlow: false }
            ? RuleContext.Fix(title.Item1, title.Item2, context.Edits.InsertPair(spec, spec.Pairs.Length - 1, "resolution", "DNS"))
            : null;
    }
}
