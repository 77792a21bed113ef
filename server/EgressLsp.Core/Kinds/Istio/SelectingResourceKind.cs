using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>
/// An Istio resource that applies to the pods of its namespace a label selector picks (empty: all): a Sidecar
/// (<c>workloadSelector.labels</c>), a Telemetry (<c>selector.matchLabels</c>). One unit for the family: they differ in
/// the kind and where the labels are.
/// </summary>
public sealed class SelectingResourceKind(string name, string group, string selectorKey, string labelsKey) : IstioResourceKind
{
    public static SelectingResourceKind Sidecar { get; } = new("Sidecar", NetworkingGroup, "workloadSelector", "labels");

    public static SelectingResourceKind Telemetry { get; } = new("Telemetry", TelemetryGroup, "selector", "matchLabels");

    public override string Name => name;

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, group);

    protected override MeshResource BindMesh(Manifest m)
    {
        var labels = m.Spec?.GetMapping(selectorKey)?.GetMapping(labelsKey);
        return new SelectingResourceModel(m.Kind, m.Namespace, m.Name, m.Location, Label.ReadAll(labels), labels is null ? null : m.LocationOf(labels));
    }
}
