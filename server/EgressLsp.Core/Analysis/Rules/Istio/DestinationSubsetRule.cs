using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 for a destination subset no DestinationRule of the workspace declares for that host, as Istio's
/// <c>virtualservice.DestinationRuleAnalyzer</c> (pkg/config/analysis/analyzers/virtualservice/destinationrules.go)
/// keys them: by the resource the host names (a Service's namespace and name for a cluster-local FQDN, else the
/// host in the rule's own namespace) and the subset name. Only when the workspace holds DestinationRules at all.
/// Whether the rule is on the client's lookup path is EGI003's question.
/// </summary>
public sealed class DestinationSubsetRule : MeshRule<VirtualServiceModel>
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        if (context.Mesh.DestinationRules.IsEmpty)
        {
            return;
        }
        foreach (var destination in service.Destinations)
        {
            if (destination is { Host.Value: { Length: > 0 } host, Subset: { } subset } &&
                !context.Mesh.HasSubset(context.Mesh.ResourceOf(host, service.Namespace), subset.Value))
            {
                var (whatEn, whatZh) = destination.IsMirror
                    ? ("mirror+subset in destinationrule", "DestinationRule 中的镜像主机+子集")
                    : ("host+subset in destinationrule", "DestinationRule 中的主机+子集");
                context.Report(ReferencedResource.NotFound(subset.Location.Span, whatEn, whatZh, $"{host}+{subset.Value}"));
            }
        }
    }
}
