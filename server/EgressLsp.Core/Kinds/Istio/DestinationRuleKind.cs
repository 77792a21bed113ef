using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A DestinationRule: its host, visibility, client TLS (whole destination, per port, per subset) and subsets.</summary>
public sealed class DestinationRuleKind : IstioResourceKind
{
    public override string Name => "DestinationRule";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    /// <summary>Its subsets, for subset completion and go to definition.</summary>
    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        if (manifest.Spec?.GetString("host") is not { } host)
        {
            return;
        }
        foreach (var (subset, _) in Items(manifest.Spec.GetSequence("subsets")))
        {
            if (subset.GetScalar("name") is { IsNull: false } name)
            {
                facts.Subsets.Add(new DeclaredSubset(host, name.Value, manifest.LocationOf(name)));
            }
        }
    }

    protected override MeshResource BindMesh(Manifest m)
    {
        var spec = m.Spec;
        var policy = spec?.GetMapping("trafficPolicy");
        var subsets = Items(spec?.GetSequence("subsets"))
            .Where(s => s.Item.GetScalar("name") is { IsNull: false })
            .Select(s => new SubsetModel(Scalar(m, s.Item.GetScalar("name"))!.Value, Tls(m, s.Item.GetMapping("trafficPolicy")),
                PortTls(m, s.Item.GetMapping("trafficPolicy"))));
        return new DestinationRuleModel(m.Namespace, m.Name, m.Location, Scalar(m, spec?.GetScalar("host")), Values(spec?.GetSequence("exportTo")),
            spec?.GetMapping("workloadSelector") is not null, Tls(m, policy), PortTls(m, policy), [.. subsets],
            spec?.GetSequence("exportTo") is { } exportTo ? m.LocationOf(exportTo) : null,
            [.. TrafficSettings(m, policy).Concat(Items(spec?.GetSequence("subsets")).SelectMany(s => TrafficSettings(m, s.Item.GetMapping("trafficPolicy"))))]);
    }

    private static readonly HashSet<string> TlsKeys = new(StringComparer.Ordinal) { "tls", "portLevelSettings", "port" };

    /// <summary>The keys of a traffic policy and of its ports other than TLS: what an egress policy cannot carry.</summary>
    private static IEnumerable<Written> TrafficSettings(Manifest m, YamlMapping? trafficPolicy) =>
        trafficPolicy is null ? [] : OtherKeys(m, trafficPolicy, TlsKeys)
            .Concat(Items(trafficPolicy.GetSequence("portLevelSettings")).SelectMany(p => OtherKeys(m, p.Item, TlsKeys)));

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
}
