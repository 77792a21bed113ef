using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>An AuthorizationPolicy: where it applies, its action, and what each rule admits (sources, hosts, ports, SNI).</summary>
public sealed class AuthorizationPolicyKind : IstioResourceKind
{
    public override string Name => "AuthorizationPolicy";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, SecurityGroup);

    private static readonly HashSet<string> SourceKeys = new(StringComparer.Ordinal) { "namespaces", "notNamespaces", "principals" };

    private static readonly HashSet<string> OperationKeys = new(StringComparer.Ordinal) { "hosts", "ports" };

    /// <summary>The <c>when</c> key an egress gateway reads the requested host from for TLS traffic.</summary>
    public const string SniKey = "connection.sni";

    protected override MeshResource BindMesh(Manifest m)
    {
        var spec = m.Spec;
        var rules = Items(spec?.GetSequence("rules")).Select(rule => Rule(m, rule.Item));
        var selector = spec?.GetMapping("selector");
        return new AuthorizationPolicyModel(m.Namespace, m.Name, m.Location, spec?.GetString("action") ?? "ALLOW",
            selector is null ? null : Label.ReadAll(selector.GetMapping("matchLabels")),
            [.. Items(spec?.GetSequence("targetRefs")).Select(r => r.Item).Append(spec?.GetMapping("targetRef")).OfType<YamlMapping>()
                .Select(r => new PolicyTargetRef(r.GetString("group") ?? "", r.GetString("kind") ?? "", r.GetString("name") ?? ""))],
            [.. rules]);
    }

    private static AuthorizationRule Rule(Manifest m, YamlMapping rule)
    {
        var conditions = ImmutableArray.CreateBuilder<Written>();
        var sources = Items(rule.GetSequence("from"))
            .Select(from => from.Item.GetMapping("source"))
            .OfType<YamlMapping>()
            .Select(source => new AuthorizationSource(Strings(m, source.GetSequence("namespaces")), Strings(m, source.GetSequence("notNamespaces")),
                Strings(m, source.GetSequence("principals")), OtherKeys(m, source, SourceKeys)));
        ImmutableArray<string>? hosts = null, ports = null;
        foreach (var (to, _) in Items(rule.GetSequence("to")))
        {
            if (to.GetMapping("operation") is not { } operation)
            {
                continue;
            }
            if (operation.GetSequence("hosts") is { } hostList)
            {
                hosts = (hosts ?? []).AddRange(Values(hostList));
            }
            if (operation.GetSequence("ports") is { } portList)
            {
                ports = (ports ?? []).AddRange(Values(portList));
            }
            conditions.AddRange(OtherKeys(m, operation, OperationKeys));
        }
        ImmutableArray<string>? sni = null;
        foreach (var (condition, _) in Items(rule.GetSequence("when")))
        {
            if (condition.GetString("key") == SniKey)
            {
                sni = (sni ?? []).AddRange(Values(condition.GetSequence("values")));
            }
            else
            {
                conditions.Add(new Written(condition.GetString("key") ?? "when", m.LocationOf(condition)));
            }
        }
        return new AuthorizationRule([.. sources], hosts, ports, sni, conditions.ToImmutable(), m.LocationOf(rule));
    }
}
