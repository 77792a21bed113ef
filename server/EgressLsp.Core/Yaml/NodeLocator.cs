using System.Collections.Immutable;
using System.Text;

namespace EgressLsp.Core.Yaml;

/// <summary>One step of a path from a document's root: a mapping key or a sequence index.</summary>
public readonly record struct PathSegment(string? Key, int Index)
{
    public static PathSegment Property(string key) => new(key, -1);

    public static PathSegment Item(int index) => new(null, index);

    public bool IsItem => Key is null;

    public override string ToString() => IsItem ? $"[{Index}]" : Key!;
}

/// <summary>
/// Where an offset falls in a document: the chain of nodes from the root to the innermost node containing it,
/// the path of keys and indices to it, and whether it sits on a key. Completion, hover and definition start here.
/// </summary>
public sealed class NodeLocation
{
    internal NodeLocation(ImmutableArray<YamlNode> ancestors, ImmutableArray<PathSegment> path, YamlPair? pair, bool onKey)
    {
        Ancestors = ancestors;
        Path = path;
        Pair = pair;
        IsOnKey = onKey;
    }

    /// <summary>Root first; the last one is the innermost node containing the offset (aliases resolved).</summary>
    public ImmutableArray<YamlNode> Ancestors { get; }

    public YamlNode Node => Ancestors[^1];

    /// <summary>Keys and indices from the root to <see cref="Node"/> (to the pair's value when on a key).</summary>
    public ImmutableArray<PathSegment> Path { get; }

    /// <summary>The innermost mapping entry whose key or value contains the offset.</summary>
    public YamlPair? Pair { get; }

    /// <summary>True when the offset is on <see cref="Pair"/>'s key.</summary>
    public bool IsOnKey { get; }

    /// <summary>The path as text, e.g. <c>spec.egressRules[0].to[1].port</c>.</summary>
    public string PathText => Format(Path);

    public static string Format(IEnumerable<PathSegment> path)
    {
        var builder = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsItem)
            {
                builder.Append('[').Append(segment.Index).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }
                builder.Append(segment.Key);
            }
        }
        return builder.ToString();
    }
}

public static class NodeLocator
{
    /// <summary>
    /// The location of <paramref name="offset"/> in <paramref name="document"/>, or null when it is outside the
    /// root. An offset right after a token (the cursor at the end of a word) counts as inside it.
    /// </summary>
    public static NodeLocation? Find(YamlDocument document, int offset)
    {
        if (document.Root?.Resolved is not { } root || !root.Span.ContainsOrTouches(offset))
        {
            return null;
        }
        var ancestors = ImmutableArray.CreateBuilder<YamlNode>();
        var path = ImmutableArray.CreateBuilder<PathSegment>();
        YamlPair? pair = null;
        var onKey = false;
        var node = root;
        ancestors.Add(node);
        // Bounded by the tree's depth (YamlBudget.MaxDepth), aliases followed at most once per step.
        for (var depth = 0; depth <= YamlBudget.MaxDepth; depth++)
        {
            YamlNode? next = null;
            switch (node)
            {
                case YamlMapping mapping:
                    foreach (var candidate in mapping.Pairs)
                    {
                        if (candidate.Key.Span.ContainsOrTouches(offset))
                        {
                            pair = candidate;
                            onKey = true;
                            break;
                        }
                        if (candidate.Value.Span.ContainsOrTouches(offset) && candidate.Value.Span.Length > 0)
                        {
                            pair = candidate;
                            onKey = false;
                            path.Add(PathSegment.Property(candidate.KeyText ?? ""));
                            next = candidate.Value.Resolved;
                            break;
                        }
                    }
                    break;
                case YamlSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        if (sequence.Items[i].Span.ContainsOrTouches(offset))
                        {
                            path.Add(PathSegment.Item(i));
                            next = sequence.Items[i].Resolved;
                            onKey = false;
                            break;
                        }
                    }
                    break;
            }
            if (onKey || next is null)
            {
                break;
            }
            node = next;
            ancestors.Add(node);
        }
        return new NodeLocation(ancestors.ToImmutable(), path.ToImmutable(), pair, onKey);
    }

    /// <summary>The document of <paramref name="file"/> whose range contains <paramref name="offset"/>.</summary>
    public static YamlDocument? DocumentAt(YamlFile file, int offset)
    {
        YamlDocument? best = null;
        foreach (var document in file.Documents)
        {
            if (document.Span.Start <= offset)
            {
                best = document;
            }
        }
        return best;
    }
}
