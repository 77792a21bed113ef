using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>An AuthorizationPolicy: the source namespaces its rules name (<c>namespaces</c>, <c>notNamespaces</c>).</summary>
public sealed class AuthorizationPolicyKind : IstioResourceKind
{
    public override string Name => "AuthorizationPolicy";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, SecurityGroup);

    protected override MeshResource BindMesh(Manifest m)
    {
        var sources = Items(m.Spec?.GetSequence("rules"))
            .SelectMany(rule => Items(rule.Item.GetSequence("from")))
            .Select(from => from.Item.GetMapping("source"))
            .OfType<YamlMapping>()
            .SelectMany(source => Strings(m, source.GetSequence("namespaces")).Concat(Strings(m, source.GetSequence("notNamespaces"))));
        return new AuthorizationPolicyModel(m.Namespace, m.Name, m.Location, [.. sources]);
    }
}
