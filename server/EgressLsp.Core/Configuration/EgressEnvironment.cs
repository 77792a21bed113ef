using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Targets;

namespace EgressLsp.Core.Configuration;

/// <summary>
/// Facts the policy does not say (expansion.md, "Environment"), with the ASM conventions as defaults.
/// Null gateway Service and selector mean "derive from <c>spec.byEgressGateway.name</c>".
/// </summary>
public sealed record EgressEnvironment
{
    public static EgressEnvironment Default { get; } = new();

    public ExpansionTarget Target { get; init; } = TargetRegistry.Default;

    public string GatewayNamespace { get; init; } = "istio-system";

    public string? GatewayService { get; init; }

    public ImmutableArray<Label>? GatewaySelector { get; init; }

    public string RootNamespace { get; init; } = "istio-system";

    public string ClusterDomain { get; init; } = "cluster.local";

    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>The mesh's <c>outboundTrafficPolicy.mode</c>, which reachability answers assume.</summary>
    public OutboundTrafficPolicy OutboundTrafficPolicy { get; init; } = OutboundTrafficPolicy.RegistryOnly;

    public string GatewayServiceFor(string gatewayName) => GatewayService ?? gatewayName;

    public ImmutableArray<Label> GatewaySelectorFor(string gatewayName) =>
        GatewaySelector ?? [new Label("istio", gatewayName)];

    /// <summary>The gateway Service's fully qualified host, e.g. <c>egressgateway.istio-system.svc.cluster.local</c>.</summary>
    public string GatewayHostFor(string gatewayName) =>
        $"{GatewayServiceFor(gatewayName)}.{GatewayNamespace}.svc.{ClusterDomain}";

    /// <summary>
    /// The <c>istio</c> label value that finds the gateway pods in the workspace: the configured selector's (null
    /// when it has none), else the policy's gateway name.
    /// </summary>
    public string? GatewayLookupName(string? policyGatewayName) => GatewaySelector is { } selector
        ? selector.FirstOrDefault(label => label.Key == "istio").Value
        : policyGatewayName;

    public string PrincipalFor(string ns, string serviceAccount) => $"{TrustDomain}/ns/{ns}/sa/{serviceAccount}";
}

/// <summary>
/// Istio's <c>meshConfig.outboundTrafficPolicy.mode</c>: what a sidecar does with a host its registry does not know.
/// pilot/pkg/networking/core/httproute.go gives HTTP a catch-all virtual host that answers 502 (<c>block_all</c>) under
/// REGISTRY_ONLY and routes to PassthroughCluster under ALLOW_ANY; listener_builder.go sends TLS and TCP to
/// BlackHoleCluster or PassthroughCluster the same way.
/// </summary>
public enum OutboundTrafficPolicy
{
    /// <summary><c>REGISTRY_ONLY</c>: refused (BlackHoleCluster: HTTP 502, connections reset).</summary>
    RegistryOnly,

    /// <summary><c>ALLOW_ANY</c>: sent straight to the host (PassthroughCluster), past every egress gateway.</summary>
    AllowAny,
}

public static class OutboundTrafficPolicies
{
    public static string Name(this OutboundTrafficPolicy policy) => policy == OutboundTrafficPolicy.AllowAny ? "ALLOW_ANY" : "REGISTRY_ONLY";

    public static OutboundTrafficPolicy? Parse(string? text) => text switch
    {
        "REGISTRY_ONLY" => OutboundTrafficPolicy.RegistryOnly,
        "ALLOW_ANY" => OutboundTrafficPolicy.AllowAny,
        _ => null,
    };
}
