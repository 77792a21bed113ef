using System.Collections.Immutable;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

public enum CompletionPosition
{
    /// <summary>A key of the mapping at <see cref="CompletionContext.Path"/>.</summary>
    Key,

    /// <summary>The scalar value at <see cref="CompletionContext.Path"/>.</summary>
    Value,
}

/// <summary>
/// What the cursor is completing, read from the text around it: typing happens in incomplete YAML (a key with no
/// colon yet, <c>key: </c> with no value, a lone <c>- </c>) where the parser has given up on the line, so the
/// path comes from indentation: the lines above are walked up to the keys and <c>- </c> items that enclose the
/// cursor. The parsed tree then supplies what is already there (sibling keys, other items).
/// </summary>
public sealed record CompletionContext
{
    /// <summary>The mapping that receives a key, or the value being written, from the document's root.</summary>
    public required ImmutableArray<PathSegment> Path { get; init; }

    public required CompletionPosition Position { get; init; }

    /// <summary>The schema of <see cref="Path"/>, or null when the path leaves the schema.</summary>
    public SchemaNode? Schema { get; init; }

    /// <summary>The partial word under the cursor, replaced by the chosen entry.</summary>
    public required TextSpan ReplaceSpan { get; init; }

    /// <summary>What was typed of the word before the cursor.</summary>
    public string TypedText { get; init; } = "";

    /// <summary>Column where the key (or value) starts: continuation lines of a multi-line insert indent from it.</summary>
    public required int Indent { get; init; }

