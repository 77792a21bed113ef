using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any Kubernetes object no other kind claims (a ConfigMap, an osm-edge <c>Egress</c> until osm-edge kinds come):
/// one flat outline entry; a Gateway API <c>Gateway</c> (a VirtualService may bind to it) and a Secret (a Gateway's
/// credential) are read by the mesh analysis.
/// </summary>
public sealed class KubernetesObjectKind : DocumentKind
{
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    public override string Name => "Kubernetes object";

    public override bool Recognises(DocumentIdentity identity) => identity.ApiVersion is not null && identity.Kind is not null;

    /// <summary>A Gateway API Gateway (its listeners as servers) or a Secret (that it exists), for the mesh analysis.</summary>
    protected override MeshResource? BindMesh(Manifest m) => (m.Group, m.Kind) switch
    {
        (GatewayApiGroup, "Gateway") => GatewayApiGateway(m),
        ("", "Secret") => new SecretModel(m.Namespace, m.Name, m.Location),
        _ => null,
    };

    /// <summary>A listener without a hostname serves every host (<c>*</c>), as Istio's analyzer reads it.</summary>
    private static GatewayModel GatewayApiGateway(Manifest m)
    {
        var listeners = ImmutableArray.CreateBuilder<GatewayServer>();
        string? hboneAllowedRoutesFrom = null;
        foreach (var (listener, index) in MeshReading.Items(m.Spec?.GetSequence("listeners")))
        {
            var hostname = MeshReading.Scalar(m, listener.GetScalar("hostname"));
            var port = MeshReading.Int(listener.GetScalar("port"));
            var protocol = MeshReading.Scalar(m, listener.GetScalar("protocol"));
            listeners.Add(new GatewayServer(index, port, MeshReading.Scalar(m, listener.GetScalar("name")),
                protocol, [hostname is { Value.Length: > 0 } h ? h : new Written("*", m.LocationOf(listener))],
                null, null, m.LocationOf(listener)));
            if (protocol?.Value == "HBONE" && port == 15008)
            {
                hboneAllowedRoutesFrom ??= listener.GetMapping("allowedRoutes")?.GetMapping("namespaces")?.GetString("from");
            }
        }
        return new GatewayModel(m.Namespace, m.Name, m.Location, true, [], null, listeners.ToImmutable())
        {
            GatewayClass = m.Spec?.GetString("gatewayClassName"),
            Labels = Label.ReadAll(m.Metadata.GetMapping("labels")),
            AllowedRoutesFrom = hboneAllowedRoutesFrom,
        };
    }
}
