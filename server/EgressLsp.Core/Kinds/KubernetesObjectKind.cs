namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any Kubernetes object no other kind claims (a ConfigMap, an osm-edge <c>Egress</c> until osm-edge kinds come):
/// one flat outline entry, nothing else.
/// </summary>
public sealed class KubernetesObjectKind : DocumentKind
{
    public override string Name => "Kubernetes object";

    public override bool Recognises(DocumentIdentity identity) => identity.ApiVersion is not null && identity.Kind is not null;
}
