using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Traffic;

/// <summary>
/// Every host and port the mesh's registry declares (<see cref="HostTraffic.Declarations"/>), each followed as
/// <see cref="HostTraffic"/>, and looked up by host: what the Istio data planes answer from.
/// </summary>
public sealed class HostTrafficIndex
{
    private readonly ILookup<string, HostTraffic> _byHost;
    private readonly ImmutableArray<HostTraffic> _wildcards;

    public HostTrafficIndex(MeshView mesh, EgressEnvironment environment)
    {
        All = [.. HostTraffic.Declarations(mesh).Select(d => new HostTraffic(mesh, environment, d))];
        _byHost = All.Where(h => !MeshHost.IsWildcard(h.Fqdn)).ToLookup(h => h.Fqdn, StringComparer.Ordinal);
        _wildcards = [.. All.Where(h => MeshHost.IsWildcard(h.Fqdn))];
    }

    public ImmutableArray<HostTraffic> All { get; }

    /// <summary>The registry's entries for <paramref name="host"/>: its own, then the wildcards that cover it (in declaration order).</summary>
    public HostTraffic[] For(string host) => [.. _byHost[host], .. _wildcards.Where(h => MeshHost.SubsetOf(host, h.Fqdn))];
}
