using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>An Istio Gateway: the workload it selects and its servers (port, hosts, TLS).</summary>
public sealed class GatewayKind : IstioResourceKind
{
    public override string Name => "Gateway";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    protected override MeshResource BindMesh(Manifest m)
    {
        var selector = m.Spec?.GetMapping("selector");
        var servers = ImmutableArray.CreateBuilder<GatewayServer>();
        foreach (var (server, index) in Items(m.Spec?.GetSequence("servers")))
        {
            var port = server.GetMapping("port");
            var tls = server.GetMapping("tls");
            servers.Add(new GatewayServer(index, Int(port?.GetScalar("number")), Scalar(m, port?.GetScalar("name")), Scalar(m, port?.GetScalar("protocol")),
                Strings(m, server.GetSequence("hosts")), server.GetString("bind"),
                tls is null ? null : new ServerTls(Scalar(m, tls.GetScalar("mode")), Scalar(m, tls.GetScalar("credentialName")), m.LocationOf(KeyOf(server, "tls"))),
                m.LocationOf(port is null ? server : KeyOf(server, "port")),
                server.GetSequence("hosts") is { } hosts ? m.LocationOf(hosts) : null));
        }
        return new GatewayModel(m.Namespace, m.Name, m.Location, false, Label.ReadAll(selector),
            selector is null ? null : m.LocationOf(selector), servers.ToImmutable());
    }
}
