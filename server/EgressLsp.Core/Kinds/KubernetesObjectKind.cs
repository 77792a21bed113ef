using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any Kubernetes object no other kind claims (a ConfigMap, an osm-edge <c>Egress</c> until osm-edge kinds come):
/// one flat outline entry; a Gateway API <c>Gateway</c> is also indexed, since a VirtualService may bind to it.
/// </summary>
public sealed class KubernetesObjectKind : DocumentKind
{
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    public override string Name => "Kubernetes object";

    public override bool Recognises(DocumentIdentity identity) => identity.ApiVersion is not null && identity.Kind is not null;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        if (manifest.Kind == "Gateway" && manifest.Group == GatewayApiGroup)
        {
            facts.IstioObjects.Add(new IstioObject(manifest.Kind, manifest.Namespace, manifest.Name, manifest.Location));
        }
        facts.AddMeshResource(manifest);
    }
}
