using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A VirtualService: its hosts, the gateways it binds to, and each route's matches and destinations.</summary>
public sealed class VirtualServiceKind : IstioResourceKind
{
    public override string Name => "VirtualService";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    /// <summary>
    /// The keys of a match that narrow it to some requests or connections (HTTPMatchRequest, TLSMatchAttributes,
    /// L4MatchAttributes in the CRD); an exact <c>authority</c> is read as such. A key the CRD does not know is IST0106's.
    /// </summary>
    private static readonly HashSet<string> ConditionKeys = new(StringComparer.Ordinal)
    {
        "uri", "scheme", "method", "authority", "headers", "queryParams", "ignoreUriCase", "withoutHeaders", "destinationSubnets", "sourceSubnet",
    };

    /// <summary>The keys of a route that say where it sends traffic; the others change the request on the way.</summary>
    private static readonly HashSet<string> RoutingRouteKeys = new(StringComparer.Ordinal) { "name", "match", "route", "directResponse" };

    protected override MeshResource BindMesh(Manifest m)
    {
        var spec = m.Spec;
        var routes = ImmutableArray.CreateBuilder<MeshRoute>();
        foreach (var block in new[] { "http", "tls", "tcp" })
        {
            foreach (var (route, index) in Items(spec?.GetSequence(block)))
            {
                var destinations = ImmutableArray.CreateBuilder<MeshDestination>();
                foreach (var item in route.GetSequence("route")?.Items ?? [])
                {
                    // A route entry without a destination (`- {}`) is a destination without a host.
                    var entry = item.Resolved as YamlMapping;
                    destinations.Add(Destination(m, entry?.GetMapping("destination"), isMirror: false, item, Int(entry?.GetScalar("weight"))));
                }
                if (route.GetMapping("mirror") is { } mirror)
                {
                    destinations.Add(Destination(m, mirror, isMirror: true, mirror, weight: null));
                }
                foreach (var (mirrored, _) in Items(route.GetSequence("mirrors")))
                {
                    destinations.Add(Destination(m, mirrored.GetMapping("destination"), isMirror: true, mirrored, weight: null));
                }
                routes.Add(new MeshRoute(block, index, route.GetString("name"),
                    [.. Items(route.GetSequence("match")).Select(match => Match(m, match.Item))],
                    destinations.ToImmutable(),
                    Int(route.GetMapping("directResponse")?.GetScalar("status")),
                    OtherKeys(m, route, RoutingRouteKeys),
                    m.LocationOf(route)));
            }
        }
        var gateways = spec?.GetSequence("gateways");
        return new VirtualServiceModel(m.Namespace, m.Name, m.Location, Strings(m, spec?.GetSequence("hosts")), Strings(m, gateways),
            gateways is null ? null : m.LocationOf(gateways), Values(spec?.GetSequence("exportTo")), routes.ToImmutable());
    }

    private static MeshMatch Match(Manifest m, YamlMapping match)
    {
        var exactAuthority = match.GetMapping("authority") is { Pairs: [{ KeyText: "exact" }] } authority ? authority.GetString("exact") : null;
        var conditions = match.Pairs
            .Where(p => p.KeyText is { } key && ConditionKeys.Contains(key) && !(key == "authority" && exactAuthority is not null))
            .Select(p => new Written(p.KeyText!, m.LocationOf(p.Key)));
        return new MeshMatch(Strings(m, match.GetSequence("gateways")),
            Int(match.GetScalar("port")) is not null ? Scalar(m, match.GetScalar("port")) : null,
            Strings(m, match.GetSequence("sniHosts")), match.GetString("sourceNamespace"), Label.ReadAll(match.GetMapping("sourceLabels")),
            exactAuthority, [.. conditions], m.LocationOf(match));
    }

    private static MeshDestination Destination(Manifest m, YamlMapping? destination, bool isMirror, YamlNode where, int? weight) =>
        new(isMirror, Scalar(m, destination?.GetScalar("host")), Scalar(m, destination?.GetScalar("subset")),
            Int(destination?.GetMapping("port")?.GetScalar("number")), m.LocationOf(destination ?? where), weight);
}
