using System.Runtime.InteropServices;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// A 64-bit FNV-1a-style hash of a node's content (keys, values, structure), blind to where it is written and how
/// (spans, quoting, flow or block style): two nodes that mean the same have the same fingerprint.
/// </summary>
public static class YamlFingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(YamlNode? node)
    {
        var hash = Offset;
        Add(ref hash, node, depth: 0);
        return hash;
    }

    private static void Add(ref ulong hash, YamlNode? node, int depth)
    {
        // Aliases are followed; the budget has already bounded what they stand for, the depth guards a cycle.
        switch (depth > YamlBudget.MaxDepth ? null : node?.Resolved)
        {
            case YamlScalar scalar:
                Mix(ref hash, 's');
                Mix(ref hash, scalar.Value);
                break;
            case YamlMapping mapping:
                Mix(ref hash, '{');
                foreach (var pair in mapping.Pairs)
                {
                    Add(ref hash, pair.Key, depth + 1);
                    Add(ref hash, pair.Value, depth + 1);
                }
                Mix(ref hash, '}');
                break;
            case YamlSequence sequence:
                Mix(ref hash, '[');
                foreach (var item in sequence.Items)
                {
                    Add(ref hash, item, depth + 1);
                }
                Mix(ref hash, ']');
                break;
            default:
                Mix(ref hash, '~');
                break;
        }
    }

    private static void Mix(ref ulong hash, string text)
    {
        // Four characters a step (every policy edit fingerprints the whole policy); each step is a bijection of the
        // state, so a change in any one character always changes the result.
        var words = MemoryMarshal.Cast<char, ulong>(text.AsSpan());
        foreach (var word in words)
        {
            hash = (hash ^ word) * Prime;
        }
        foreach (var c in text.AsSpan(words.Length * 4))
        {
            Mix(ref hash, c);
        }
        Mix(ref hash, '\0');
    }

    private static void Mix(ref ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        hash = (hash ^ (byte)(c >> 8)) * Prime;
    }
}
