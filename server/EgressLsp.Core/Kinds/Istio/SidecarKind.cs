using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A Sidecar: the pods of its namespace its <c>workloadSelector</c> picks (empty: all).</summary>
public sealed class SidecarKind : IstioResourceKind
{
    public override string Name => "Sidecar";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    protected override MeshResource BindMesh(Manifest m)
    {
        var labels = m.Spec?.GetMapping("workloadSelector")?.GetMapping("labels");
        return new SelectingResourceModel(m.Kind, m.Namespace, m.Name, m.Location, Label.ReadAll(labels), labels is null ? null : m.LocationOf(labels));
    }
}
