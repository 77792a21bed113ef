using System.Collections.Immutable;
using System.Runtime.InteropServices;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// Reads a file again after an edit by parsing only the block-sequence entry the edit lies in (a rule of a policy, a
/// destination, a host) and moving the nodes after it, so an edit of a 50,000-line policy costs one entry, not the
/// whole file. The edit is found by comparing the texts, so several changes since the last read are one edit.
/// </summary>
/// <remarks>
/// An entry written as <c>- …</c> on a line of its own is read the same alone as in its file: the lines after it are
/// indented no deeper than its dash (else they would belong to it), so they can neither continue it nor be continued by
/// it. Where that may not hold, or anything else could differ from parsing the whole text, the answer is null and the
/// caller parses in full: the previous file had findings or anchors, the entry alone has a finding, is not exactly one
/// entry at the same column, holds a block scalar (its kept trailing lines depend on what follows) or nests near the
/// depth budget.
/// </remarks>
internal static class YamlReparse
{
    public static YamlFile? TryReparse(YamlFile previous, SourceText text)
    {
        var before = previous.Text.Text;
        var after = text.Text;
        if (!previous.Diagnostics.IsEmpty || !previous.SyntaxErrorLines.IsEmpty || previous.UsesAnchors || previous.Documents.IsEmpty ||
            before.Length == 0 || after.Length == 0 || after[0] == '\uFEFF' || !ReferenceEquals(FlowNesting.BlankTooDeep(after), after))
        {
            return null;
        }
        var prefix = before.AsSpan().CommonPrefixLength(after);
        if (prefix == before.Length && prefix == after.Length)
        {
            return YamlFile.Reparsed(text, previous.Documents);
        }
        var suffix = CommonSuffixLength(before, after, Math.Min(before.Length, after.Length) - prefix);
        var edit = TextSpan.FromBounds(prefix, before.Length - suffix);
        var delta = after.Length - before.Length;

        for (var d = 0; d < previous.Documents.Length; d++)
        {
            var document = previous.Documents[d];
            if (document.Span.Start < edit.Start && edit.End <= document.Span.End && document.Root is { } root)
            {
                return FindEntry(previous.Text, root, edit) is { } entry &&
                       document.Span.Start < entry.Start && entry.End <= document.Span.End &&
                       Replace(entry, text, delta) is { } replaced
                    ? YamlFile.Reparsed(text, [.. Documents(previous.Documents, d, replaced, delta)])
                    : null;
            }
        }
        return null;
    }

    /// <summary>The innermost block-sequence entry whose lines hold the whole edit, with the containers above it.</summary>
    private static Entry? FindEntry(SourceText text, YamlNode root, TextSpan edit)
    {
        var path = new List<(YamlNode Container, int Index)>();
        Entry? found = null;
        var node = root;
        while (true)
        {
            if (node is YamlMapping { IsFlow: false, Pairs: var pairs } mapping && LastStartingBy(pairs.Length, i => pairs[i].Key.Span.Start, edit.Start) is { } pair)
            {
                // The value may be a sequence whose first dash's line starts before the value itself does.
                path.Add((mapping, pair));
                node = pairs[pair].Value;
            }
            else if (node is YamlSequence { IsFlow: false, Items: var items } sequence &&
                     LastStartingBy(items.Length, i => text.GetLineStartOf(items[i].Span.Start), edit.Start) is { } index)
            {
                var item = items[index];
                path.Add((sequence, index));
                if (Lines(text, item) is { } lines && lines.Start <= edit.Start && edit.End <= lines.End)
                {
                    found = new Entry([.. path], lines.Start, lines.End, DashColumn: text.Text.IndexOf('-', lines.Start) - lines.Start);
                }
                if (item.Span.Start > edit.Start || edit.End > item.Span.End)
                {
                    return found;
                }
                node = item;
            }
            else
            {
                return found;
            }
        }
    }

