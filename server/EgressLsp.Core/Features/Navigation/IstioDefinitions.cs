using System.Collections.Immutable;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Navigation;

/// <summary>
/// Go to definition in hand-written Istio resources: from a VirtualService's gateway to the Gateway, from a host to
/// the ServiceEntry (or policy) that declares it, from a destination's subset to the DestinationRule subset.
/// </summary>
internal static class IstioDefinitions
{
    public static ImmutableArray<ManifestLocation> Of(WorkspaceIndex workspace, YamlDocument document, FieldReference field)
    {
        if (field.IsOnKey || field.Value is not { IsNull: false } value || document.Root?.Resolved is not YamlMapping root)
        {
            return [];
        }
        var shape = CompletionContext.ShapeOf(field.Path);
        if (IstioResourceKind.GatewayFields.Contains(shape) && root.GetString("kind") == "VirtualService")
        {
            return IstioResourceKind.GatewayNamed(value.Value, IstioResourceKind.NamespaceOf(root)) is { } gateway
                ? [.. workspace.MeshGateways.Where(o => (o.Namespace, o.Name) == gateway).Select(o => o.Location)]
                : [];
        }
        if (IstioResourceKind.HostFields.Contains(shape) && root.GetString("kind") != "ServiceEntry")
        {
            return [.. workspace.Hosts.Where(h => h.Host.Equals(value.Value, StringComparison.OrdinalIgnoreCase)).Select(h => h.Location)];
        }
        if (IstioResourceKind.SubsetFields.Contains(shape) && IstioResourceKind.ParentOf(document, field.Path)?.GetString("host") is { } host)
        {
            return [.. workspace.SubsetsOf(host).Where(s => s.Name == value.Value).Select(s => s.Location)];
        }
        return [];
    }
}
