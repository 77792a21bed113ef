using System.Collections.Immutable;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Navigation;

/// <summary>
/// The field a cursor points at: a mapping key, a scalar value, or the <c>- </c> that starts a sequence item.
/// Hover and definition answer only on these tokens, never on the blank space between them.
/// </summary>
/// <param name="Path">From the document root to the field's value: includes the key when on a key, and the
/// item's index when on its dash.</param>
/// <param name="Span">The token under the cursor (the key, the scalar, or the dash).</param>
/// <param name="Value">The field's scalar value, whether the cursor is on it or on its key.</param>
internal sealed record FieldReference(YamlDocument Document, ImmutableArray<PathSegment> Path, TextSpan Span, YamlScalar? Value,
    bool IsOnKey, bool IsOnItemDash)
{
    public static FieldReference? Find(YamlFile file, int offset)
    {
        if (NodeLocator.DocumentAt(file, offset) is not { } document || NodeLocator.Find(document, offset) is not { } location)
        {
            return null;
        }
        if (location.IsOnKey && location.Pair is { } pair)
        {
            return new FieldReference(document, location.Path.Add(PathSegment.Property(pair.KeyText ?? "")), pair.Key.Span,
                pair.Value.Resolved as YamlScalar, IsOnKey: true, IsOnItemDash: false);
        }
        if (location.Node is YamlScalar scalar && scalar.Span.ContainsOrTouches(offset) && scalar.Span.Length > 0)
        {
            return new FieldReference(document, location.Path, scalar.Span, scalar, IsOnKey: false, IsOnItemDash: false);
        }
        if (location.Node is YamlSequence { IsFlow: false } sequence && ItemDashAt(file.Text, sequence, offset) is var (index, dash))
        {
            return new FieldReference(document, location.Path.Add(PathSegment.Item(index)), dash, sequence.Items[index].Resolved as YamlScalar,
                IsOnKey: false, IsOnItemDash: true);
        }
        return null;
    }

    /// <summary>The item whose <c>- </c> the offset is on: its dash sits on the item's first line, before the item.</summary>
    private static (int Index, TextSpan Dash)? ItemDashAt(SourceText text, YamlSequence sequence, int offset)
    {
        var line = text.GetLineIndex(offset);
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var itemStart = sequence.Items[i].Span.Start;
            if (text.GetLineIndex(itemStart) != line || offset > itemStart)
            {
                continue;
            }
            var dash = text.Text.LastIndexOf('-', Math.Max(0, itemStart - 1), Math.Max(0, itemStart - text.GetLineStart(line)));
            if (dash >= 0 && offset >= dash)
            {
                return (i, new TextSpan(dash, 1));
            }
        }
        return null;
    }
}
