using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Completion in hand-written Istio resources: the CRD schema's keys and values, and where a field names another
/// resource, the workspace's: hosts (declared by ServiceEntries and policies) for a VirtualService's hosts, a
/// destination's host and a DestinationRule's host; <c>mesh</c> and the Gateways (<c>namespace/name</c>) for a
/// VirtualService's gateways; the subsets the DestinationRules declare for a destination's host; <c>.</c>, <c>*</c>
/// and the workspace's namespaces for <c>exportTo</c>; the ports of a destination's host, and the ports the gateway
/// workload's Services expose for a Gateway server.
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
        else if (shape == "spec.exportTo[]")
        {
            AddNamespaces(context, analysis, items);
        }
        else if (shape == "spec.servers[].port.number" && kind == "Gateway")
        {
            AddGatewayServicePorts(context, analysis, items);
        }
        else if (shape.EndsWith("destination.port.number", StringComparison.Ordinal))
        {
            AddDestinationPorts(context, analysis, items);
        }
    };

    /// <summary><c>.</c>, <c>*</c> and the workspace's namespaces, for <c>exportTo</c>.</summary>
    private static void AddNamespaces(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        var offered = new HashSet<string>(context.ExistingItems, StringComparer.Ordinal);
        if (offered.Add("."))
        {
            items.Add(Reference(context, ".", "this resource's namespace", null, "0."));
        }
        if (offered.Add("*"))
        {
            items.Add(Reference(context, "*", "every namespace", null, "0*"));
        }
        foreach (var ns in analysis.Context.Workspace.KnownNamespaces)
        {
            if (offered.Add(ns))
            {
                items.Add(Reference(context, ns, "namespace", null, "1" + ns));
            }
        }
    }

    /// <summary>The ports the Services of the Gateway's selected workloads expose (what IST0162 accepts).</summary>
    private static void AddGatewayServicePorts(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        var selector = Policy.Label.ReadAll((context.Document?.Root?.Resolved as YamlMapping)?.GetMapping("spec")?.GetMapping("selector"));
        var mesh = analysis.Context.Workspace.MeshFor(analysis.Context.Environment.ClusterDomain);
        var offered = new HashSet<int>();
        foreach (var service in mesh.WorkloadsSelectedBy(selector, ns: null).SelectMany(mesh.ServicesSelecting).Distinct())
        {
            foreach (var port in service.Ports)
            {
                if (offered.Add(port.Number))
                {
                    var name = port.Name is { } n ? $" ({n.Value})" : "";
                    items.Add(Number(context, port.Number, $"port{name} of Service {service.Namespace}/{service.Name}"));
                }
            }
        }
    }

    /// <summary>The ports of the destination's host, as its ServiceEntry or Service declares them.</summary>
    private static void AddDestinationPorts(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        if (context.Document is not { Root.Resolved: YamlMapping root } document ||
            IstioResourceKind.ParentOf(document, context.Path.SkipLast(1)) is not { } destination || destination.GetString("host") is not { } host)
        {
            return;
        }
        var exportTo = MeshReading.Values(root.GetMapping("spec")?.GetSequence("exportTo"));
        var mesh = analysis.Context.Workspace.MeshFor(analysis.Context.Environment.ClusterDomain);
        if (mesh.FindDestination(IstioResourceKind.NamespaceOf(root), exportTo, host) is not { } registered)
        {
            return;
        }
        foreach (var port in registered.Ports.DistinctBy(p => p.Number))
        {
            var name = port.Name is { } n ? $" ({n.Value}{(port.Protocol is { } p ? ", " + p : "")})" : "";
            items.Add(Number(context, port.Number, $"port{name} of {registered.Source.DisplayName}"));
        }
    }

    private static CompletionEntry Number(CompletionContext context, int number, string detail) =>
        SchemaCompletions.Value(context, number.ToString(System.Globalization.CultureInfo.InvariantCulture), number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail, null, CompletionEntryKind.Reference, "0" + number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

    private static void AddGateways(CompletionContext context, DocumentAnalysis analysis, List<CompletionEntry> items)
    {
        var offered = new HashSet<string>(context.ExistingItems, StringComparer.Ordinal);
        if (offered.Add(VirtualServiceModel.MeshGatewayName))
        {
            items.Add(Reference(context, VirtualServiceModel.MeshGatewayName, "every sidecar of the mesh", new LocalizedText(
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
