using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Completion in hand-written Istio resources: the CRD schema's keys and values, and where a field names another
/// resource, the workspace's: hosts (declared by ServiceEntries and policies) for a VirtualService's hosts, a
/// destination's host and a DestinationRule's host; <c>mesh</c> and the Gateways (<c>namespace/name</c>) for a
/// VirtualService's gateways; the subsets the DestinationRules declare for a destination's host.
/// </summary>
internal static class IstioCompletions
{
    public static Action<CompletionContext, List<CompletionEntry>> Add(DocumentAnalysis analysis) => (context, items) =>
    {
        SchemaCompletions.Add(context, items);
        if (context.Position == CompletionPosition.Key)
        {
            return;
        }
        var shape = context.Shape;
        var kind = (context.Document?.Root?.Resolved as YamlMapping)?.GetString("kind");
        if (IstioResourceKind.HostFields.Contains(shape) && !(shape == "spec.hosts[]" && kind is "ServiceEntry" or "Gateway"))
        {
            PolicyCompletions.AddHosts(context, analysis, items);
        }
        else if (IstioResourceKind.GatewayFields.Contains(shape) && kind == "VirtualService")
        {
            AddGateways(context, analysis, items);
        }
        else if (IstioResourceKind.SubsetFields.Contains(shape))
        {
            AddSubsets(context, analysis, items);
        }
    };

    private static void AddGateways(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        var offered = new HashSet<string>(context.ExistingItems, StringComparer.Ordinal);
        if (offered.Add(IstioResourceKind.MeshGateway))
        {
            items.Add(Reference(context, IstioResourceKind.MeshGateway, "every sidecar of the mesh", new LocalizedText(
                "The reserved gateway name for the mesh's sidecars: without it a VirtualService that names gateways no longer applies to sidecars.",
                "代表网格中所有 sidecar 的保留网关名:列出了 gateways 却不含 mesh 时,此 VirtualService 不再作用于 sidecar。"), "0"));
        }
        foreach (var gateway in analysis.Context.Workspace.MeshGateways)
        {
            var name = $"{gateway.Namespace}/{gateway.Name}";
            if (offered.Add(name))
            {
                items.Add(Reference(context, name, $"Gateway in {Path.GetFileName(gateway.Location.Path)}", null, "1" + name));
            }
        }
    }

    /// <summary>The subsets declared for the host written beside the cursor (<c>destination.host</c>).</summary>
    private static void AddSubsets(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        if (context.Document is not { } document || IstioResourceKind.ParentOf(document, context.Path) is not { } destination || destination.GetString("host") is not { } host)
        {
            return;
        }
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subset in analysis.Context.Workspace.SubsetsOf(host))
        {
            if (offered.Add(subset.Name))
            {
                items.Add(Reference(context, subset.Name, $"subset of {host} in {Path.GetFileName(subset.Location.Path)}", null, "0" + subset.Name));
            }
        }
    }

    private static CompletionEntry Reference(CompletionContext context, string value, string detail, LocalizedText? documentation, string sortText) =>
        SchemaCompletions.Value(context, value, YamlText.Scalar(value), detail, documentation, CompletionEntryKind.Reference, sortText);
}
