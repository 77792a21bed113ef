using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// Text edits that change a YAML tree and keep the document valid: removing a pair or a list item, setting a
/// value, inserting a pair at the mapping's own indentation. Block and flow style are both handled; edits keep
/// comments on surrounding lines and the document's line breaks.
/// </summary>
public sealed class YamlEdits
{
    private const int DefaultIndentStep = 2;

    private readonly SourceText _text;

    public YamlEdits(SourceText text, YamlNode? root = null)
    {
        _text = text;
        NewLine = text.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        IndentStep = root is null ? DefaultIndentStep : FindIndentStep(root);
    }

    /// <summary>The document's line break.</summary>
    public string NewLine { get; }

    /// <summary>How far the document indents a nested block mapping (2 unless the document shows otherwise).</summary>
    public int IndentStep { get; }

    /// <summary>The end of the last character that belongs to <paramref name="node"/> (not the blank lines or comments after it).</summary>
    public int ContentEnd(YamlNode node)
    {
        switch (node)
        {
            case YamlMapping { IsFlow: false, Pairs.Length: > 0 } mapping:
                return PairEnd(mapping.Pairs[^1]);
            case YamlSequence { IsFlow: false, Items.Length: > 0 } sequence:
                return ContentEnd(sequence.Items[^1]);
            case YamlMapping { IsFlow: true } or YamlSequence { IsFlow: true }:
                return ClosingBracket(node) + 1;
            default:
                return node.Span.End;
        }
    }

    /// <summary>The end of a pair: its value's content, or the colon when the value is empty.</summary>
    public int PairEnd(YamlPair pair)
    {
        if (pair.Value is YamlScalar { Span.Length: 0 })
        {
            return ColonEnd(pair.Key);
        }
        return Math.Max(ContentEnd(pair.Value), pair.Key.Span.End);
    }

    /// <summary>The column (0-based) at which <paramref name="offset"/> sits on its line.</summary>
    public int Column(int offset) => offset - _text.GetLineStartOf(offset);

    /// <summary>Writes <paramref name="value"/> as a YAML string, quoted only where a plain scalar would not read back as it.</summary>
    public static string String(string value) => YamlText.Scalar(value);

    /// <summary>Replaces a string scalar, keeping its quoting style.</summary>
    public TextEdit ReplaceString(YamlScalar scalar, string value) => new(scalar.Span, ScalarText(scalar.Style, value));

    /// <summary>Replaces a node with YAML text written as is (a number, a boolean, a flow collection).</summary>
    public TextEdit Replace(YamlNode node, string yaml) => new(TextSpan.FromBounds(node.Span.Start, ContentEnd(node)), yaml);

    /// <summary>Sets the value of a pair to YAML text, whether the value is present, null or empty.</summary>
    public TextEdit SetValue(YamlPair pair, string yaml) => pair.Value is YamlScalar { Span.Length: 0 }
        ? new TextEdit(new TextSpan(ColonEnd(pair.Key), 0), " " + yaml)
        : Replace(pair.Value, yaml);

    /// <summary>Removes pair <paramref name="index"/> of a mapping (whole lines in block style).</summary>
    public TextEdit RemovePair(YamlMapping mapping, int index)
    {
        var pair = mapping.Pairs[index];
        var start = pair.Key.Span.Start;
        var end = PairEnd(pair);
        if (!mapping.IsFlow && OnlyIndentBefore(start) && OnlyTriviaAfter(end))
        {
            return new TextEdit(WholeLines(start, end), "");
        }
        if (index + 1 < mapping.Pairs.Length)
        {
            // "- port: 443\n  enabled: false" → "- enabled: false"; "{port: 443, enabled: false}" → "{enabled: false}".
            return new TextEdit(TextSpan.FromBounds(start, mapping.Pairs[index + 1].Key.Span.Start), "");
        }
        var from = index > 0 ? PairEnd(mapping.Pairs[index - 1]) : start;
        return new TextEdit(TextSpan.FromBounds(from, end), "");
    }

    /// <summary>Removes item <paramref name="index"/> of a sequence, with its <c>-</c> indicator in block style.</summary>
    public TextEdit RemoveItem(YamlSequence sequence, int index)
    {
        var item = sequence.Items[index];
        var start = sequence.IsFlow ? item.Span.Start : DashBefore(item.Span.Start);
        var end = ContentEnd(item);
        if (!sequence.IsFlow && OnlyIndentBefore(start) && OnlyTriviaAfter(end))
        {
            return new TextEdit(WholeLines(start, end), "");
        }
        if (index + 1 < sequence.Items.Length)
        {
            var next = sequence.Items[index + 1].Span.Start;
            return new TextEdit(TextSpan.FromBounds(start, sequence.IsFlow ? next : DashBefore(next)), "");
        }
        var from = index > 0 ? ContentEnd(sequence.Items[index - 1]) : start;
        return new TextEdit(TextSpan.FromBounds(from, end), "");
    }

