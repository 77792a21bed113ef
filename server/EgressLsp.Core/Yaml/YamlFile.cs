using System.Collections.Immutable;
using System.Runtime.InteropServices;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// A parsed YAML stream: documents with exact ranges, plus syntax diagnostics (EGP001, EGP006) and exceeded budgets
/// (EGP060, <see cref="YamlBudget"/>). <see cref="Parse"/> never throws. After a syntax error the offending line is
/// blanked out (keeping offsets) and the text is parsed again, so the rest of the document is still analysed.
/// </summary>
public sealed partial class YamlFile
{
    private const int MaxRepairs = 8;

    private readonly Lazy<ImmutableArray<YamlComment>> _comments;

    private YamlFile(SourceText text, ImmutableArray<YamlDocument> documents, ImmutableArray<Diagnostic> diagnostics,
        ImmutableArray<TextSpan> syntaxErrorLines, bool usesAnchors)
    {
        Text = text;
        Documents = documents;
        Diagnostics = diagnostics;
        SyntaxErrorLines = syntaxErrorLines;
        UsesAnchors = usesAnchors;
        _comments = new Lazy<ImmutableArray<YamlComment>>(() => YamlComments.Scan(text));
    }

    public SourceText Text { get; }

    public ImmutableArray<YamlDocument> Documents { get; }

    /// <summary>Syntax diagnostics: EGP001 (syntax), EGP006 (duplicate key), EGP060 (budget exceeded).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The lines that were blanked to recover from syntax errors (content there is not represented).</summary>
    public ImmutableArray<TextSpan> SyntaxErrorLines { get; }

    public ImmutableArray<YamlComment> Comments => _comments.Value;

    /// <summary>Whether any node has an anchor or is an alias: an edit may then change nodes far from it.</summary>
    internal bool UsesAnchors { get; }

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

    /// <summary>
    /// Documents made in memory, not parsed: what a file of them would read as, for readers of values that need no
    /// positions (every node's span is empty).
    /// </summary>
    public static YamlFile Of(ImmutableArray<YamlDocument> documents) => new(SourceText.From(""), documents, [], [], usesAnchors: false);

    /// <summary>A text that is not read at all (over a size limit): no documents, one EGP060 at its start saying why.</summary>
    public static YamlFile NotRead(SourceText text, LocalizedText why) =>
        new(text, [], [DiagnosticCatalog.EGP060.Create(new TextSpan(0, Math.Min(1, text.Length)), why)], [], usesAnchors: false);

    /// <summary>
    /// <paramref name="text"/> read as <see cref="Parse(SourceText)"/> reads it, reusing <paramref name="previous"/>
    /// (the same file before an edit) where that gives the same result: then only the edited block-sequence entry is
    /// parsed and the nodes after it are moved (<see cref="YamlReparse"/>).
    /// </summary>
    public static YamlFile Parse(SourceText text, YamlFile? previous) =>
        (previous is null ? null : YamlReparse.TryReparse(previous, text)) ?? Parse(text);

    /// <summary>A file read as the one before it was, with the documents an edit left (see <see cref="YamlReparse"/>).</summary>
    internal static YamlFile Reparsed(SourceText text, ImmutableArray<YamlDocument> documents) =>
        new(text, documents, [], [], usesAnchors: false);

    /// <summary>
    /// Parses <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) alone, with the nodes' ranges
    /// in the whole text; null when that part alone has a syntax error or a finding.
    /// </summary>
    internal static (ImmutableArray<YamlDocument> Documents, bool UsesAnchors)? ParseCleanPart(SourceText text, int start, int end)
    {
        var builder = new TreeBuilder(text, text.Text, start, end, readBlocks: true);
        var result = builder.Build();
        return result.Error is null && builder.Diagnostics.Count == 0 ? (result.Documents, builder.UsesAnchors) : null;
    }

    public static YamlFile Parse(SourceText text) => Parse(text, readBlocks: true);

