using System.Collections.Immutable;
using EgressLsp.Core.Targets.IstioAmbient;
using EgressLsp.Core.Targets.IstioSidecar;
using EgressLsp.Core.Targets.OsmEdge;

namespace EgressLsp.Core.Targets;

/// <summary>
/// Every target, listed explicitly (no reflection: the native build stays trim- and AOT-safe). A new target is one
/// folder under <c>Targets/</c> and one line here; the CLI's <c>--target</c>, the project config, the editor
/// setting and the client's list all read this one.
/// </summary>
public static class TargetRegistry
{
    public static IstioSidecarTarget IstioSidecar { get; } = new();

    public static ImmutableArray<ExpansionTarget> All { get; } =
    [
        IstioSidecar,
        new IstioAmbientTarget(),
        new OsmEdgeTarget(),
    ];

    /// <summary>What a project that names no target expands for (expansion.md, "Environment").</summary>
    public static ExpansionTarget Default => IstioSidecar;

    public static IEnumerable<string> Ids => All.Select(target => target.Id);

    /// <summary>The target named <paramref name="id"/> (case-insensitive), or null.</summary>
    public static ExpansionTarget? Find(string? id) =>
        All.FirstOrDefault(target => string.Equals(target.Id, id, StringComparison.OrdinalIgnoreCase));
}