    /// <summary>
    /// Inserts <c>key: value</c> into a mapping after pair <paramref name="afterIndex"/> (-1: before the first pair),
    /// at the mapping's indentation. Values are YAML text written as is (see <see cref="String"/>).
    /// <paramref name="child"/>, when given, makes the value a nested mapping of one pair.
    /// </summary>
    public TextEdit InsertPair(YamlMapping mapping, int afterIndex, string key, string? value, (string Key, string Value)? child = null)
    {
        if (mapping.IsFlow || mapping.Pairs.IsEmpty)
        {
            var close = mapping.IsFlow ? ClosingBracket(mapping) : mapping.Span.Start;
            var flowValue = child is { } c ? $"{{{c.Key}: {c.Value}}}" : value ?? "null";
            var separator = mapping.Pairs.IsEmpty ? "" : ", ";
            return new TextEdit(new TextSpan(close, 0), $"{separator}{key}: {flowValue}");
        }
        var indent = Column(mapping.Pairs[0].Key.Span.Start);
        var lines = BlockPair(indent, key, value, child);
        if (afterIndex < 0 && OnlyIndentBefore(mapping.Pairs[0].Key.Span.Start))
        {
            var lineStart = _text.GetLineStartOf(mapping.Pairs[0].Key.Span.Start);
            return new TextEdit(new TextSpan(lineStart, 0), lines + NewLine);
        }
        var after = mapping.Pairs[Math.Clamp(afterIndex, 0, mapping.Pairs.Length - 1)];
        return new TextEdit(new TextSpan(LineEndAfter(PairEnd(after)), 0), NewLine + lines);
    }

    /// <summary>Appends an item (YAML text) to a non-empty sequence: after the last item of a block, before a flow's bracket.</summary>
    public TextEdit AppendItem(YamlSequence sequence, string value)
    {
        if (sequence.IsFlow || sequence.Items.IsEmpty)
        {
            return new TextEdit(new TextSpan(ClosingBracket(sequence), 0), (sequence.Items.IsEmpty ? "" : ", ") + value);
        }
        var last = sequence.Items[^1];
        var dash = DashBefore(last.Span.Start);
        return new TextEdit(new TextSpan(LineEndAfter(ContentEnd(last)), 0), NewLine + new string(' ', Column(dash)) + "- " + value);
    }

    /// <summary>Gives a pair with an empty value (<c>byEgressGateway:</c>) a nested mapping of one pair (value: YAML text).</summary>
    public TextEdit FillEmptyPair(YamlPair pair, string childKey, string childValue)
    {
        var indent = Column(pair.Key.Span.Start) + IndentStep;
        return new TextEdit(new TextSpan(ColonEnd(pair.Key), 0),
            NewLine + new string(' ', indent) + childKey + ": " + childValue);
    }

    private string BlockPair(int indent, string key, string? value, (string Key, string Value)? child)
    {
        var pad = new string(' ', indent);
        return child is { } c
            ? $"{pad}{key}:{NewLine}{pad}{new string(' ', IndentStep)}{c.Key}: {c.Value}"
            : $"{pad}{key}: {value ?? "null"}";
    }

    private static string ScalarText(YamlScalarStyle style, string value) => style switch
    {
        YamlScalarStyle.SingleQuoted when !value.Contains('\'') => $"'{value}'",
        YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => YamlText.DoubleQuoted(value),
        _ => YamlText.Scalar(value),
    };

    /// <summary>The offset just after the colon that follows a key (the key's end when no colon is found).</summary>
    private int ColonEnd(YamlNode key)
    {
        var text = _text.Text;
        var i = key.Span.End;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
        return i < text.Length && text[i] == ':' ? i + 1 : key.Span.End;
    }

    /// <summary>The offset of a flow collection's closing bracket: the last character of its span.</summary>
    private static int ClosingBracket(YamlNode flow) => Math.Max(flow.Span.Start, flow.Span.End - 1);

    /// <summary>The <c>-</c> indicator of a block sequence item starting at <paramref name="itemStart"/>.</summary>
    private int DashBefore(int itemStart)
    {
        var text = _text.Text;
        var i = itemStart - 1;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }
        return i >= 0 && text[i] == '-' ? i : itemStart;
    }

    private bool OnlyIndentBefore(int offset)
    {
        var text = _text.Text;
        for (var i = _text.GetLineStartOf(offset); i < offset; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Only spaces or a comment follow <paramref name="end"/> on the line of the content's last character.</summary>
    private bool OnlyTriviaAfter(int end)
    {
        var text = _text.Text;
        var lineEnd = LineEndAfter(end);
        for (var i = end; i < lineEnd; i++)
        {
            if (text[i] == '#')
            {
                return true;
            }
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The end (before the line break) of the line holding the last character before <paramref name="end"/>.</summary>
    private int LineEndAfter(int end) => _text.GetLineEnd(_text.GetLineIndex(Math.Max(0, end - 1)));

    /// <summary>The lines from the one holding <paramref name="start"/> to the one ending the content, with their line breaks.</summary>
    private TextSpan WholeLines(int start, int end)
    {
        var first = _text.GetLineIndex(start);
        var last = _text.GetLineIndex(Math.Max(start, end - 1));
        var stop = last + 1 < _text.LineCount ? _text.GetLineStart(last + 1) : _text.Length;
        return TextSpan.FromBounds(_text.GetLineStart(first), stop);
    }

    /// <summary>The indentation a nested block mapping has in this document, from the first one found.</summary>
    private int FindIndentStep(YamlNode root)
    {
        if (root.Resolved is not YamlMapping { IsFlow: false, Pairs.Length: > 0 } mapping)
        {
            return DefaultIndentStep;
        }
        var parentColumn = Column(mapping.Pairs[0].Key.Span.Start);
        foreach (var pair in mapping.Pairs)
        {
            if (pair.Value.Resolved is YamlMapping { IsFlow: false, Pairs.Length: > 0 } child)
            {
                var step = Column(child.Pairs[0].Key.Span.Start) - parentColumn;
                return step > 0 ? step : DefaultIndentStep;
            }
        }
        return DefaultIndentStep;
    }
}