    /// <summary>The file as YamlDotNet alone reads it, for tests that hold the block reader to it.</summary>
    internal static YamlFile ParseWithYamlDotNet(SourceText text) => Parse(text, readBlocks: false);

    /// <summary>The file as the block reader alone reads it, or null where it leaves the text to YamlDotNet (for tests).</summary>
    internal static YamlFile? ReadBlocks(SourceText text)
    {
        var builder = new TreeBuilder(text, text.Text, 0, text.Length, readBlocks: true);
        if (!BlockReader.TryRead(builder, text.Text, 0, text.Length))
        {
            return null;
        }
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(builder.Diagnostics);
        return new YamlFile(text, builder.Documents, Dedupe(diagnostics), [], builder.UsesAnchors);
    }

    private static YamlFile Parse(SourceText text, bool readBlocks)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var blanked = ImmutableArray.CreateBuilder<TextSpan>();
        var working = FlowNesting.BlankTooDeep(text.Text);
        // A byte-order mark would otherwise become part of the first key.
        var start = working.Length > 0 && working[0] == '\uFEFF' ? 1 : 0;
        var usesAnchors = false;
        for (var attempt = 0; ; attempt++)
        {
            var builder = new TreeBuilder(text, working, start, working.Length, readBlocks);
            var result = builder.Build();
            diagnostics.AddRange(builder.Diagnostics);
            usesAnchors |= builder.UsesAnchors;
            if (result.Error is not { } error)
            {
                return new YamlFile(text, result.Documents, Dedupe(diagnostics), blanked.ToImmutable(), usesAnchors);
            }
            error = Relocate(text, error);
            diagnostics.Add(DiagnosticCatalog.EGP001.Create(ErrorSpan(text, error.Offset, error.EndOffset), error.Message));
            var line = text.GetLineIndex(error.Offset);
            var lineSpan = TextSpan.FromBounds(text.GetLineStart(line), text.GetLineEnd(line));
            if (attempt == MaxRepairs || blanked.Contains(lineSpan) || lineSpan.Length == 0)
            {
                // Give up repairing: keep the partial tree built before the error.
                blanked.Add(lineSpan);
                return new YamlFile(text, result.Documents, Dedupe(diagnostics), blanked.ToImmutable(), usesAnchors);
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

    /// <summary>Thrown inside the tree builder to stop reading a file whose budget is spent.</summary>
    private sealed class BudgetExhausted : Exception;

    private readonly record struct BuildResult(ImmutableArray<YamlDocument> Documents, SyntaxError? Error);

    /// <summary>Turns YamlDotNet parser events into nodes with an explicit stack (no recursion).</summary>
    private sealed class TreeBuilder
    {
        private readonly SourceText _original;
        private readonly string _text;
        private readonly int _offset;
        private readonly int _end;
        private static readonly LocalizedText DepthExceeded = new(
            $"Nesting deeper than {YamlBudget.MaxDepth} levels; deeper content is not analysed", $"嵌套超过 {YamlBudget.MaxDepth} 层;更深的内容不做分析");

        private readonly Dictionary<string, (YamlNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<OpenContainer> _open = new();

        private const int MaxSharedLength = 64;
        private const int MaxSharedStrings = 16 * 1024;
        private readonly Dictionary<string, string> _shared;
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _sharedBySpan;

        /// <summary>The children of every open container, innermost last: one list for the whole file, not one per container.</summary>
        private readonly List<YamlNode> _children = [];
        private readonly ImmutableArray<YamlDocument>.Builder _documents = ImmutableArray.CreateBuilder<YamlDocument>();
        private int _documentStart;
        private YamlNode? _root;
        private int _skipDepth;
        private int _lastEnd;

        /// <summary>Nodes the current document writes out, and nodes its aliases stand for.</summary>
        private long _ownNodes;
        private long _aliasNodes;

        private readonly bool _readBlocks;

        public TreeBuilder(SourceText original, string text, int offset, int end, bool readBlocks)
        {
            _readBlocks = readBlocks;
            _original = original;
            _text = text;
            _offset = offset;
            _end = end;
            _shared = new Dictionary<string, string>(StringComparer.Ordinal);
            _sharedBySpan = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public List<Diagnostic> Diagnostics { get; } = [];

        public bool UsesAnchors { get; private set; }

        public ImmutableArray<YamlDocument> Documents => _documents.ToImmutable();

        public BuildResult Build()
        {
            if (_readBlocks && BlockReader.TryRead(this, _text, _offset, _end))
            {
                return new BuildResult(_documents.ToImmutable(), null);
            }
            Reset();
            var reader = new StringReader(_offset == 0 && _end == _text.Length ? _text : _text[_offset.._end]);
            var parser = new Parser(new Scanner(reader, skipComments: true));
            try
            {
                while (parser.MoveNext())
                {
                    Handle(parser.Current!);
                }
                return new BuildResult(_documents.ToImmutable(), null);
            }
            catch (BudgetExhausted)
            {
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

        /// <summary>Forgets what the block reader built before it gave up, for YamlDotNet to read the text afresh.</summary>
        private void Reset()
        {
            _anchors.Clear();
            _open.Clear();
            _children.Clear();
            _documents.Clear();
            _root = null;
            _ownNodes = 0;
            _aliasNodes = 0;
            Diagnostics.Clear();
            UsesAnchors = false;
        }

        private BuildResult Fail(SyntaxError error)
        {
            // Close whatever is open so the content before the error is still available.
            while (_open.Count > 0)
            {
                var container = _open.Pop();
                Attach(container.Close(error.Offset), container.Weight);
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
                    StartDocument(start, end);
                    break;
                case DocumentEnd:
                    EndDocument(end);
                    break;
                case Scalar scalar:
                    AddScalar(start, end, Shared(scalar.Value), MapStyle(scalar.Style), Tag(scalar.Tag), scalar.Anchor);
                    break;
                case AnchorAlias alias:
                    UsesAnchors = true;
                    Attach(Alias(alias.Value.ToString(), TextSpan.FromBounds(start, end), out var weight), weight);
                    break;
                case MappingStart mapping:
                    StartCollection(start, end, isMapping: true, mapping.Style == MappingStyle.Flow, mapping.Anchor, Tag(mapping.Tag));
                    break;
                case SequenceStart sequence:
                    StartCollection(start, end, isMapping: false, sequence.Style == SequenceStyle.Flow, sequence.Anchor, Tag(sequence.Tag));
                    break;
                case MappingEnd or SequenceEnd:
                    EndCollection(end);
                    break;
            }
        }

        public void StartDocument(int start, int end)
        {
            if (_documents.Count == YamlBudget.MaxDocuments)
            {
                OverBudget(start, end, new LocalizedText(
                    $"More than {YamlBudget.MaxDocuments:N0} documents in one file; the rest of the file is not read",
                    $"一个文件中的文档超过 {YamlBudget.MaxDocuments:N0} 个;文件的其余部分不再读取"));
                throw new BudgetExhausted();
            }
            _documentStart = start;
            _ownNodes = 0;
            _aliasNodes = 0;
            _root = null;
            _anchors.Clear();
        }

        public void EndDocument(int end)
        {
            // A document with only comments reads as an implicit empty scalar: it has no root.
            var root = _root is YamlScalar { IsNull: true, Span.Length: 0 } ? null : _root;
            _documents.Add(new YamlDocument(_documents.Count, TextSpan.FromBounds(_documentStart, Math.Max(end, _documentStart)), root));
        }

        public void AddScalar(int start, int end, string value, YamlScalarStyle style, string? tag, AnchorName anchor)
        {
            var node = new YamlScalar(TextSpan.FromBounds(start, end), value, style, tag);
            _ownNodes++;
            Remember(anchor, node, weight: 1);
            Attach(node, weight: 1);
        }

        public void StartCollection(int start, int end, bool isMapping, bool isFlow, AnchorName anchor, string? tag) =>
            Open(new OpenContainer(start, isMapping, isFlow, anchor, tag, this), start, end);

        public void EndCollection(int end)
        {
            // A flow collection's end mark sits on its closing bracket; the range includes it.
            var container = _open.Pop();
            var closed = container.Close(end < _end && _text[end] is ']' or '}' ? end + 1 : end);
            Attach(closed, container.Weight);
        }

        /// <summary>
        /// One instance of each short value the file repeats (keys above all): the tree outlives the parse, and a
        /// string per occurrence made a 10,000-rule policy's tree 92 MB instead of 72 MB, with the collector's work to match.
        /// The table is bounded, so a file of only distinct values costs no more than before.
        /// </summary>
        public string Shared(ReadOnlySpan<char> value)
        {
            if (value.Length <= MaxSharedLength && _sharedBySpan.TryGetValue(value, out var shared))
            {
                return shared;
            }
            return Keep(value.ToString());
        }

        /// <inheritdoc cref="Shared(ReadOnlySpan{char})"/>
        private string Shared(string value) =>
            value.Length <= MaxSharedLength && _shared.TryGetValue(value, out var shared) ? shared : Keep(value);

        /// <summary>A value not seen before, kept for the next occurrences while the table has room.</summary>
        private string Keep(string value)
        {
            if (value.Length <= MaxSharedLength && _shared.Count < MaxSharedStrings)
            {
                _shared.Add(value, value);
            }
            return value;
        }

        private void Open(OpenContainer container, int start, int end)
        {
            if (_open.Count >= YamlBudget.MaxDepth)
            {
                OverBudget(start, end, DepthExceeded);
                _skipDepth = 1;
                Attach(new YamlScalar(TextSpan.FromBounds(start, start), "", YamlScalarStyle.Plain, null), weight: 1);
                return;
            }
            _ownNodes++;
            _open.Push(container);
        }

        /// <summary>
        /// An alias costs the nodes it stands for; past the document's allowance it is reported and left unresolved,
        /// so no consumer ever walks the amplified tree.
        /// </summary>
        private YamlAlias Alias(string name, TextSpan span, out long weight)
        {
            weight = 1;
            if (!_anchors.TryGetValue(name, out var anchored))
            {
                Diagnostics.Add(DiagnosticCatalog.EGP001.Create(span, $"unknown anchor '*{name}'"));
                return new YamlAlias(span, name, null);
            }
            var allowance = Math.Max(YamlBudget.MinAliasAllowance, _ownNodes);
            if (_aliasNodes + anchored.Weight > allowance)
            {
                if (_aliasNodes <= allowance)
                {
                    OverBudget(span.Start, span.End, new LocalizedText(
                        $"Aliases in this document stand for more than {allowance:N0} nodes ('*{name}' alone for {anchored.Weight:N0}); this alias and later ones are not followed",
                        $"此文档中的别名所代表的节点超过 {allowance:N0} 个(仅“*{name}”就代表 {anchored.Weight:N0} 个);此别名及其后的别名不再展开"));
                    _aliasNodes = allowance + 1;
                }
                return new YamlAlias(span, name, null);
            }
            _aliasNodes += anchored.Weight;
            weight = anchored.Weight;
            return new YamlAlias(span, name, anchored.Node);
        }

        private void Remember(AnchorName anchor, YamlNode node, long weight)
        {
            if (!anchor.IsEmpty)
            {
                UsesAnchors = true;
                _anchors[anchor.Value] = (node, weight);
            }
        }

        private void Attach(YamlNode node, long weight)
        {
            if (_open.Count == 0)
            {
                _root = node;
            }
            else
            {
                _open.Peek().Add(node, weight);
            }
        }

        private void OverBudget(int start, int end, LocalizedText what) =>
            Diagnostics.Add(DiagnosticCatalog.EGP060.Create(TextSpan.FromBounds(start, Math.Max(end, start + 1)), what));

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
            private const int SmallMapping = 8;

            /// <summary>Where this container's children start in the builder's shared list.</summary>
            private readonly int _first = owner._children.Count;
            private bool _keysDropped;

            /// <summary>The nodes this container stands for, itself and aliases' targets included.</summary>
            public long Weight { get; private set; } = 1;

            private int Count => owner._children.Count - _first;

            public void Add(YamlNode node, long weight)
            {
                if (isMapping && Count == 2 * YamlBudget.MaxKeysPerMapping)
                {
                    // Keys past the budget (and their values) are not represented.
                    if (!_keysDropped)
                    {
                        _keysDropped = true;
                        owner.OverBudget(node.Span.Start, node.Span.End, new LocalizedText(
                            $"More than {YamlBudget.MaxKeysPerMapping:N0} keys in one mapping; further keys are not analysed",
                            $"一个映射中的键超过 {YamlBudget.MaxKeysPerMapping:N0} 个;其后的键不做分析"));
                    }
                    return;
                }
                owner._children.Add(node);
                Weight += weight;
            }

            public YamlNode Close(int end)
            {
                // A block collection ends with its last child (YamlDotNet marks its end at the next token, which
                // may be lines further down); a flow collection ends at its closing bracket.
                var span = TextSpan.FromBounds(start, isFlow ? Math.Max(end, LastEnd()) : LastEnd());
                var items = CollectionsMarshal.AsSpan(owner._children)[_first..];
                YamlNode node;
                if (isMapping)
                {
                    var pairs = new YamlPair[(items.Length + 1) / 2];
                    for (var i = 0; i + 1 < items.Length; i += 2)
                    {
                        pairs[i / 2] = new YamlPair(items[i], items[i + 1]);
                    }
                    if (items.Length % 2 == 1)
                    {
                        // A key whose value was cut off by a syntax error: keep it with an empty value.
                        var key = items[^1];
                        pairs[^1] = new YamlPair(key, new YamlScalar(TextSpan.FromBounds(key.Span.End, key.Span.End), "", YamlScalarStyle.Plain, null));
                    }
                    ReportDuplicateKeys(pairs);
                    node = new YamlMapping(span, ImmutableCollectionsMarshal.AsImmutableArray(pairs), isFlow, tag);
                }
                else
                {
                    node = new YamlSequence(span, [.. items], isFlow, tag);
                }
                owner._children.RemoveRange(_first, items.Length);
                owner.Remember(anchor, node, Weight);
                return node;
            }

            private int LastEnd() => Count == 0 ? start : owner._children[^1].Span.End;

            private void ReportDuplicateKeys(YamlPair[] pairs)
            {
                if (pairs.Length < 2)
                {
                    return;
                }
                // Most mappings have a handful of keys: comparing pairs beats building a set for each of them.
                if (pairs.Length <= SmallMapping)
                {
                    for (var i = 1; i < pairs.Length; i++)
                    {
                        if (pairs[i].KeyText is not { } key)
                        {
                            continue;
                        }
                        for (var j = 0; j < i; j++)
                        {
                            if (pairs[j].KeyText == key)
                            {
                                ReportDuplicate(pairs[i], pairs[j]);
                                break;
                            }
                        }
                    }
                    return;
                }
                var seen = new Dictionary<string, YamlPair>(pairs.Length, StringComparer.Ordinal);
                foreach (var pair in pairs)
                {
                    if (pair.KeyText is { } key && !seen.TryAdd(key, pair))
                    {
                        ReportDuplicate(pair, seen[key]);
                    }
                }
            }

            private void ReportDuplicate(YamlPair duplicate, YamlPair first)
            {
                var line = owner._original.GetLineIndex(first.Key.Span.Start) + 1;
                owner.Diagnostics.Add(DiagnosticCatalog.EGP006.Create(duplicate.Key.Span, duplicate.KeyText!, line));
            }
        }
    }
}
