namespace EgressLsp.Core.Text;

/// <summary>
/// Levenshtein distance for "did you mean" suggestions: field names, enum values, gateway and namespace names.
/// Bounded: once every cell of a row exceeds the limit the comparison stops, so scanning many candidates stays cheap.
/// </summary>
public static class EditDistance
{
    /// <summary>The number of single-character insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b) => Distance(a, b, int.MaxValue);

    /// <summary>
    /// The candidate nearest to <paramref name="value"/> within <paramref name="maxDistance"/> edits, or null. Ties go to
    /// the ordinally smaller candidate so the suggestion does not depend on the candidates' order.
    /// </summary>
    public static string? Closest(string value, IEnumerable<string> candidates, int maxDistance)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var limit = Math.Min(maxDistance, bestDistance);
            var distance = Distance(value, candidate, limit);
            if (distance > limit)
            {
                continue;
            }
            if (distance < bestDistance || string.CompareOrdinal(candidate, best) < 0)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>The distance, or any value above <paramref name="limit"/> once it is certain to exceed it.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit == int.MaxValue ? Math.Abs(a.Length - b.Length) : limit + 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }
        // Two rows of the dynamic-programming table; short strings (names) keep them on the stack.
        Span<int> previous = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                var cell = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                current[j] = cell;
                rowMinimum = Math.Min(rowMinimum, cell);
            }
            if (rowMinimum > limit)
            {
                return limit + 1;
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.Length];
    }
}
