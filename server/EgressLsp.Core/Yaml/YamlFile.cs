using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// A parsed YAML stream: documents with exact ranges, plus syntax diagnostics (EGP001, EGP006).
/// <see cref="Parse"/> never throws. After a syntax error the offending line is blanked out (keeping offsets)
/// and the text is parsed again, so the rest of the document is still analysed.
/// </summary>
public sealed class YamlFile
{
    /// <summary>Deeper nesting is reported and not represented, so tree walkers can recurse safely.</summary>
    public const int MaxDepth = 200;

    private const int MaxRepairs = 8;

    private readonly Lazy<ImmutableArray<YamlComment>> _comments;

    private YamlFile(SourceText text, ImmutableArray<YamlDocument> documents, ImmutableArray<Diagnostic> diagnostics,
        ImmutableArray<TextSpan> syntaxErrorLines)
    {
        Text = text;
        Documents = documents;
        Diagnostics = diagnostics;
        SyntaxErrorLines = syntaxErrorLines;
        _comments = new Lazy<ImmutableArray<YamlComment>>(() => YamlComments.Scan(text));
    }

    public SourceText Text { get; }

    public ImmutableArray<YamlDocument> Documents { get; }

    /// <summary>Syntax diagnostics: EGP001 (syntax) and EGP006 (duplicate key).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The lines that were blanked to recover from syntax errors (content there is not represented).</summary>
    public ImmutableArray<TextSpan> SyntaxErrorLines { get; }

    public ImmutableArray<YamlComment> Comments => _comments.Value;

    /// <summary>True when a recovered syntax error lies inside <paramref name="span"/> (its content may be incomplete).</summary>
    public bool HasSyntaxErrorWithin(TextSpan span)
    {
        foreach (var line in SyntaxErrorLines)
        {
            if (line.Start < span.End && line.End >= span.Start)
            {
                return true;
            }
        }
        return false;
    }

    public static YamlFile Parse(string text) => Parse(SourceText.From(text));

