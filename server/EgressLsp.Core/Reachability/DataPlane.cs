using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Traffic;

namespace EgressLsp.Core.Reachability;

/// <summary>
/// How one target's data plane carries a request to an external host: the sidecars and an Istio egress gateway, ztunnel
/// and a waypoint, osm-edge's sidecars and its EgressGateway. Each target's folder has one
/// (<see cref="Targets.ExpansionTarget.DataPlaneOf"/>), built over one workspace model; its answers are queries on it.
/// </summary>
public abstract class DataPlane
{
    /// <summary>Every host and port the data plane declares: the matrix's columns.</summary>
    public abstract IEnumerable<ReachDestination> Destinations { get; }

    /// <summary>The namespaces its objects name as sources, exports or homes: rows of the matrix beside the workspace's namespaces.</summary>
    public abstract IEnumerable<string> NamedNamespaces { get; }

    /// <summary>The namespaces its gateways run in: they see the hosts in order to forward them, and are no sources.</summary>
    public abstract IEnumerable<string> GatewayNamespaces { get; }

    /// <summary>The sources narrower than a namespace that it tells apart (labels a route matches, accounts a policy admits).</summary>
    public abstract IEnumerable<ReachSource> SingledOut(IReadOnlySet<string> namespaces);

    public abstract ReachAnswer Answer(ReachSource source, ReachDestination destination);

    /// <summary>What the data plane makes of the outbound traffic policy, said with every answer (null: it applies as written).</summary>
    public virtual LocalizedText? Note => null;

    /// <summary>
    /// The hop where a proxy (<paramref name="proxy"/>: the gateway, the waypoint) originates TLS to the host, when a
    /// DestinationRule makes it; the refusal when it does so over the application's own TLS, else null.
    /// </summary>
    protected static ReachAnswer? OriginateTls(EgressReachability model, HopChain chain, HostTraffic traffic, Origination origination, LocalizedText proxy)
    {
        if (origination.Rule is not { } origin)
        {
            return null;
        }
        var mode = origination.Tls?.Mode?.Value;
        chain.Hop("tls-origination", model.ObjectOf(origin, origination.Tls?.Location), $"the {proxy.En} originates TLS ({mode}) to {traffic.Host}:{origination.EndpointPort}",
            $"{proxy.Zh}向 {traffic.Host}:{origination.EndpointPort} 发起 TLS({mode})");
        return origination.Kind == OriginationKind.DoubleTls
            ? chain.Refused("TLS error (TLS originated over the application's TLS)", "TLS 错误(在应用的 TLS 之上再次发起 TLS)")
            : null;
    }

    /// <summary>
    /// The last hop of a request that an Istio proxy (<paramref name="proxy"/>: the gateway, the waypoint) forwards to the
    /// host: the port the host's endpoints receive it on, and how it is carried.
    /// </summary>
    protected static void HopToHost(HopChain chain, HostTraffic traffic, Origination origination, LocalizedText proxy)
    {
        var (en, zh) = origination.Kind is OriginationKind.Simple or OriginationKind.Mutual ? ($"TLS originated by the {proxy.En}", $"由{proxy.Zh}发起 TLS")
            : traffic.Kind switch
            {
                TrafficKind.Http => ($"plain {traffic.Protocol}", $"明文 {traffic.Protocol}"),
                TrafficKind.Tcp => ($"{traffic.Protocol}, passed through", $"{traffic.Protocol},透传"),
                _ => ("TLS from the application, passed through", "应用发起的 TLS,透传"),
            };
        chain.Hop("upstream", null, $"{traffic.Host}:{origination.EndpointPort} ({en})", $"{traffic.Host}:{origination.EndpointPort}({zh})");
    }

    /// <summary>The hosts and ports of an Istio registry whose protocol is known (the matrix leaves wildcards out).</summary>
    protected static IEnumerable<ReachDestination> DeclaredBy(HostTrafficIndex hosts) =>
        hosts.All.Where(h => h.Kind != TrafficKind.Unknown)
            .Select(h => new ReachDestination(h.Fqdn, h.Port, h.Kind == TrafficKind.Http ? ReachProtocol.Http : ReachProtocol.Tls));
}

/// <summary>One answer's hops, in the order the request meets them, and the verdict they lead to.</summary>
public sealed class HopChain(EgressReachability model, ReachSource source, LocalizedText? note)
{
    private readonly ImmutableArray<ReachHop>.Builder _hops = ImmutableArray.CreateBuilder<ReachHop>();

    public ReachSource Source => source;

    public string Host { get; set; } = "";

    public int Port { get; set; }

    /// <summary>As the registry names it (HTTP, HTTPS, TLS, TCP…).</summary>
    public string Protocol { get; set; } = "HTTP";

    /// <summary>Whether the application speaks HTTP (a refusal is an HTTP status) rather than TLS or TCP (a reset).</summary>
    public bool Http { get; set; } = true;

    /// <summary>The egress gateway's host the request goes through, once it gets there.</summary>
    public string? Gateway { get; set; }

    /// <summary>The request is for a host and port the registry declares: its name, port and protocol are the registry's.</summary>
    public void For(HostTraffic traffic)
    {
        (Host, Port, Protocol) = (traffic.Host, traffic.Port, traffic.Protocol);
        Http = traffic.Kind == TrafficKind.Http;
    }

    public void Hop(string step, HopObject? at, string en, string zh) => _hops.Add(new ReachHop(step, at, new LocalizedText(en, zh)));

    public ReachAnswer Allowed(ReachVia via) => Done(ReachOutcome.Allowed, via, null);

    /// <summary>Refused, as an HTTP client or a TLS/TCP client sees it.</summary>
    public ReachAnswer Refused(string httpEn, string httpZh, string tlsEn, string tlsZh) =>
        Done(ReachOutcome.Refused, null, Http ? new LocalizedText(httpEn, httpZh) : new LocalizedText(tlsEn, tlsZh));

    /// <summary>Refused the same way whatever the application speaks.</summary>
    public ReachAnswer Refused(string en, string zh) => Done(ReachOutcome.Refused, null, new LocalizedText(en, zh));

    private ReachAnswer Done(ReachOutcome outcome, ReachVia? via, LocalizedText? symptom) =>
        new(source, Host, Port, Protocol, outcome, via, symptom, _hops.ToImmutable(), model.Environment.OutboundTrafficPolicy, Gateway, note);
}
