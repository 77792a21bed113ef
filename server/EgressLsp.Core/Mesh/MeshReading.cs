using System.Collections.Immutable;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Mesh;

/// <summary>
/// What the document kinds share when they read a manifest into its <see cref="MeshResource"/>: items, strings and
/// numbers with their places. A wrong shape reads as absent (the schema reports it), so reading never fails.
/// </summary>
public static class MeshReading
{
    /// <summary>The ports of a ServiceEntry (<c>number</c>) or a Service (<c>port</c>).</summary>
    public static ImmutableArray<MeshPort> Ports(Manifest m, YamlSequence? ports, string numberKey) =>
        [.. Items(ports)
            .Where(p => Int(p.Item.GetScalar(numberKey)) is not null)
            .Select(p => new MeshPort(Int(p.Item.GetScalar(numberKey))!.Value, Scalar(m, p.Item.GetScalar("name")), p.Item.GetString("protocol"),
                p.Item.GetString("targetPort"), p.Item.GetString("appProtocol"), m.LocationOf(p.Item)))];

    /// <summary>The mapping items of a sequence, with their index in it.</summary>
    public static IEnumerable<(YamlMapping Item, int Index)> Items(YamlSequence? sequence)
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

    public static ImmutableArray<Written> Strings(Manifest m, YamlSequence? sequence) =>
        [.. (sequence?.Items ?? []).Select(i => Scalar(m, i.Resolved as YamlScalar)).OfType<Written>()];

    public static ImmutableArray<string> Values(YamlSequence? sequence) =>
        [.. (sequence?.Items ?? []).Select(i => i.Resolved).OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value)];

    public static Written? Scalar(Manifest m, YamlScalar? scalar) =>
        scalar is { IsNull: false } ? new Written(scalar.Value, m.LocationOf(scalar)) : null;

    public static int? Int(YamlScalar? scalar) =>
        scalar is not null && scalar.TryGetInt64(out var value) && value is >= 0 and <= int.MaxValue ? (int)value : null;

    /// <summary>The keys of <paramref name="mapping"/> outside <paramref name="known"/>, each where it is written.</summary>
    public static ImmutableArray<Written> OtherKeys(Manifest m, YamlMapping mapping, IReadOnlySet<string> known) =>
        [.. mapping.Pairs.Where(p => p.KeyText is { } key && !known.Contains(key)).Select(p => new Written(p.KeyText!, m.LocationOf(p.Key)))];

    /// <summary>The key node of <paramref name="key"/> in <paramref name="mapping"/> (a tight range for a block), else the mapping.</summary>
    public static YamlNode KeyOf(YamlMapping mapping, string key) => mapping.FindPair(key)?.Key ?? mapping;
}