    /// <summary>
    /// The whole lines of a sequence entry written as <c>- …</c> with only indentation before the dash, through the
    /// blank and comment lines after its last line (where the next entry or key is being typed); null for an entry
    /// that shares its dash's line with another (<c>- - a</c>).
    /// </summary>
    private static TextSpan? Lines(SourceText text, YamlNode item)
    {
        if (item.Span.Length == 0)
        {
            return null;
        }
        var start = text.GetLineStartOf(item.Span.Start);
        var lead = text.Text.AsSpan(start, item.Span.Start - start);
        var dash = lead.IndexOfAnyExcept(' ');
        if (dash < 0 || lead[dash] != '-' || dash + 1 == lead.Length || lead[(dash + 1)..].ContainsAnyExcept(' '))
        {
            return null;
        }
        var line = text.GetLineIndex(item.Span.End - 1) + 1;
        while (line < text.LineCount && IsBlankOrComment(text.Text.AsSpan(text.GetLineStart(line), text.GetLineEnd(line) - text.GetLineStart(line))))
        {
            line++;
        }
        return TextSpan.FromBounds(start, line < text.LineCount ? text.GetLineStart(line) : text.Length);
    }

    /// <summary>The containers from the document's root to the entry's sequence, and the entry's lines before the edit.</summary>
    private sealed record Entry(ImmutableArray<(YamlNode Container, int Index)> Path, int Start, int End, int DashColumn);

    /// <summary>The document's root with the entry parsed again from <paramref name="text"/>; null when that reads differently alone.</summary>
    private static YamlNode? Replace(Entry entry, SourceText text, int delta)
    {
        // An edit that took the entry's last line break away joined its last line to the next one.
        if (!IsLineStart(text.Text, entry.End + delta) || HasContextDependentText(text.Text.AsSpan(entry.Start, entry.End + delta - entry.Start)) ||
            YamlFile.ParseCleanPart(text, entry.Start, entry.End + delta) is not ({ Length: 1 } documents, false) ||
            documents[0].Root is not YamlSequence { IsFlow: false, Tag: null, Items: [var item] } alone ||
            alone.Span.Start - text.GetLineStartOf(alone.Span.Start) != entry.DashColumn ||
            !IsContextFree(item, entry.Path.Length))
        {
            return null;
        }
        YamlNode replaced = item;
        for (var level = entry.Path.Length - 1; level >= 0; level--)
        {
            var (container, index) = entry.Path[level];
            if (container.Span.Start >= entry.Start && !(level == entry.Path.Length - 1 && index == 0))
            {
                return null;
            }
            replaced = container switch
            {
                // A sequence that starts at the entry's dash starts where that dash is now.
                YamlSequence sequence => WithItem(sequence, index, replaced, sequence.Span.Start < entry.Start ? sequence.Span.Start : alone.Span.Start, delta),
                YamlMapping mapping => WithValue(mapping, index, replaced, delta),
                _ => throw new InvalidOperationException("only block mappings and sequences are on an entry's path"),
            };
        }
        return replaced;
    }

    private static YamlSequence WithItem(YamlSequence sequence, int index, YamlNode item, int start, int delta)
    {
        var items = new YamlNode[sequence.Items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = i < index ? sequence.Items[i] : i == index ? item : Moved(sequence.Items[i], delta);
        }
        return new YamlSequence(TextSpan.FromBounds(start, items[^1].Span.End), ImmutableCollectionsMarshal.AsImmutableArray(items), isFlow: false, sequence.Tag);
    }

    private static YamlMapping WithValue(YamlMapping mapping, int index, YamlNode value, int delta)
    {
        var pairs = new YamlPair[mapping.Pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var pair = mapping.Pairs[i];
            pairs[i] = i < index ? pair : i == index ? pair with { Value = value } : new YamlPair(Moved(pair.Key, delta), Moved(pair.Value, delta));
        }
        return new YamlMapping(TextSpan.FromBounds(mapping.Span.Start, pairs[^1].Value.Span.End), ImmutableCollectionsMarshal.AsImmutableArray(pairs), isFlow: false, mapping.Tag);
    }