    public static YamlFile Parse(SourceText text)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var blanked = ImmutableArray.CreateBuilder<TextSpan>();
        var working = text.Text;
        // A byte-order mark would otherwise become part of the first key.
        var start = working.Length > 0 && working[0] == '\uFEFF' ? 1 : 0;
        for (var attempt = 0; ; attempt++)
        {
            var builder = new TreeBuilder(text, working, start);
            var result = builder.Build();
            diagnostics.AddRange(builder.Diagnostics);
            if (result.Error is not { } error)
            {
                return new YamlFile(text, result.Documents, Dedupe(diagnostics), blanked.ToImmutable());
            }
            error = Relocate(text, error);
            diagnostics.Add(DiagnosticCatalog.EGP001.Create(ErrorSpan(text, error.Offset, error.EndOffset), error.Message));
            var line = text.GetLineIndex(error.Offset);
            var lineSpan = TextSpan.FromBounds(text.GetLineStart(line), text.GetLineEnd(line));
            if (attempt == MaxRepairs || blanked.Contains(lineSpan) || lineSpan.Length == 0)
            {
                // Give up repairing: keep the partial tree built before the error.
                blanked.Add(lineSpan);
                return new YamlFile(text, result.Documents, Dedupe(diagnostics), blanked.ToImmutable());
            }
            blanked.Add(lineSpan);
            working = BlankOut(working, lineSpan);
        }
    }

    /// <summary>
    /// YamlDotNet reports a tab in indentation at the scalar before it; the tab's own line is the one to show
    /// (and to blank out when recovering).
    /// </summary>
    private static SyntaxError Relocate(SourceText text, SyntaxError error)
    {
        if (!error.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return error;
        }
        for (var line = text.GetLineIndex(error.Offset); line < text.LineCount; line++)
        {
            var start = text.GetLineStart(line);
            var end = text.GetLineEnd(line);
            for (var i = start; i < end && text.Text[i] is ' ' or '\t'; i++)
            {
                if (text.Text[i] == '\t')
                {
                    return error with { Offset = i, EndOffset = i + 1, Message = "a tab character is used for indentation; YAML allows only spaces" };
                }
            }
        }
        return error;
    }

    private static ImmutableArray<Diagnostic> Dedupe(ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        // Each repair pass re-reports the duplicate keys it sees; keep one of each.
        var seen = new HashSet<(string, TextSpan)>();
        var result = ImmutableArray.CreateBuilder<Diagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            if (seen.Add((diagnostic.Code, diagnostic.Span)))
            {
                result.Add(diagnostic);
            }
        }
        result.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return result.ToImmutable();
    }

    private static string BlankOut(string text, TextSpan span) =>
        string.Create(text.Length, (text, span), static (buffer, state) =>
        {
            state.text.AsSpan().CopyTo(buffer);
            buffer.Slice(state.span.Start, state.span.Length).Fill(' ');
        });

    /// <summary>A tight range for a syntax error: the marked range, or the word at the error position.</summary>
    private static TextSpan ErrorSpan(SourceText text, int offset, int endOffset)
    {
        var lineEnd = text.GetLineEnd(text.GetLineIndex(offset));
        if (endOffset > offset && endOffset <= lineEnd)
        {
            return TextSpan.FromBounds(offset, endOffset);
        }
        var end = offset;
        while (end < lineEnd && !char.IsWhiteSpace(text.Text[end]))
        {
            end++;
        }
        return TextSpan.FromBounds(offset, Math.Max(end, Math.Min(offset + 1, text.Length)));
    }

    private readonly record struct SyntaxError(int Offset, int EndOffset, string Message);

    private readonly record struct BuildResult(ImmutableArray<YamlDocument> Documents, SyntaxError? Error);

    /// <summary>Turns YamlDotNet parser events into nodes with an explicit stack (no recursion).</summary>
    private sealed class TreeBuilder
    {
        private readonly SourceText _original;
        private readonly string _text;
        private readonly int _offset;
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<OpenContainer> _open = new();
        private readonly ImmutableArray<YamlDocument>.Builder _documents = ImmutableArray.CreateBuilder<YamlDocument>();
        private int _documentStart;
        private YamlNode? _root;
        private int _skipDepth;
        private int _lastEnd;

        public TreeBuilder(SourceText original, string text, int offset)
        {
            _original = original;
            _text = text;
            _offset = offset;
        }

        public List<Diagnostic> Diagnostics { get; } = [];

        public BuildResult Build()
        {
            var reader = new StringReader(_offset == 0 ? _text : _text[_offset..]);
            var parser = new Parser(new Scanner(reader, skipComments: true));
            try
            {
                while (parser.MoveNext())
                {
                    Handle(parser.Current!);
                }
                return new BuildResult(_documents.ToImmutable(), null);
            }
            catch (YamlException ex)
            {
                var start = (int)ex.Start.Index + _offset;
                var end = (int)ex.End.Index + _offset;
                return Fail(new SyntaxError(start, end, Clean(ex.Message)));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet's scanner occasionally throws non-YAML exceptions on truncated input.
                return Fail(new SyntaxError(_lastEnd, _lastEnd, "unexpected end of a flow collection or scalar"));
            }
        }

        private BuildResult Fail(SyntaxError error)
        {
            // Close whatever is open so the content before the error is still available.
            while (_open.Count > 0)
            {
                var node = _open.Peek().Close(error.Offset);
                _open.Pop();
                Attach(node);
            }
            if (_root is not null || _documents.Count == 0)
            {
                _documents.Add(new YamlDocument(_documents.Count, TextSpan.FromBounds(_documentStart, error.Offset), _root));
            }
            return new BuildResult(_documents.ToImmutable(), error);
        }

        private static string Clean(string message)
        {
            // YamlDotNet prefixes positions like "(Line: 3, Col: 5, Idx: 20) - (…): "; the range says that already.
            var index = message.LastIndexOf("): ", StringComparison.Ordinal);
            return index >= 0 ? message[(index + 3)..] : message;
        }

        private void Handle(ParsingEvent e)
        {
            var start = (int)e.Start.Index + _offset;
            var end = (int)e.End.Index + _offset;
            _lastEnd = end;
            if (_skipDepth > 0)
            {
                if (e is MappingStart or SequenceStart) _skipDepth++;
                else if (e is MappingEnd or SequenceEnd) _skipDepth--;
                return;
            }
            switch (e)
            {
                case DocumentStart:
                    _documentStart = start;
                    _root = null;
                    _anchors.Clear();
                    break;
                case DocumentEnd:
                    // A document with only comments reads as an implicit empty scalar: it has no root.
                    var root = _root is YamlScalar { IsNull: true, Span.Length: 0 } ? null : _root;
                    _documents.Add(new YamlDocument(_documents.Count, TextSpan.FromBounds(_documentStart, Math.Max(end, _documentStart)), root));
                    break;
                case Scalar scalar:
                    var node = new YamlScalar(TextSpan.FromBounds(start, end), scalar.Value, MapStyle(scalar.Style), Tag(scalar.Tag));
                    Remember(scalar.Anchor, node);
                    Attach(node);
                    break;
                case AnchorAlias alias:
                    var name = alias.Value.ToString();
                    _anchors.TryGetValue(name, out var target);
                    if (target is null)
                    {
                        Diagnostics.Add(DiagnosticCatalog.EGP001.Create(TextSpan.FromBounds(start, end), $"unknown anchor '*{name}'"));
                    }
                    Attach(new YamlAlias(TextSpan.FromBounds(start, end), name, target));
                    break;
                case MappingStart mapping:
                    Open(new OpenContainer(start, isMapping: true, mapping.Style == MappingStyle.Flow, mapping.Anchor, Tag(mapping.Tag), this), start, end);
                    break;
                case SequenceStart sequence:
                    Open(new OpenContainer(start, isMapping: false, sequence.Style == SequenceStyle.Flow, sequence.Anchor, Tag(sequence.Tag), this), start, end);
                    break;
                case MappingEnd or SequenceEnd:
                    // A flow collection's end mark sits on its closing bracket; the range includes it.
                    var closed = _open.Pop().Close(end < _text.Length && _text[end] is ']' or '}' ? end + 1 : end);
                    Attach(closed);
                    break;
            }
        }

        private void Open(OpenContainer container, int start, int end)
        {
            if (_open.Count >= MaxDepth)
            {
                Diagnostics.Add(DiagnosticCatalog.EGP001.Create(TextSpan.FromBounds(start, Math.Max(end, start + 1)),
                    $"nesting deeper than {MaxDepth} levels is not analysed"));
                _skipDepth = 1;
                Attach(new YamlScalar(TextSpan.FromBounds(start, start), "", YamlScalarStyle.Plain, null));
                return;
            }
            _open.Push(container);
        }

        private void Remember(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private void Attach(YamlNode node)
        {
            if (_open.Count == 0)
            {
                _root = node;
            }
            else
            {
                _open.Peek().Add(node);
            }
        }

        private static string? Tag(TagName tag) => tag.IsEmpty ? null : tag.Value;

        private static YamlScalarStyle MapStyle(ScalarStyle style) => style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };

        private sealed class OpenContainer(int start, bool isMapping, bool isFlow, AnchorName anchor, string? tag, TreeBuilder owner)
        {
            private readonly List<YamlNode> _items = [];

            public void Add(YamlNode node) => _items.Add(node);

            public YamlNode Close(int end)
            {
                // A block collection ends with its last child (YamlDotNet marks its end at the next token, which
                // may be lines further down); a flow collection ends at its closing bracket.
                var span = TextSpan.FromBounds(start, isFlow ? Math.Max(end, LastEnd()) : LastEnd());
                YamlNode node;
                if (isMapping)
                {
                    var pairs = ImmutableArray.CreateBuilder<YamlPair>(_items.Count / 2);
                    for (var i = 0; i + 1 < _items.Count; i += 2)
                    {
                        pairs.Add(new YamlPair(_items[i], _items[i + 1]));
                    }
                    if (_items.Count % 2 == 1)
                    {
                        // A key whose value was cut off by a syntax error: keep it with an empty value.
                        var key = _items[^1];
                        pairs.Add(new YamlPair(key, new YamlScalar(TextSpan.FromBounds(key.Span.End, key.Span.End), "", YamlScalarStyle.Plain, null)));
                    }
                    ReportDuplicateKeys(pairs);
                    node = new YamlMapping(span, pairs.ToImmutable(), isFlow, tag);
                }
                else
                {
                    node = new YamlSequence(span, [.. _items], isFlow, tag);
                }
                owner.Remember(anchor, node);
                return node;
            }

            private int LastEnd() => _items.Count == 0 ? start : _items[^1].Span.End;

            private void ReportDuplicateKeys(ImmutableArray<YamlPair>.Builder pairs)
            {
                if (pairs.Count < 2)
                {
                    return;
                }
                Dictionary<string, YamlNode>? seen = null;
                foreach (var pair in pairs)
                {
                    if (pair.KeyText is not { } key)
                    {
                        continue;
                    }
                    seen ??= new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                    if (seen.TryGetValue(key, out var first))
                    {
                        var line = owner._original.GetLineIndex(first.Span.Start) + 1;
                        owner.Diagnostics.Add(DiagnosticCatalog.EGP006.Create(pair.Key.Span, key, line));
                    }
                    else
                    {
                        seen[key] = pair.Key;
                    }
                }
            }
        }
    }
}
