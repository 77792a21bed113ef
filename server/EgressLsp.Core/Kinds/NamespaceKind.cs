using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary><c>Namespace</c>: declares a namespace (EGP040, completion of <c>from.namespace</c>, go to definition).</summary>
public sealed class NamespaceKind : DocumentKind
{
    public override string Name => "Namespace";

    // By kind alone, as kubectl reads it: an apiVersion typo does not hide the namespace from the index.
    public override bool Recognises(DocumentIdentity identity) => identity.Kind == "Namespace";

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts) =>
        facts.Namespaces.Add(new NamespaceInfo(manifest.Name, manifest.Location));

    /// <summary>Its labels, for the mesh: ambient reads <c>istio.io/use-waypoint</c> on the namespace of a service.</summary>
    protected override MeshResource BindMesh(Manifest manifest) =>
        new NamespaceModel(manifest.Name, manifest.Location, Label.ReadAll(manifest.Metadata.GetMapping("labels")));
}
