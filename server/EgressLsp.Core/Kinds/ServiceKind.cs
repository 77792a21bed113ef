using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary><c>Service</c>: one labelled <c>istio: {name}</c> is the Service of gateway {name}, with its ports.</summary>
public sealed class ServiceKind : DocumentKind
{
    public override string Name => "Service";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == "Service";

    /// <summary>Istio reads a Service's ports (IST0118, IST0112, IST0162); its other findings are left to other tooling.</summary>
    public override bool IsCheckedByRules => true;

    public override bool ReadsMesh => true;

    /// <summary>
    /// The Service as the mesh sees it: <c>name.ns.svc.{domain}</c> with its ports, visible where its
    /// <c>networking.istio.io/exportTo</c> annotation says (comma-separated, <c>.</c> for its own namespace;
    /// <c>util.getVisibleNamespacesFromExportToAnno</c>, pkg/config/analysis/analyzers/util/service_lookup.go).
    /// </summary>
    protected override MeshResource BindMesh(Manifest m)
    {
        var annotation = m.Metadata.GetMapping("annotations")?.GetString("networking.istio.io/exportTo");
        ImmutableArray<string> exportTo = annotation is null
            ? []
            : [.. annotation.Split(',').Select(ns => ns.Trim()).Select(ns => ns == "." ? m.Namespace : ns)];
        return new ServiceModel(m.Namespace, m.Name, m.Location, MeshReading.Ports(m, m.Spec?.GetSequence("ports"), "port"),
            Label.ReadAll(m.Spec?.GetMapping("selector")), exportTo, m.Spec?.GetString("type"), Label.ReadAll(m.Metadata.GetMapping("labels")));
    }

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        if (manifest.GatewayLabel is { } gateway)
        {
            facts.Gateways.Add(new GatewayInfo(gateway, manifest.Namespace, Name,
                WorkspaceFactsBuilder.ReadPorts(manifest.Spec?.GetSequence("ports")), manifest.Location));
        }
    }
}
