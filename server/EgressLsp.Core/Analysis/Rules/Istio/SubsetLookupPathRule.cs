using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI003: the sidecars route to a subset of the egress gateway that the DestinationRules they read do not declare,
/// though a DestinationRule elsewhere does: the route's cluster does not exist for them and requests fail with
/// <c>503 NC</c>. A sidecar reads the rules of its own namespace for that host, else the exported ones of the
/// host's namespace, else of the root namespace (<c>PushContext.destinationRule</c>, pilot/pkg/model/push_context.go,
/// <see cref="MeshView.DestinationRulesFor"/>); the clients are taken to be in the VirtualService's namespace and the
/// namespaces it is exported to by name (the gateway namespace aside).
/// </summary>
public sealed class SubsetLookupPathRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor EGI003 = new("EGI003", DiagnosticLevel.Error, "Gateway subset not on the client's DestinationRule lookup path",
        "Sidecars in namespace '{0}' do not see subset '{1}' of '{2}': {3}. Requests fail with 503 NC.",
        "命名空间“{0}”中的 Sidecar 看不到“{2}”的子集“{1}”:{3}。请求会以 503 NC 失败。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI003];

    /// <summary>
    /// Exports the declaring rule to the client when that is all that hides it: it is in the host's namespace or
    /// istio-system (on the path), its <c>exportTo</c> leaves the client out, and it is written in this file.
    /// </summary>
    private static CodeFix? ExportFix(MeshRuleContext context, DestinationRuleModel declared, string client) =>
        (declared.Namespace == MeshView.IstioSystem || declared.Namespace == context.Mesh.ServiceOf(context.Mesh.Fqdn(declared.Host!.Value.Value, declared.Namespace))?.Namespace) &&
        context.NodeAt<Yaml.YamlSequence>(declared.ExportToLocation) is { Items.Length: > 0 } exportTo
            ? RuleContext.Fix($"Export {declared.Name} to {client}", $"将 {declared.Name} 导出到 {client}", context.Edits.AppendItem(exportTo, YamlEdits.String(client)))
            : null;

    /// <summary>
    /// The namespaces whose sidecars take this route: the ones its matches name (<c>sourceNamespace</c>), else those
    /// the VirtualService is exported to by name, else its own.
    /// </summary>
    private static string[] ClientsOf(VirtualServiceModel service, MeshRoute route)
    {
        if (route.SourceNamespaces.Any())
        {
            return [.. route.SourceNamespaces.Distinct()];
        }
        var named = service.ExportTo.Where(e => e is not ("*" or "~")).Select(e => e == "." ? service.Namespace : e).Distinct().ToArray();
        return named.Length > 0 ? named : [service.Namespace];
    }

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        foreach (var route in service.Routes.Where(service.IsSidecarRoute))
        {
            // The gateway's own namespace runs gateways, which do not apply the sidecars' routes.
            var clients = ClientsOf(service, route).Where(c => c != context.Environment.GatewayNamespace).ToArray();
            foreach (var destination in route.Destinations)
            {
                if (destination is not { Host: { } host, Subset: { } subset })
                {
                    continue;
                }
                var fqdn = context.Mesh.Fqdn(host.Value, service.Namespace);
                if (!context.Mesh.IsEgressGatewayHost(fqdn))
                {
                    continue;
                }
                var declaring = context.Mesh.DestinationRules
                    .Where(r => r.Host is { } h && context.Mesh.Fqdn(h.Value, r.Namespace) == fqdn && r.Subsets.Any(s => s.Name.Value == subset.Value))
                    .ToArray();
                if (declaring.Length == 0)
                {
                    continue;
                }
                foreach (var client in clients)
                {
                    var read = context.Mesh.DestinationRulesFor(client, fqdn, context.Mesh.ServiceNamespaceOf(client, fqdn));
                    if (read.Any(r => r.Subsets.Any(s => s.Name.Value == subset.Value)))
                    {
                        continue;
                    }
                    var declared = declaring[0];
                    var why = read.IsEmpty
                        ? new LocalizedText($"{declared.DisplayName} declares it, but namespace '{declared.Namespace}' is not on their lookup path or does not export it to them",
                            $"{declared.DisplayName} 声明了它,但命名空间“{declared.Namespace}”不在它们的查找路径上,或没有导出给它们")
                        : new LocalizedText($"they read {read[0].DisplayName} for this host, which hides {declared.DisplayName}",
                            $"它们读取的是此主机的 {read[0].DisplayName},它遮蔽了 {declared.DisplayName}");
                    var diagnostic = EGI003.Create(subset.Location.Span, client, subset.Value, host.Value, why)
                        .WithRelated(MeshRuleContext.RelatedAt(declared.Location, $"{declared.DisplayName} declares subset '{subset.Value}'", $"{declared.DisplayName} 声明了子集“{subset.Value}”"));
                    context.Report(read.IsEmpty ? diagnostic : diagnostic.WithRelated(MeshRuleContext.RelatedAt(read[0].Location,
                        $"sidecars in '{client}' read {read[0].DisplayName}", $"“{client}”中的 Sidecar 读取 {read[0].DisplayName}")),
                        read.IsEmpty ? ExportFix(context, declared, client) : null);
                    break;
                }
            }
        }
    }
}
