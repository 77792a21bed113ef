using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace EgressLsp.Core.Policy;

/// <summary>A <c>to</c> entry with its effective gateway port and upstream port resolved.</summary>
public sealed record PlannedDestination(
    Destination Source,
    EgressRule Rule,
    int GatewayPort,
    GatewayPortOrigin GatewayPortOrigin,
    int UpstreamPort,
    bool OriginatesTls)
{
    public TrafficKind Kind => Source.TrafficKind;
}

public enum GatewayPortOrigin
{
    /// <summary>Written in <c>to.byEgressGateway.port</c>.</summary>
    Explicit,

    /// <summary>v1: every <c>to</c> omits the port, so it is auto-allocated.</summary>
    AutoAllocated,

    /// <summary>Missing while other entries set theirs (EGP015) or under v1beta1 (EGP014): allocated so expansion can go on.</summary>
    Fallback,
}

/// <summary>One source allowed to reach a host and port, and the rule that allows it.</summary>
public sealed record PlannedSource(RuleSource Source, PlannedDestination Destination)
{
    public string Namespace => Source.Namespace!;
}

/// <summary>Everything the policy routes to one external host on one application port.</summary>
public sealed record PlannedHostPort(string Host, int AppPort, PlannedDestination Settings, ImmutableArray<PlannedSource> Sources)
{
    public TrafficKind Kind => Settings.Kind;

    public int GatewayPort => Settings.GatewayPort;

    public int UpstreamPort => Settings.UpstreamPort;

    public bool OriginatesTls => Settings.OriginatesTls;

    public IEnumerable<PlannedDestination> Origins => Sources.Select(s => s.Destination).Distinct();
}

