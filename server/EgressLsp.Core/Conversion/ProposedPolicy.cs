using System.Collections.Immutable;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Conversion;

/// <summary>A source of a proposed rule: a namespace, narrowed to the workloads with these labels when not empty.</summary>
public sealed record ProposedSource(string Namespace, ImmutableArray<Label> WorkloadSelector)
{
    public string Key => WorkloadSelector.IsEmpty ? Namespace : $"{Namespace}{{{string.Join(",", WorkloadSelector.Select(l => $"{l.Key}={l.Value}"))}}}";
}

/// <summary>One <c>to</c> entry of a proposed rule.</summary>
/// <param name="UpgradePort">The <c>httpsUpgrade.port</c> when the gateway originates TLS, else null.</param>
public sealed record ProposedTo(string? Name, ImmutableArray<string> Hosts, string? PortName, int Port, string Protocol, int GatewayPort, int? UpgradePort);

public sealed record ProposedRule(ImmutableArray<ProposedSource> From, ImmutableArray<ProposedTo> To);

/// <summary>
/// A proposed <c>ASMEgressTrafficPolicy</c> (v1) for one egress gateway, named and placed by the ASM conventions
/// (<c>egress-by-{gateway}</c> in <c>istio-egress</c>) so that the validator has nothing to say about it.
/// </summary>
public sealed record ProposedPolicy(string GatewayName, ImmutableArray<ProposedRule> Rules)
{
    public const string ApiVersion = "istio.alibabacloud.com/v1";

    public string Name => ResourceNames.ToDnsLabel($"egress-by-{GatewayName}");

    public ManifestMapping ToManifest() => ManifestMapping.Of(
        ("apiVersion", ApiVersion),
        ("kind", EgressPolicy.KindName),
        ("metadata", ManifestMapping.Of(("name", Name), ("namespace", PolicyObjects.DefaultPolicyNamespace))),
        ("spec", ManifestMapping.Of(
            ("byEgressGateway", ManifestMapping.Of(("name", GatewayName))),
            ("egressRules", new ManifestSequence(Rules.Select(Rule))))));

    private static ManifestMapping Rule(ProposedRule rule) => ManifestMapping.Of(
        ("from", new ManifestSequence(rule.From.Select(source => ManifestMapping.Of(
            ("namespace", source.Namespace),
            ("workloadSelector", source.WorkloadSelector.IsEmpty ? null : PolicyObjects.LabelMap(source.WorkloadSelector)))))),
        ("to", new ManifestSequence(rule.To.Select(To))));

    private static ManifestMapping To(ProposedTo to) => ManifestMapping.Of(
        ("name", to.Name),
        ("hosts", ManifestSequence.OfStrings(to.Hosts)),
        ("port", ManifestMapping.Of(("name", to.PortName), ("number", to.Port), ("protocol", to.Protocol))),
        ("byEgressGateway", ManifestMapping.Of(("port", to.GatewayPort))),
        ("httpsUpgrade", to.UpgradePort is { } upgrade ? ManifestMapping.Of(("enabled", true), ("port", upgrade)) : null));
}

/// <summary>
/// The environment the proposed policies assume, where it differs from the defaults (expansion.md, "Environment"):
/// the body of an <c>egresslsp.yaml</c>. Null members keep their defaults.
/// </summary>
public sealed record ProposedEnvironment(string? GatewayNamespace, string? GatewayService, ImmutableArray<Label>? GatewaySelector,
    string? ClusterDomain, string? TrustDomain)
{
    public bool IsDefault => GatewayNamespace is null && GatewayService is null && GatewaySelector is null && ClusterDomain is null && TrustDomain is null;

    /// <summary>The <c>egresslsp.yaml</c> document.</summary>
    public ManifestMapping ToManifest() => ManifestMapping.Of(("environment", ManifestMapping.Of(
        ("gatewayNamespace", GatewayNamespace),
        ("gatewayService", GatewayService),
        ("gatewaySelector", GatewaySelector is { } selector ? PolicyObjects.LabelMap(selector) : null),
        ("clusterDomain", ClusterDomain),
        ("trustDomain", TrustDomain))));
}
