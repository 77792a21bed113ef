using System.Collections.Immutable;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Finds the path enclosing a position from indentation alone, by walking up the lines above it: a line
/// indented less is a parent (its key, or the <c>- </c> item it opens), a <c>- </c> at the same column is an
/// earlier item of the same list, deeper lines belong to siblings. Block sequences may sit at their key's own
/// column (<c>to:</c> then <c>- hosts: …</c>), as kubectl writes them.
/// </summary>
internal sealed class IndentationWalk
{
    private readonly List<PathSegment> _prefix = [];
    private readonly HashSet<string> _siblingKeys = new(StringComparer.Ordinal);

    private IndentationWalk()
    {
    }

    /// <summary>Keys and item indices from the root to the mapping (or list) at the starting column.</summary>
    public ImmutableArray<PathSegment> Prefix { get; private set; }

    /// <summary>Keys above the cursor at its own column, in its own mapping.</summary>
    public IReadOnlyCollection<string> SiblingKeys => _siblingKeys;

    /// <summary>
    /// When the cursor stands at the column of a list's <c>- </c> markers whose key is indented less, it can
    /// only start a new item: its index.
    /// </summary>
    public int? NewItemIndex { get; private set; }

    /// <summary>
    /// When those markers sit at their key's own column, the cursor may also start a new item: the key and the
    /// item's index, relative to <see cref="Prefix"/>.
    /// </summary>
    public ImmutableArray<PathSegment>? AlternativeSuffix { get; private set; }

    /// <param name="inSequence">The start is an item of a list whose <c>- </c> is at <paramref name="column"/>.</param>
    /// <param name="column">Column of the cursor's key (or of its line's first <c>- </c>).</param>
    /// <param name="trackItemsAtColumn">A key (not a value) is typed with no <c>- </c>: list items at the same column matter.</param>
    /// <param name="typedNothing">Nothing typed yet, so a new item is one reading of the position.</param>
    public static IndentationWalk Run(SourceText text, int cursorLine, bool inSequence, int column, bool trackItemsAtColumn, bool typedNothing)
    {
        var walk = new IndentationWalk();
        walk.Walk(text, cursorLine, inSequence, column, trackItemsAtColumn, typedNothing);
        return walk;
    }

    private void Walk(SourceText text, int cursorLine, bool inSequence, int column, bool trackItemsAtColumn, bool typedNothing)
    {
        var index = 0;
        var itemsAtColumn = 0;
        var firstLevel = !inSequence;
        var sawSibling = false;
        for (var lineIndex = cursorLine - 1; lineIndex >= 0; lineIndex--)
        {
            var start = text.GetLineStart(lineIndex);
            var content = text.Text.AsSpan(start, text.GetLineEnd(lineIndex) - start);
            if (YamlLine.SkipSpaces(content, 0) > column)
            {
                // Deeper than the cursor's column: inside a sibling; the common case, so it is not parsed.
                continue;
            }
            var line = YamlLine.Parse(content);
            if (line.Kind == YamlLineKind.DocumentMarker)
            {
                break;
            }
            if (!line.IsStructural || line.Indent > column)
            {
                continue;
            }
            var keyAtColumn = line.HasKey && line.ContentColumn == column;
            var itemAtColumn = line.Indent == column && line.FirstDash == column;
            if (inSequence)
            {
                if (itemAtColumn)
                {
                    index++;
                    continue;
                }
                if (keyAtColumn)
                {
                    // The key that owns the list, at the list's own column.
                    _prefix.Add(PathSegment.Item(index));
                    _prefix.Add(PathSegment.Property(line.Key));
                    (inSequence, column, index) = EnterLineContainer(line, column);
                    continue;
                }
            }
            else
            {
                if (itemAtColumn)
                {
                    if (trackItemsAtColumn && firstLevel && !sawSibling)
                    {
                        itemsAtColumn++;
                    }
                    continue;
                }
                if (keyAtColumn)
                {
                    if (firstLevel)
                    {
                        if (itemsAtColumn > 0 && !sawSibling && !line.HasInlineValue && typedNothing)
                        {
                            AlternativeSuffix = [PathSegment.Property(line.Key), PathSegment.Item(itemsAtColumn)];
                        }
                        sawSibling = true;
                        _siblingKeys.Add(line.Key);
                    }
                    if (line.HasDash)
                    {
                        // The line opens the item whose mapping holds the cursor.
                        firstLevel = false;
                        (inSequence, column, index) = EnterLineContainer(line, column);
                    }
                    continue;
                }
            }
            if (!Encloses(line, column))
            {
                continue;
            }
            if (inSequence)
            {
                _prefix.Add(PathSegment.Item(index));
            }
            else if (firstLevel && itemsAtColumn > 0 && !sawSibling)
            {
                NewItemIndex = itemsAtColumn;
            }
            EnterParent(line, ref column, out inSequence);
            firstLevel = false;
            index = 0;
        }
        if (inSequence)
        {
            _prefix.Add(PathSegment.Item(index));
        }
        _prefix.Reverse();
        Prefix = [.. _prefix];
    }

    /// <summary>
    /// True when a line indented less than <paramref name="column"/> holds what is at that column: a key whose
    /// value starts below, or a <c>- </c> item. A scalar line (a wrapped string) encloses nothing.
    /// </summary>
    private static bool Encloses(YamlLine line, int column) =>
        line.HasKey && line.ContentColumn < column || line.HasDash && line.FirstDash < column;

    private void EnterParent(YamlLine line, ref int column, out bool inSequence)
    {
        if (line.HasKey && line.ContentColumn < column)
        {
            _prefix.Add(PathSegment.Property(line.Key));
            (inSequence, column, _) = EnterLineContainer(line, line.ContentColumn);
            return;
        }
        // An item whose content continues below ("-" alone, or the cursor left of the item's first key).
        for (var i = 1; i < line.DashCount; i++)
        {
            _prefix.Add(PathSegment.Item(0));
        }
        inSequence = true;
        column = line.FirstDash;
    }

    /// <summary>
    /// After a line's key joined the path: the container of that key is the item its <c>- </c> markers open
    /// (the inner ones each start a list at item 0), or the mapping at the key's column.
    /// </summary>
    private (bool InSequence, int Column, int Index) EnterLineContainer(YamlLine line, int keyColumn)
    {
        if (!line.HasDash)
        {
            return (false, keyColumn, 0);
        }
        for (var i = 1; i < line.DashCount; i++)
        {
            _prefix.Add(PathSegment.Item(0));
        }
        return (true, line.FirstDash, 0);
    }
}