    /// <summary>
    /// Whether the entry reads alone as it does in place: no block scalar (with <c>|+</c> the blank lines after it would
    /// be its own), no empty value at its very end (YamlDotNet places one at the next token, which lies beyond the
    /// entry), no node placed before the entry (YamlDotNet gives an implicit flow pair the stream's first position)
    /// and, under the containers above it, still inside the depth budget.
    /// </summary>
    private static bool IsContextFree(YamlNode item, int containersAbove)
    {
        var pending = new Stack<(YamlNode Node, int Depth)>();
        pending.Push((item, containersAbove + 1));
        while (pending.TryPop(out var next))
        {
            if (next.Node.Span.Start < item.Span.Start)
            {
                return false;
            }
            switch (next.Node)
            {
                case YamlScalar { Style: YamlScalarStyle.Literal or YamlScalarStyle.Folded }:
                case YamlScalar { Span.Length: 0 } empty when empty.Span.Start >= item.Span.End:
                    return false;
                case YamlMapping mapping:
                    if (next.Depth >= YamlBudget.MaxDepth)
                    {
                        return false;
                    }
                    foreach (var pair in mapping.Pairs)
                    {
                        pending.Push((pair.Key, next.Depth + 1));
                        pending.Push((pair.Value, next.Depth + 1));
                    }
                    break;
                case YamlSequence sequence:
                    if (next.Depth >= YamlBudget.MaxDepth)
                    {
                        return false;
                    }
                    foreach (var child in sequence.Items)
                    {
                        pending.Push((child, next.Depth + 1));
                    }
                    break;
            }
        }
        return true;
    }

    private static IEnumerable<YamlDocument> Documents(ImmutableArray<YamlDocument> documents, int edited, YamlNode root, int delta)
    {
        for (var d = 0; d < documents.Length; d++)
        {
            var document = documents[d];
            yield return d < edited ? document
                : d == edited ? new YamlDocument(d, TextSpan.FromBounds(document.Span.Start, document.Span.End + delta), root)
                : new YamlDocument(d, new TextSpan(document.Span.Start + delta, document.Span.Length), document.Root is { } moved ? Moved(moved, delta) : null);
        }
    }

    /// <summary>A node and everything under it <paramref name="delta"/> characters further on (files with aliases are never moved).</summary>
    private static YamlNode Moved(YamlNode node, int delta)
    {
        var span = new TextSpan(node.Span.Start + delta, node.Span.Length);
        switch (node)
        {
            case YamlScalar scalar:
                return new YamlScalar(scalar, span);
            case YamlMapping mapping:
                var pairs = new YamlPair[mapping.Pairs.Length];
                for (var i = 0; i < pairs.Length; i++)
                {
                    pairs[i] = new YamlPair(Moved(mapping.Pairs[i].Key, delta), Moved(mapping.Pairs[i].Value, delta));
                }
                return new YamlMapping(span, ImmutableCollectionsMarshal.AsImmutableArray(pairs), mapping.IsFlow, mapping.Tag);
            case YamlSequence sequence:
                var items = new YamlNode[sequence.Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Moved(sequence.Items[i], delta);
                }
                return new YamlSequence(span, ImmutableCollectionsMarshal.AsImmutableArray(items), sequence.IsFlow, sequence.Tag);
            default:
                throw new InvalidOperationException("a file with aliases is parsed in full");
        }
    }

    /// <summary>The last of <paramref name="count"/> children, in text order, whose start (by <paramref name="startOf"/>) is at or before <paramref name="offset"/>.</summary>
    private static int? LastStartingBy(int count, Func<int, int> startOf, int offset)
    {
        int low = 0, high = count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (startOf(middle) <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found < 0 ? null : found;
    }

    /// <summary>
    /// Whether a line starts with <c>---</c>, <c>...</c> or a directive (in the file those end the document), or a tab
    /// is anywhere: YamlDotNet rejects some tabs only by what comes after them.
    /// </summary>
    private static bool HasContextDependentText(ReadOnlySpan<char> lines)
    {
        if (lines.Contains('\t'))
        {
            return true;
        }
        foreach (var line in lines.EnumerateLines())
        {
            if (line.StartsWith("---") || line.StartsWith("...") || line.StartsWith("%"))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsLineStart(string text, int offset) =>
        offset == text.Length || text[offset - 1] == '\n' || (text[offset - 1] == '\r' && text[offset] != '\n');

    private static bool IsBlankOrComment(ReadOnlySpan<char> line)
    {
        var first = line.IndexOfAnyExcept(' ');
        return first < 0 || line[first] == '#';
    }

    private static int CommonSuffixLength(string before, string after, int max)
    {
        // Compared a block at a time (vectorised), then character by character inside the block that differs.
        const int Block = 256;
        var length = 0;
        while (length + Block <= max &&
               before.AsSpan(before.Length - length - Block, Block).SequenceEqual(after.AsSpan(after.Length - length - Block, Block)))
        {
            length += Block;
        }
        while (length < max && before[before.Length - length - 1] == after[after.Length - length - 1])
        {
            length++;
        }
        return length;
    }
}
