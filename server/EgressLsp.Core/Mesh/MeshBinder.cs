using System.Collections.Immutable;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Mesh;

/// <summary>
/// Reads a manifest into its <see cref="MeshResource"/>. A wrong shape reads as absent (the schema reports it), so
/// binding never fails; a kind the mesh analysis does not read gives null.
/// </summary>
public static class MeshBinder
{
    public static MeshResource? Bind(Manifest manifest)
    {
        MeshResource? bound = (manifest.Group, manifest.Kind) switch
        {
            (IstioResourceKind.NetworkingGroup, "ServiceEntry") => ServiceEntry(manifest),
            (IstioResourceKind.NetworkingGroup, "Gateway") => Gateway(manifest),
            (KubernetesObjectKind.GatewayApiGroup, "Gateway") => GatewayApiGateway(manifest),
            (IstioResourceKind.NetworkingGroup, "VirtualService") => VirtualService(manifest),
            (IstioResourceKind.NetworkingGroup, "DestinationRule") => DestinationRule(manifest),
            (IstioResourceKind.NetworkingGroup, "Sidecar") => Selecting(manifest, manifest.Spec?.GetMapping("workloadSelector")?.GetMapping("labels")),
            (IstioResourceKind.TelemetryGroup, "Telemetry") => Selecting(manifest, manifest.Spec?.GetMapping("selector")?.GetMapping("matchLabels")),
            (IstioResourceKind.SecurityGroup, "AuthorizationPolicy") => AuthorizationPolicy(manifest),
            ("", "Service") => Service(manifest),
            ("", "Secret") => new SecretModel(manifest.Namespace, manifest.Name, manifest.Location),
            _ => null,
        };
        return bound is null ? null : bound with { Fingerprint = YamlFingerprint.Of(manifest.Root) };
    }

    private static ServiceEntryModel ServiceEntry(Manifest m)
    {
        var spec = m.Spec;
        return new ServiceEntryModel(m.Namespace, m.Name, m.Location, Strings(m, spec?.GetSequence("hosts")),
            Ports(m, spec?.GetSequence("ports"), "number"), Values(spec?.GetSequence("exportTo")), Scalar(m, spec?.GetScalar("resolution")),
            spec?.GetSequence("endpoints")?.Items.Length ?? 0, spec?.GetMapping("workloadSelector") is not null);
    }

    private static ServiceModel Service(Manifest m)
    {
        // networking.istio.io/exportTo: comma-separated namespaces, "." for the Service's own (util.getVisibleNamespacesFromExportToAnno).
        var annotation = m.Metadata.GetMapping("annotations")?.GetString("networking.istio.io/exportTo");
        ImmutableArray<string> exportTo = annotation is null
            ? []
            : [.. annotation.Split(',').Select(ns => ns.Trim()).Select(ns => ns == "." ? m.Namespace : ns)];
        return new ServiceModel(m.Namespace, m.Name, m.Location, Ports(m, m.Spec?.GetSequence("ports"), "port"),
            Label.ReadAll(m.Spec?.GetMapping("selector")), exportTo, m.Spec?.GetString("type"), Label.ReadAll(m.Metadata.GetMapping("labels")));
    }

    private static GatewayModel Gateway(Manifest m)
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

    private static GatewayModel GatewayApiGateway(Manifest m)
    {
        var listeners = ImmutableArray.CreateBuilder<GatewayServer>();
        foreach (var (listener, index) in Items(m.Spec?.GetSequence("listeners")))
        {
            var hostname = Scalar(m, listener.GetScalar("hostname"));
            listeners.Add(new GatewayServer(index, Int(listener.GetScalar("port")), Scalar(m, listener.GetScalar("name")),
                Scalar(m, listener.GetScalar("protocol")), [hostname is { Value.Length: > 0 } h ? h : new Written("*", m.LocationOf(listener))],
                null, null, m.LocationOf(listener)));
        }
        return new GatewayModel(m.Namespace, m.Name, m.Location, true, [], null, listeners.ToImmutable());
    }

    private static VirtualServiceModel VirtualService(Manifest m)
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
                    var entry = item.Resolved as YamlMapping;
                    destinations.Add(Destination(m, entry?.GetMapping("destination"), isMirror: false, item));
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