    /// <summary>Keys already in the mapping, except the one being typed.</summary>
    public ImmutableHashSet<string> ExistingKeys { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>For an item of a list of scalars: the list's other items.</summary>
    public ImmutableHashSet<string> ExistingItems { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>The cursor is where a new list item starts but no <c>- </c> is typed: inserts begin with one.</summary>
    public bool StartsItem { get; init; }

    /// <summary>The key is the first thing of a list item (right after its <c>- </c>): a whole-item snippet fits.</summary>
    public bool AtItemStart { get; init; }

    /// <summary>The key under the cursor is already followed by its colon: only the name is inserted.</summary>
    public bool KeyHasColon { get; init; }

    /// <summary>The cursor is right after <c>key:</c>: values are inserted with a space before them.</summary>
    public bool NeedsLeadingSpace { get; init; }

    /// <summary>Inside <c>[…]</c> or <c>{…}</c>: inserts stay on one line.</summary>
    public bool IsFlow { get; init; }

    /// <summary>
    /// A second reading of the same position: on an empty line at the column of a key whose list items sit at
    /// that same column (<c>to:</c> then <c>- …</c>), the cursor may start a sibling key or a new item.
    /// </summary>
    public CompletionContext? Alternative { get; init; }

    /// <summary>The parsed document holding the cursor, when there is one.</summary>
    public YamlDocument? Document { get; init; }

    /// <summary>The parsed node at <see cref="Path"/>'s parent (a mapping or a list), when the tree has it.</summary>
    public YamlNode? Parent { get; init; }

    /// <summary>The parsed node at <see cref="Path"/> when the tree has it (the mapping receiving a key).</summary>
    public YamlNode? Node { get; init; }

    /// <summary>What every insert starts with: the item's "- " when none is typed.</summary>
    internal string ItemPrefix => StartsItem ? "- " : "";

    /// <summary>What a value starts with: the item's "- ", or the space after a colon.</summary>
    internal string ValuePrefix => ItemPrefix + (NeedsLeadingSpace ? " " : "");

    /// <summary>A line break indented <paramref name="extra"/> columns deeper than the key being inserted.</summary>
    internal string NewLine(int extra) => "\n" + new string(' ', Indent + extra);

    /// <summary>The path as text with item indices dropped, e.g. <c>spec.egressRules[].to[].port.protocol</c>.</summary>
    public string Shape => ShapeOf(Path);

    public static string ShapeOf(IEnumerable<PathSegment> path)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsItem)
            {
                builder.Append("[]");
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

    /// <summary>
    /// The context at <paramref name="offset"/>, or null where nothing is completed: in a comment, inside a
    /// block or multi-line scalar, on a document marker, after a closed flow collection.
    /// </summary>
    public static CompletionContext? Create(SourceText text, YamlDocument? document, int offset, SchemaNode schema)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var lineIndex = text.GetLineIndex(offset);
        var lineStart = text.GetLineStart(lineIndex);
        var lineEnd = text.GetLineEnd(lineIndex);
        offset = Math.Min(offset, lineEnd);
        var line = text.Text.AsSpan(lineStart, lineEnd - lineStart);
        var column = offset - lineStart;
        var before = line[..column];
        var shape = YamlLine.Parse(before);
        if (shape.Kind is YamlLineKind.Comment or YamlLineKind.Directive || YamlLine.Parse(line).Kind == YamlLineKind.DocumentMarker
            || YamlLine.HasCommentBefore(line, column) || IsInsideMultiLineScalar(text, document, offset, lineIndex))
        {
            return null;
        }
        if (shape.Kind == YamlLineKind.Blank && !line[column..].IsWhiteSpace())
        {
            // The cursor is in the indentation of a line that has content: an insert would split it.
            return null;
        }

        var cursorLine = ReadCursorLine(line, column, shape);
        if (cursorLine is null)
        {
            return null;
        }
        var local = cursorLine.Value;
        var walk = IndentationWalk.Run(text, lineIndex, local.InSequence, local.Column,
            trackItemsAtColumn: !local.InSequence && local.Position == CompletionPosition.Key && !local.IsFlow,
            typedNothing: local.TypedStart >= column);

        var path = ImmutableArray.CreateBuilder<PathSegment>();
        path.AddRange(walk.Prefix);
        for (var i = 1; i < local.DashCount; i++)
        {
            path.Add(PathSegment.Item(0));
        }
        var startsItem = local.ReplacesDash;
        var indent = local.KeyColumn;
        if (walk.NewItemIndex is { } newItem)
        {
            path.Add(PathSegment.Item(newItem));
            startsItem = true;
            indent = local.Column + 2;
        }
        path.AddRange(local.Suffix);

        var context = new CompletionContext
        {
            Path = path.ToImmutable(),
            Position = local.Position,
            ReplaceSpan = TextSpan.FromBounds(lineStart + local.ReplaceStart, lineStart + local.ReplaceEnd),
            TypedText = line[local.TypedStart..column].ToString(),
            Indent = indent,
            StartsItem = startsItem,
            AtItemStart = local.AtItemStart || startsItem,
            KeyHasColon = local.KeyHasColon,
            NeedsLeadingSpace = local.NeedsLeadingSpace,
            IsFlow = local.IsFlow,
            // Entries written beside the cursor in a flow collection: keys of a mapping, items of a list.
            ExistingKeys = local.FlowSiblings,
            ExistingItems = local.FlowSiblings,
        };
        context = Complete(context, document, offset, schema, walk.SiblingKeys);
        if (walk.AlternativeSuffix is { } alternative)
        {
            var itemContext = context with
            {
                Path = [.. walk.Prefix, .. alternative],
                Position = CompletionPosition.Key,
                StartsItem = true,
                AtItemStart = true,
                Indent = local.Column + 2,
                ExistingKeys = ImmutableHashSet<string>.Empty,
            };
            context = context with { Alternative = Complete(itemContext, document, offset, schema, []) };
        }
        return context;
    }

    /// <summary>Adds what the tree knows and settles what a position inside a list means.</summary>
    private static CompletionContext Complete(CompletionContext context, YamlDocument? document, int offset, SchemaNode root,
        IReadOnlyCollection<string> siblingKeysAbove)
    {
        var schema = SchemaNavigator.Resolve(root, context.Path);
        if (context.Position == CompletionPosition.Key && !context.StartsItem && !context.IsFlow && schema?.Items is not null
            && !IsObject(schema))
        {
            // Under a list's key but without a "- ": the cursor starts a new item after those above it.
            var list = Resolve(document, context.Path) as YamlSequence;
            var index = list?.Items.Count(item => item.Span.Start < offset) ?? 0;
            context = context with
            {
                Path = context.Path.Add(PathSegment.Item(index)),
                StartsItem = true,
                AtItemStart = true,
                Indent = context.Indent + 2,
            };
            schema = schema.Items;
        }
        if (context.Position == CompletionPosition.Key && context.AtItemStart && schema is not null && !IsObject(schema))
        {
            // An item of a list of scalars (hosts): the word after "- " is a value.
            context = context with { Position = CompletionPosition.Value };
        }

        var parentPath = context.Path.IsEmpty ? context.Path : context.Path[..^1];
        var parent = context.Path.IsEmpty ? null : Resolve(document, parentPath);
        var node = context.StartsItem ? null : Resolve(document, context.Path);
        context = context with { Schema = schema, Parent = parent, Node = node, Document = document };
        if (context.Position == CompletionPosition.Key)
        {
            var keys = context.ExistingKeys.ToBuilder();
            if (!context.StartsItem)
            {
                keys.UnionWith(siblingKeysAbove);
                if (node is YamlMapping mapping)
                {
                    foreach (var pair in mapping.Pairs)
                    {
                        if (pair.KeyText is { } key && !pair.Key.Span.ContainsOrTouches(offset))
                        {
                            keys.Add(key);
                        }
                    }
                }
            }
            context = context with { ExistingKeys = keys.ToImmutable() };
        }
        else if (context.Path is [.., { IsItem: true }] && parent is YamlSequence siblings)
        {
            var items = context.ExistingItems.ToBuilder();
            foreach (var item in siblings.Items)
            {
                if (item.Resolved is YamlScalar { IsNull: false } scalar && !item.Span.ContainsOrTouches(offset))
                {
                    items.Add(scalar.Value);
                }
            }
            context = context with { ExistingItems = items.ToImmutable() };
        }
        return context;
    }

    /// <summary>True for a schema whose values are mappings (keys to complete), as opposed to scalars or lists.</summary>
    public static bool IsObject(SchemaNode schema) =>
        schema.Types.Contains("object") || !schema.Properties.IsEmpty || schema.AdditionalProperties is not null;

    /// <summary>The node at <paramref name="path"/> in the parsed tree, or null where the tree has nothing there.</summary>
    public static YamlNode? Resolve(YamlDocument? document, IEnumerable<PathSegment> path)
    {
        var node = document?.Root?.Resolved;
        foreach (var segment in path)
        {
            node = (segment.IsItem, node) switch
            {
                (true, YamlSequence sequence) when segment.Index < sequence.Items.Length => sequence.Items[segment.Index].Resolved,
                (false, YamlMapping mapping) => mapping.Get(segment.Key!),
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>
    /// A cursor on a continuation line of a scalar (a block scalar's text, a wrapped plain or quoted string) is
    /// writing text, not structure.
    /// </summary>
    private static bool IsInsideMultiLineScalar(SourceText text, YamlDocument? document, int offset, int lineIndex)
    {
        if (document is null || NodeLocator.Find(document, offset) is not { Node: YamlScalar scalar } location || location.IsOnKey)
        {
            return false;
        }
        return scalar.Span.Length > 0 && scalar.Span.Start < offset && text.GetLineIndex(scalar.Span.Start) < lineIndex;
    }

    /// <summary>What the cursor's own line says: the item markers before it, a key and its value, the partial word.</summary>
    private readonly record struct CursorLine(
        bool InSequence,
        int Column,
        int DashCount,
        int KeyColumn,
        CompletionPosition Position,
        ImmutableArray<PathSegment> Suffix,
        int TypedStart,
        int ReplaceStart,
        int ReplaceEnd,
        bool AtItemStart,
        bool ReplacesDash,
        bool KeyHasColon,
        bool NeedsLeadingSpace,
        bool IsFlow,
        ImmutableHashSet<string> FlowSiblings);

    private static CursorLine? ReadCursorLine(ReadOnlySpan<char> line, int column, YamlLine shape)
    {
        var inSequence = shape.HasDash;
        // A "-" typed just now (no space yet) is an item marker the inserts re-create with its space.
        var replacesDash = inSequence && shape.LastDash == column - 1 && shape.ContentColumn == column && column > 0
            && line[column - 1] == '-';
        var structureColumn = inSequence ? shape.FirstDash : shape.Kind == YamlLineKind.Blank ? column : shape.ContentColumn;
        var keyColumn = replacesDash ? column + 1 : shape.Kind == YamlLineKind.Blank ? column : shape.ContentColumn;
        var empty = ImmutableHashSet<string>.Empty;
        var colon = shape.Kind == YamlLineKind.Content ? YamlLine.FindKeyColon(line[..column], shape.ContentColumn) : -1;
        if (colon < 0)
        {
            // A key being typed (or a scalar item after "- ", settled once the schema is known).
            var start = shape.Kind == YamlLineKind.Blank ? column : shape.ContentColumn;
            if (start < column && line[start] is '[' or '{' or '|' or '>' or '*' or '&' or '!')
            {
                return null;
            }
            var end = WordEnd(line, column, stopAtColon: true);
            var hasColon = end < line.Length && line[end] == ':' && (end + 1 == line.Length || line[end + 1] is ' ' or '\t');
            return new CursorLine(inSequence, structureColumn, shape.DashCount, keyColumn, CompletionPosition.Key, [],
                replacesDash ? column - 1 : start, replacesDash ? column - 1 : start, end, AtItemStart: inSequence, replacesDash, hasColon, false, false, empty);
        }

        var key = shape.Key;
        var valueStart = YamlLine.SkipSpaces(line, colon + 1);
        var suffix = ImmutableArray.Create(PathSegment.Property(key));
        if (valueStart > column || valueStart == line.Length || colon + 1 == column)
        {
            // Right after "key:": the value is typed after a space.
            return new CursorLine(inSequence, structureColumn, shape.DashCount, shape.ContentColumn, CompletionPosition.Value, suffix,
                column, column, column, false, false, false, NeedsLeadingSpace: colon + 1 == column, false, empty);
        }
        if (line[valueStart] is '[' or '{')
        {
            return FlowScanner.Scan(line, valueStart, column) is { } flow
                ? new CursorLine(inSequence, structureColumn, shape.DashCount, shape.ContentColumn, flow.Position, suffix.AddRange(flow.Path),
                    flow.TokenStart, flow.TokenStart, flow.TokenEnd, false, false, false, false, IsFlow: true, flow.Siblings)
                : null;
        }
        if (line[valueStart] is '|' or '>' or '*' or '&' or '!')
        {
            return null;
        }
        return new CursorLine(inSequence, structureColumn, shape.DashCount, shape.ContentColumn, CompletionPosition.Value, suffix,
            valueStart, valueStart, ValueEnd(line, column), false, false, false, false, false, empty);
    }

    /// <summary>The end of the word under the cursor: up to a space, or a key's colon.</summary>
    private static int WordEnd(ReadOnlySpan<char> line, int column, bool stopAtColon)
    {
        var end = column;
        while (end < line.Length && line[end] is not (' ' or '\t') && !(stopAtColon && line[end] == ':'))
        {
            end++;
        }
        return end;
    }

    /// <summary>The end of a block value: the rest of the line before a comment, without trailing spaces.</summary>
    private static int ValueEnd(ReadOnlySpan<char> line, int column)
    {
        var end = column;
        while (end < line.Length && !(line[end] == '#' && end > 0 && line[end - 1] is ' ' or '\t'))
        {
            end++;
        }
        while (end > column && line[end - 1] is ' ' or '\t')
        {
            end--;
        }
        return end;
    }
}
