using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A Telemetry: the pods of its namespace its <c>selector.matchLabels</c> picks (empty: all).</summary>
public sealed class TelemetryKind : IstioResourceKind
{
    public override string Name => "Telemetry";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, TelemetryGroup);

    protected override MeshResource BindMesh(Manifest m)
    {
        var labels = m.Spec?.GetMapping("selector")?.GetMapping("matchLabels");
        return new SelectingResourceModel(m.Kind, m.Namespace, m.Name, m.Location, Label.ReadAll(labels), labels is null ? null : m.LocationOf(labels));
    }
}