/// <summary>An external host and all the ports the policy routes to it.</summary>
public sealed record PlannedHost(string Host, ImmutableArray<PlannedHostPort> Ports)
{
    public IEnumerable<string> SourceNamespaces =>
        Ports.SelectMany(p => p.Sources).Select(s => s.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

/// <summary>
/// A contradiction in the policy, found while planning (EGP025: the same host and port routed with different
/// settings); the analyzer reports it on <see cref="Destination"/>, the later entry.
/// </summary>
public sealed record PlanConflict(PlannedDestination Destination, PlannedDestination Other, string Host, int Port);

/// <summary>
/// The meaning of a policy, independent of any target: effective gateway ports (the policy language's own: v1
/// auto-allocates them as ASM does),
/// destinations grouped per external host and port with their allowed sources, and the conflicts found on the
/// way. Diagnostics and every translator read this one plan, so the rules live in one place.
/// </summary>
public sealed class EgressPlan
{
    public const int AutoHttpPort = 10000;
    public const int AutoGrpcPort = 50051;
    public const int AutoOpaqueFirst = 10001;
    public const int AutoOpaqueLast = 20000;

    private EgressPlan(EgressPolicy policy, ImmutableArray<PlannedDestination> destinations, ImmutableArray<PlannedHost> hosts,
        ImmutableArray<PlanConflict> conflicts)
    {
        Policy = policy;
        Destinations = destinations;
        Hosts = hosts;
        Conflicts = conflicts;
    }

    public EgressPolicy Policy { get; }

    /// <summary>Every <c>to</c> entry that has a protocol and a port, in source order.</summary>
    public ImmutableArray<PlannedDestination> Destinations { get; }

    /// <summary>External hosts in order of first appearance; conflicting later routes are left out.</summary>
    public ImmutableArray<PlannedHost> Hosts { get; }

    public ImmutableArray<PlanConflict> Conflicts { get; }

    public PlannedDestination? Find(Destination destination) => Destinations.FirstOrDefault(d => d.Source == destination);

    public static EgressPlan Build(EgressPolicy policy)
    {
        var destinations = PlanDestinations(policy);
        var conflicts = ImmutableArray.CreateBuilder<PlanConflict>();
        var hosts = GroupByHost(destinations, conflicts);
        return new EgressPlan(policy, destinations, hosts, conflicts.ToImmutable());
    }

    private static ImmutableArray<PlannedDestination> PlanDestinations(EgressPolicy policy)
    {
        var usable = policy.Rules
            .SelectMany(rule => rule.To.Select(to => (rule, to)))
            .Where(pair => pair.to.PortNumber is not null && pair.to.Protocol is not null)
            .ToArray();
        var allOmit = usable.All(pair => pair.to.GatewayNode is null && pair.to.GatewayPort is null);
        var used = new HashSet<int>(usable.Where(p => p.to.GatewayPort is not null).Select(p => p.to.GatewayPort!.Value));
        var result = ImmutableArray.CreateBuilder<PlannedDestination>(usable.Length);
        // Opaque (TLS/TCP) destinations get ports keyed by "hosts[0]-port", so adding an unrelated destination
        // moves no existing port; they are placed in key order to make collisions resolve deterministically.
        var opaquePorts = AllocateOpaquePorts(usable.Where(p => p.to.GatewayPort is null && p.to.TrafficKind != TrafficKind.Http)
            .Select(p => p.to), used);
        foreach (var (rule, to) in usable)
        {
            int gatewayPort;
            GatewayPortOrigin origin;
            if (to.GatewayPort is { } explicitPort)
            {
                gatewayPort = explicitPort;
                origin = GatewayPortOrigin.Explicit;
            }
            else
            {
                gatewayPort = to.TrafficKind == TrafficKind.Http
                    ? (Protocols.IsGrpc(to.Protocol) ? AutoGrpcPort : AutoHttpPort)
                    : opaquePorts.GetValueOrDefault(to, AutoOpaqueFirst);
                origin = allOmit && policy.Version != PolicyApiVersion.V1Beta1 ? GatewayPortOrigin.AutoAllocated : GatewayPortOrigin.Fallback;
            }
            var originates = to.UpgradeEnabled && to.UpgradePort is not null && to.TrafficKind == TrafficKind.Http;
            var upstream = originates ? to.UpgradePort!.Value : to.PortNumber!.Value;
            result.Add(new PlannedDestination(to, rule, gatewayPort, origin, upstream, originates));
        }
        return result.ToImmutable();
    }

    private static Dictionary<Destination, int> AllocateOpaquePorts(IEnumerable<Destination> destinations, HashSet<int> used)
    {
        const int range = AutoOpaqueLast - AutoOpaqueFirst + 1;
        var byKey = destinations.ToLookup(d => $"{(d.Hosts.IsEmpty ? d.Path : d.Hosts[0].Host)}-{d.PortNumber}", StringComparer.Ordinal);
        var result = new Dictionary<Destination, int>();
        foreach (var group in byKey.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var slot = (int)(StableHash.Fnv1a(group.Key) % range);
            for (var probe = 0; probe < range; probe++)
            {
                var port = AutoOpaqueFirst + (slot + probe) % range;
                if (used.Add(port))
                {
                    foreach (var destination in group)
                    {
                        result[destination] = port;
                    }
                    break;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Groups routes per host and application port. A second route for the same host and port must carry the
    /// same settings (it only adds sources); otherwise it conflicts. The upstream side is checked too: a port
    /// the gateway originates TLS to cannot also carry plain or passthrough traffic to that host.
    /// </summary>
    private static ImmutableArray<PlannedHost> GroupByHost(ImmutableArray<PlannedDestination> destinations, ImmutableArray<PlanConflict>.Builder conflicts)
    {
        // Sized for one host per destination, the common case, and written as loops: this runs on every keystroke.
        var order = new List<string>(destinations.Length);
        var ports = new Dictionary<string, List<HostPortBuilder>>(destinations.Length, StringComparer.Ordinal);
        var upstreamUse = new Dictionary<(string Host, int Port), PlannedDestination>(destinations.Length);
        foreach (var destination in destinations)
        {
            foreach (var host in destination.Source.HostNames)
            {
                if (!ports.TryGetValue(host, out var hostPorts))
                {
                    ports[host] = hostPorts = new List<HostPortBuilder>(1);
                    order.Add(host);
                }
                var appPort = destination.Source.PortNumber!.Value;
                var existing = IndexOfPort(hostPorts, appPort);
                if (existing >= 0 && !SameRouteSettings(hostPorts[existing].Settings, destination))
                {
                    conflicts.Add(new PlanConflict(destination, hostPorts[existing].Settings, host, appPort));
                    continue;
                }
                if (upstreamUse.TryGetValue((host, destination.UpstreamPort), out var upstreamOwner) &&
                    upstreamOwner.OriginatesTls != destination.OriginatesTls)
                {
                    conflicts.Add(new PlanConflict(destination, upstreamOwner, host, destination.UpstreamPort));
                    continue;
                }
                upstreamUse.TryAdd((host, destination.UpstreamPort), destination);
                if (existing < 0)
                {
                    hostPorts.Add(new HostPortBuilder(appPort, destination, ImmutableArray.CreateBuilder<PlannedSource>(destination.Rule.From.Length)));
                    existing = hostPorts.Count - 1;
                }
                foreach (var source in destination.Rule.From)
                {
                    if (source.Namespace is not null)
                    {
                        hostPorts[existing].Sources.Add(new PlannedSource(source, destination));
                    }
                }
            }
        }
        var hosts = new PlannedHost[order.Count];
        for (var i = 0; i < hosts.Length; i++)
        {
            var hostPorts = ports[order[i]];
            var planned = new PlannedHostPort[hostPorts.Count];
            for (var j = 0; j < planned.Length; j++)
            {
                planned[j] = new PlannedHostPort(order[i], hostPorts[j].AppPort, hostPorts[j].Settings, hostPorts[j].Sources.DrainToImmutable());
            }
            hosts[i] = new PlannedHost(order[i], ImmutableCollectionsMarshal.AsImmutableArray(planned));
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(hosts);
    }

    private static int IndexOfPort(List<HostPortBuilder> ports, int appPort)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].AppPort == appPort)
            {
                return i;
            }
        }
        return -1;
    }

    private readonly record struct HostPortBuilder(int AppPort, PlannedDestination Settings, ImmutableArray<PlannedSource>.Builder Sources);

    private static bool SameRouteSettings(PlannedDestination a, PlannedDestination b) =>
        a.Source.Protocol == b.Source.Protocol && a.GatewayPort == b.GatewayPort &&
        a.UpstreamPort == b.UpstreamPort && a.OriginatesTls == b.OriginatesTls;
}

/// <summary>FNV-1a: a hash that is the same on every machine and run, for names and port allocation.</summary>
public static class StableHash
{
    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
