using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
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
    private static readonly HashSet<string> HostShapes = new(StringComparer.Ordinal)
    {
        "spec.hosts[]", "spec.host",
        "spec.http[].route[].destination.host", "spec.tls[].route[].destination.host", "spec.tcp[].route[].destination.host",
        "spec.http[].mirror.host", "spec.http[].mirrors[].destination.host",
    };

    private static readonly HashSet<string> GatewayShapes = new(StringComparer.Ordinal)
    {
        "spec.gateways[]", "spec.http[].match[].gateways[]", "spec.tls[].match[].gateways[]", "spec.tcp[].match[].gateways[]",
    };

    private static readonly HashSet<string> SubsetShapes = new(StringComparer.Ordinal)
    {
        "spec.http[].route[].destination.subset", "spec.tls[].route[].destination.subset", "spec.tcp[].route[].destination.subset",
    };

    public static Action<CompletionContext, List<CompletionEntry>> Add(DocumentAnalysis analysis) => (context, items) =>
    {
        SchemaCompletions.Add(context, items);
        if (context.Position == CompletionPosition.Key)
        {
            return;
        }
        var shape = context.Shape;
        var kind = (context.Document?.Root?.Resolved as YamlMapping)?.GetString("kind");
        if (HostShapes.Contains(shape) && !(shape == "spec.hosts[]" && kind is "ServiceEntry" or "Gateway"))
        {
            PolicyCompletions.AddHosts(context, analysis, items);
        }
        else if (GatewayShapes.Contains(shape) && kind == "VirtualService")
        {
            AddGateways(context, analysis, items);
        }
        else if (SubsetShapes.Contains(shape))
        {
            AddSubsets(context, analysis, items);
        }
    };

    private static void AddGateways(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        var offered = new HashSet<string>(context.ExistingItems, StringComparer.Ordinal);
        if (offered.Add("mesh"))
        {
            items.Add(Reference(context, "mesh", "every sidecar of the mesh", new LocalizedText(
                "The reserved gateway name for the mesh's sidecars: without it a VirtualService that names gateways no longer applies to sidecars.",
                "代表网格中所有 sidecar 的保留网关名:列出了 gateways 却不含 mesh 时,此 VirtualService 不再作用于 sidecar。"), "0"));
        }
        foreach (var gateway in analysis.Context.Workspace.IstioObjects.Where(o => o.Kind == "Gateway"))
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
        if (Parent(context) is not { } destination || destination.GetString("host") is not { } host)
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

    /// <summary>The mapping that holds the key being completed, found along the cursor's path in the document.</summary>
    private static YamlMapping? Parent(CompletionContext context)
    {
        YamlNode? node = context.Document?.Root?.Resolved;
        foreach (var segment in context.Path.SkipLast(1))
        {
            node = segment.IsItem
                ? (node as YamlSequence)?.Items.ElementAtOrDefault(segment.Index)?.Resolved
                : (node as YamlMapping)?.Get(segment.Key!);
        }
        return node as YamlMapping;
    }

    private static CompletionEntry Reference(CompletionContext context, string value, string detail, LocalizedText? documentation, string sortText) =>
        SchemaCompletions.Value(context, value, YamlText.Scalar(value), detail, documentation, CompletionEntryKind.Reference, sortText);
}
