using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A VirtualService: its hosts, the gateways it binds to, and each route's matches and destinations.</summary>
public sealed class VirtualServiceKind : IstioResourceKind
{
    public override string Name => "VirtualService";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    protected override MeshResource BindMesh(Manifest m)
    {
        var spec = m.Spec;
        var routes = ImmutableArray.CreateBuilder<MeshRoute>();
        foreach (var block in new[] { "http", "tls", "tcp" })
        {
            foreach (var (route, index) in Items(spec?.GetSequence(block)))
            {
                var matches = Items(route.GetSequence("match")).Select(i => i.Item).ToArray();
                var destinations = ImmutableArray.CreateBuilder<MeshDestination>();
                foreach (var item in route.GetSequence("route")?.Items ?? [])
                {
                    // A route entry without a destination (`- {}`) is a destination without a host.
                    destinations.Add(Destination(m, (item.Resolved as YamlMapping)?.GetMapping("destination"), isMirror: false, item));
                }
                if (route.GetMapping("mirror") is { } mirror)
                {
                    destinations.Add(Destination(m, mirror, isMirror: true, mirror));
                }
                foreach (var (mirrored, _) in Items(route.GetSequence("mirrors")))
                {
                    destinations.Add(Destination(m, mirrored.GetMapping("destination"), isMirror: true, mirrored));
                }
                routes.Add(new MeshRoute(block, index,
                    [.. matches.SelectMany(match => Strings(m, match.GetSequence("gateways")))],
                    [.. matches.SelectMany(match => Strings(m, match.GetSequence("sniHosts")))],
                    [.. matches.Where(match => Int(match.GetScalar("port")) is not null).Select(match => Scalar(m, match.GetScalar("port"))!.Value)],
                    [.. matches.Select(match => match.GetString("sourceNamespace")).OfType<string>()],
                    destinations.ToImmutable(), m.LocationOf(route)));
            }
        }
        var gateways = spec?.GetSequence("gateways");
        return new VirtualServiceModel(m.Namespace, m.Name, m.Location, Strings(m, spec?.GetSequence("hosts")), Strings(m, gateways),
            gateways is null ? null : m.LocationOf(gateways), Values(spec?.GetSequence("exportTo")), routes.ToImmutable());
    }

    private static MeshDestination Destination(Manifest m, YamlMapping? destination, bool isMirror, YamlNode where) =>
        new(isMirror, Scalar(m, destination?.GetScalar("host")), Scalar(m, destination?.GetScalar("subset")),
            Int(destination?.GetMapping("port")?.GetScalar("number")), m.LocationOf(destination ?? where));
}
