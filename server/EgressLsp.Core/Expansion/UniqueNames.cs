namespace EgressLsp.Core.Expansion;

/// <summary>Names already given within one scope (the routes of a VirtualService, the ports of a ServiceEntry).</summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public bool TryClaim(string name) => _taken.Add(name);

    /// <summary><paramref name="preferred"/>, or the first free <c>{preferred}-2</c>, <c>-3</c>…</summary>
    public string Claim(string preferred)
    {
        var candidate = preferred;
        for (var suffix = 2; !_taken.Add(candidate); suffix++)
        {
            candidate = $"{preferred}-{suffix}";
        }
        return candidate;
    }
}