    private static DestinationRuleModel DestinationRule(Manifest m)
    {
        var spec = m.Spec;
        var policy = spec?.GetMapping("trafficPolicy");
        var subsets = Items(spec?.GetSequence("subsets"))
            .Where(s => s.Item.GetScalar("name") is { IsNull: false })
            .Select(s => new SubsetModel(Scalar(m, s.Item.GetScalar("name"))!.Value, Tls(m, s.Item.GetMapping("trafficPolicy")),
                PortTls(m, s.Item.GetMapping("trafficPolicy"))));
        return new DestinationRuleModel(m.Namespace, m.Name, m.Location, Scalar(m, spec?.GetScalar("host")), Values(spec?.GetSequence("exportTo")),
            spec?.GetMapping("workloadSelector") is not null, Tls(m, policy), PortTls(m, policy), [.. subsets]);
    }

    private static ClientTls? Tls(Manifest m, YamlMapping? trafficPolicy) =>
        trafficPolicy?.GetMapping("tls") is { } tls
            ? new ClientTls(Scalar(m, tls.GetScalar("mode")), Scalar(m, tls.GetScalar("sni")), tls.GetString("caCertificates") is { Length: > 0 },
                tls.GetString("credentialName"), m.LocationOf(KeyOf(trafficPolicy, "tls")))
            : null;

    private static ImmutableArray<PortTls> PortTls(Manifest m, YamlMapping? trafficPolicy) =>
        [.. Items(trafficPolicy?.GetSequence("portLevelSettings"))
            .Select(p => (p.Item, Tls: Tls(m, p.Item)))
            .Where(p => p.Tls is not null)
            .Select(p => new PortTls(Int(p.Item.GetMapping("port")?.GetScalar("number")), p.Tls!))];

    private static SelectingResourceModel Selecting(Manifest m, YamlMapping? labels) =>
        new(m.Kind, m.Namespace, m.Name, m.Location, Label.ReadAll(labels), labels is null ? null : m.LocationOf(labels));

    private static AuthorizationPolicyModel AuthorizationPolicy(Manifest m)
    {
        var sources = Items(m.Spec?.GetSequence("rules"))
            .SelectMany(rule => Items(rule.Item.GetSequence("from")))
            .Select(from => from.Item.GetMapping("source"))
            .OfType<YamlMapping>()
            .SelectMany(source => Strings(m, source.GetSequence("namespaces")).Concat(Strings(m, source.GetSequence("notNamespaces"))));
        return new AuthorizationPolicyModel(m.Namespace, m.Name, m.Location, [.. sources]);
    }

    private static ImmutableArray<MeshPort> Ports(Manifest m, YamlSequence? ports, string numberKey) =>
        [.. Items(ports)
            .Where(p => Int(p.Item.GetScalar(numberKey)) is not null)
            .Select(p => new MeshPort(Int(p.Item.GetScalar(numberKey))!.Value, Scalar(m, p.Item.GetScalar("name")), p.Item.GetString("protocol"),
                p.Item.GetString("targetPort"), p.Item.GetString("appProtocol"), m.LocationOf(p.Item)))];

    /// <summary>The mapping items of a sequence, with their index in it.</summary>
    private static IEnumerable<(YamlMapping Item, int Index)> Items(YamlSequence? sequence)
    {
        var items = sequence?.Items ?? [];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Resolved is YamlMapping mapping)
            {
                yield return (mapping, i);
            }
        }
    }

    private static ImmutableArray<Written> Strings(Manifest m, YamlSequence? sequence) =>
        [.. (sequence?.Items ?? []).Select(i => Scalar(m, i.Resolved as YamlScalar)).OfType<Written>()];

    private static ImmutableArray<string> Values(YamlSequence? sequence) =>
        [.. (sequence?.Items ?? []).Select(i => i.Resolved).OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value)];

    private static Written? Scalar(Manifest m, YamlScalar? scalar) =>
        scalar is { IsNull: false } ? new Written(scalar.Value, m.LocationOf(scalar)) : null;

    private static int? Int(YamlScalar? scalar) =>
        scalar is not null && scalar.TryGetInt64(out var value) && value is >= 0 and <= int.MaxValue ? (int)value : null;

    /// <summary>The key node of <paramref name="key"/> in <paramref name="mapping"/> (a tight range for a block), else the mapping.</summary>
    private static YamlNode KeyOf(YamlMapping mapping, string key) => mapping.FindPair(key)?.Key ?? mapping;
}
