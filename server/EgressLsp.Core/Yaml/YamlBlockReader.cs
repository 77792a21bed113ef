using System.Buffers;
using YamlDotNet.Core;

namespace EgressLsp.Core.Yaml;

public sealed partial class YamlFile
{
    /// <summary>
    /// Reads the block YAML policies and manifests are written in — block mappings and sequences, plain keys, one-line
    /// plain and quoted scalars without escapes, one-line flow sequences of them, comments, "---" between documents —
    /// into the tree builder, with the ranges YamlDotNet's parser gives the same nodes, without its allocations:
    /// YamlDotNet makes an object per token, event and position, three quarters of what a parse allocated and, with
    /// the collections they cause, most of its time. On anything else (flow mappings, nested or multi-line flow, block,
    /// multi-line or escaped scalars, anchors, aliases, tags, directives, "...", tabs, control characters, a line it
    /// cannot place) it gives up, the builder forgets what it made, and YamlDotNet reads the text: a file is never read
    /// differently, only faster. Syntax errors are always YamlDotNet's to report. Tests compare the two readers node
    /// by node over every golden input and seeded random edits.
    /// </summary>
    private sealed class BlockReader
    {
        /// <summary>YAML's limit on an implicit key, which YamlDotNet enforces.</summary>
        private const int MaxKeyLength = 1024;

        private readonly TreeBuilder _builder;
        private readonly string _text;
        private readonly int _end;

        /// <summary>The open block collections, innermost last.</summary>
        private readonly List<Frame> _frames = [];

        private bool _documentOpen;
        private bool _rootRead;
        private int _documents;
        private int _lineStart;
        private int _contentEnd;

        /// <summary>Where the empty value of a "key:" or "-" with nothing after it goes, or -1.</summary>
        private int _pendingAt = -1;
        private int _pendingColumn;
        private bool _pendingIsMappingValue;

        /// <summary>The last line ended with a scalar value: a deeper line would continue it (a multi-line scalar).</summary>
        private bool _scalarEnded;

        private BlockReader(TreeBuilder builder, string text, int end)
        {
            _builder = builder;
            _text = text;
            _end = end;
        }

        /// <summary>Reads <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) into <paramref name="builder"/>, or returns false.</summary>
        public static bool TryRead(TreeBuilder builder, string text, int start, int end) => new BlockReader(builder, text, end).Read(start);

        private bool Read(int start)
        {
            for (var lineStart = start; lineStart < _end;)
            {
                var newline = _text.AsSpan(lineStart, _end - lineStart).IndexOf('\n');
                var lineEnd = newline < 0 ? _end : lineStart + newline;
                _lineStart = lineStart;
                _contentEnd = lineEnd > lineStart && _text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (!ReadLine())
                {
                    return false;
                }
                lineStart = lineEnd + 1;
            }
            if (!_documentOpen)
            {
                return false;
            }
            EndDocument(_end);
            return true;
        }

        private bool ReadLine()
        {
            var line = _text.AsSpan(_lineStart, _contentEnd - _lineStart);
            if (!IsReadable(line))
            {
                return false;
            }
            var indent = line.IndexOfAnyExcept(' ');
            if (indent < 0 || line[indent] == '#')
            {
                return true;
            }
            if (indent == 0 && (line.StartsWith("---") || line.StartsWith("...")))
            {
                return IsDocumentStart(line) && StartExplicitDocument();
            }
            var at = _lineStart + indent;
            if (!_documentOpen)
            {
                _documentOpen = true;
                _builder.StartDocument(at, at);
            }
            if (!_rootRead)
            {
                _rootRead = true;
                return OpenNested(at, indentless: false);
            }
            if (_pendingAt >= 0)
            {
                var indentless = _pendingIsMappingValue && indent == _pendingColumn && IsDash(at);
                if (indent > _pendingColumn || indentless)
                {
                    _pendingAt = -1;
                    return OpenNested(at, indentless);
                }
                AddPendingEmptyValue();
            }
            else if (_scalarEnded && indent > _frames[^1].Column)
            {
                return false;
            }
            _scalarEnded = false;
            while (_frames.Count > 0 && (_frames[^1].Column > indent || (_frames[^1].Indentless && !IsDash(at))))
            {
                Close();
            }
            if (_frames.Count == 0 || _frames[^1].Column != indent)
            {
                return false;
            }
            return _frames[^1].IsMapping ? ReadPair(at) : IsDash(at) && ReadItem(at);
        }

        /// <summary>"---" alone (or before a comment): nothing on the marker's line, where YamlDotNet would start a node.</summary>
        private static bool IsDocumentStart(ReadOnlySpan<char> line)
        {
            if (!line.StartsWith("---"))
            {
                return false;
            }
            var rest = line[3..];
            var content = rest.IndexOfAnyExcept(' ');
            return content < 0 || (content > 0 && rest[content] == '#');
        }

        /// <summary>A "---" line: ends the document before it (YamlDotNet ends it where the marker starts) and starts the next.</summary>
        private bool StartExplicitDocument()
        {
            if (_documentOpen)
            {
                EndDocument(_lineStart);
            }
            if (++_documents >= YamlBudget.MaxDocuments)
            {
                return false;
            }
            _documentOpen = true;
            _rootRead = false;
            _builder.StartDocument(_lineStart, _lineStart + 3);
            return true;
        }

        private void EndDocument(int at)
        {
            AddPendingEmptyValue();
            while (_frames.Count > 0)
            {
                Close();
            }
            _scalarEnded = false;
            _builder.EndDocument(at);
        }

        /// <summary>A block collection that starts at <paramref name="at"/>: the value of the key or dash before it, or the document's root.</summary>
        private bool OpenNested(int at, bool indentless)
        {
            if (_frames.Count >= YamlBudget.MaxDepth - 1)
            {
                return false;
            }
            var column = at - _lineStart;
            if (IsDash(at))
            {
                _frames.Add(new Frame(column, IsMapping: false, indentless));
                // YamlDotNet's mark for an indentless sequence covers the dash; for an indented one it is empty.
                _builder.StartCollection(at, indentless ? at + 1 : at, isMapping: false, isFlow: false, AnchorName.Empty, tag: null);
                return ReadItem(at);
            }
            return OpenMapping(at, column);
        }

        private bool OpenMapping(int at, int column)
        {
            if (KeyEnd(at) < 0 || _frames.Count >= YamlBudget.MaxDepth - 1)
            {
                return false;
            }
            _frames.Add(new Frame(column, IsMapping: true, Indentless: false));
            _builder.StartCollection(at, at, isMapping: true, isFlow: false, AnchorName.Empty, tag: null);
            return ReadPair(at);
        }

        /// <summary>"- " at <paramref name="dash"/>, then an empty value, a scalar, or the first key of a mapping.</summary>
        private bool ReadItem(int dash)
        {
            var at = SkipSpaces(dash + 1);
            if (at == _contentEnd || _text[at] == '#')
            {
                Pending(dash + 1, dash - _lineStart, isMappingValue: false);
                return true;
            }
            if (IsDash(at))
            {
                return false;
            }
            return KeyEnd(at) >= 0 ? OpenMapping(at, at - _lineStart) : ReadValue(at);
        }

        /// <summary>"key:" at <paramref name="at"/>, then an empty value or a scalar.</summary>
        private bool ReadPair(int at)
        {
            var colon = KeyEnd(at);
            if (colon < 0 || IsIndicator(_text[at]) || _text[colon - 1] == ' ' || colon - at > MaxKeyLength)
            {
                return false;
            }
            _builder.AddScalar(at, colon, _builder.Shared(_text.AsSpan(at, colon - at)), YamlScalarStyle.Plain, tag: null, AnchorName.Empty);
            var value = SkipSpaces(colon + 1);
            if (value == _contentEnd || _text[value] == '#')
            {
                Pending(colon + 1, at - _lineStart, isMappingValue: true);
                return true;
            }
            return !IsDash(value) && ReadValue(value);
        }

        /// <summary>A one-line scalar at <paramref name="at"/>, then nothing but spaces and a comment.</summary>
        private bool ReadValue(int at)
        {
            int end;
            if (_text[at] == '[')
            {
                end = ReadFlowSequence(at);
            }
            else if (_text[at] is '"' or '\'')
            {
                end = ReadQuoted(at);
            }
            else
            {
                end = IsIndicator(_text[at]) ? -1 : PlainEnd(at);
                if (end >= 0)
                {
                    _builder.AddScalar(at, end, _builder.Shared(_text.AsSpan(at, end - at)), YamlScalarStyle.Plain, tag: null, AnchorName.Empty);
                }
            }
            if (end < 0 || !IsLineEnd(end))
            {
                return false;
            }
            _scalarEnded = true;
            return true;
        }

        /// <summary>A quoted scalar without escapes at <paramref name="at"/>; its end, or -1.</summary>
        private int ReadQuoted(int at)
        {
            var quote = _text[at];
            var close = _text.AsSpan(at + 1, _contentEnd - at - 1).IndexOf(quote);
            if (close < 0)
            {
                return -1;
            }
            var value = _text.AsSpan(at + 1, close);
            var end = at + close + 2;
            // Escapes ("\n", '') would make the value differ from the text between the quotes.
            if (quote == '"' ? value.Contains('\\') : end < _contentEnd && _text[end] == '\'')
            {
                return -1;
            }
            var style = quote == '"' ? YamlScalarStyle.DoubleQuoted : YamlScalarStyle.SingleQuoted;
            _builder.AddScalar(at, end, _builder.Shared(value), style, tag: null, AnchorName.Empty);
            return end;
        }

        /// <summary>
        /// "[a, 'b', "c"]" on one line: a flow sequence of one-line scalars (Istio's <c>exportTo: ["."]</c>,
        /// <c>hosts: ["*"]</c>); its end, or -1 for anything more.
        /// </summary>
        private int ReadFlowSequence(int open)
        {
            if (_frames.Count >= YamlBudget.MaxDepth - 1)
            {
                return -1;
            }
            _builder.StartCollection(open, open, isMapping: false, isFlow: true, AnchorName.Empty, tag: null);
            var at = SkipSpaces(open + 1);
            if (at < _contentEnd && _text[at] != ']')
            {
                while (true)
                {
                    var end = _text[at] is '"' or '\'' ? ReadQuoted(at) : ReadFlowPlain(at);
                    if (end < 0)
                    {
                        return -1;
                    }
                    at = SkipSpaces(end);
                    if (at < _contentEnd && _text[at] == ',')
                    {
                        at = SkipSpaces(at + 1);
                        if (at == _contentEnd || _text[at] == ']')
                        {
                            return -1;
                        }
                        continue;
                    }
                    break;
                }
            }
            if (at == _contentEnd || _text[at] != ']')
            {
                return -1;
            }
            _builder.EndCollection(at);
            return at + 1;
        }

        /// <summary>A plain item of a flow sequence, up to a comma or the closing bracket; its end, or -1.</summary>
        private int ReadFlowPlain(int at)
        {
            if (IsIndicator(_text[at]))
            {
                return -1;
            }
            var length = _text.AsSpan(at, _contentEnd - at).IndexOfAny(FlowPlainEnds);
            if (length < 0 || _text[at + length] is not (',' or ']'))
            {
                return -1;
            }
            var end = at + length;
            while (_text[end - 1] == ' ')
            {
                end--;
            }
            _builder.AddScalar(at, end, _builder.Shared(_text.AsSpan(at, end - at)), YamlScalarStyle.Plain, tag: null, AnchorName.Empty);
            return end;
        }

        /// <summary>What ends a plain item in a flow sequence, or makes it something this reader leaves to YamlDotNet.</summary>
        private static readonly SearchValues<char> FlowPlainEnds = SearchValues.Create(",[]{}#:\"'");

        /// <summary>Nothing but spaces and a comment after <paramref name="end"/> on the line.</summary>
        private bool IsLineEnd(int end)
        {
            var after = SkipSpaces(end);
            return after == _contentEnd || (_text[after] == '#' && after > end);
        }

        /// <summary>
        /// The end of a plain scalar starting at <paramref name="at"/>: before a comment or the line's end, trailing
        /// spaces left out; -1 when a ": " or a final ":" would make it a key.
        /// </summary>
        private int PlainEnd(int at)
        {
            var end = _contentEnd;
            for (var i = at; i < _contentEnd; i++)
            {
                var c = _text[i];
                if (c == ':' && IsSeparated(i))
                {
                    return -1;
                }
                if (c == '#' && _text[i - 1] == ' ')
                {
                    end = i;
                    break;
                }
            }
            while (_text[end - 1] == ' ')
            {
                end--;
            }
            return end;
        }

        /// <summary>The colon that ends a plain key starting at <paramref name="at"/>, or -1 when the line holds no key.</summary>
        private int KeyEnd(int at)
        {
            for (var i = at; i < _contentEnd; i++)
            {
                var c = _text[i];
                if (c == ':' && IsSeparated(i))
                {
                    return i;
                }
                if (c == '#' && i > at && _text[i - 1] == ' ')
                {
                    return -1;
                }
            }
            return -1;
        }

        private void Pending(int at, int column, bool isMappingValue)
        {
            _pendingAt = at;
            _pendingColumn = column;
            _pendingIsMappingValue = isMappingValue;
        }

        /// <summary>"key:" or "-" followed by nothing: an empty plain scalar right after the indicator, as YamlDotNet places it.</summary>
        private void AddPendingEmptyValue()
        {
            if (_pendingAt >= 0)
            {
                _builder.AddScalar(_pendingAt, _pendingAt, "", YamlScalarStyle.Plain, tag: null, AnchorName.Empty);
                _pendingAt = -1;
            }
        }

        private void Close()
        {
            _frames.RemoveAt(_frames.Count - 1);
            _builder.EndCollection(_end);
        }

        private bool IsDash(int at) => _text[at] == '-' && IsSeparated(at);

        /// <summary>The indicator at <paramref name="at"/> ends the line or is followed by a space ("- ", ": ").</summary>
        private bool IsSeparated(int at) => at + 1 == _contentEnd || _text[at + 1] == ' ';

        private int SkipSpaces(int at)
        {
            while (at < _contentEnd && _text[at] == ' ')
            {
                at++;
            }
            return at;
        }

        /// <summary>Characters that start something other than a plain scalar (or may: "-1", "?x" are left to YamlDotNet).</summary>
        private static bool IsIndicator(char c) => c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`';

        /// <summary>
        /// Printable characters YAML allows in a line, less those YamlDotNet treats specially: tabs, line
        /// separators (U+0085, U+2028, U+2029), a byte-order mark, surrogates.
        /// </summary>
        private static bool IsReadable(ReadOnlySpan<char> line)
        {
            var other = line.IndexOfAnyExceptInRange(' ', '~');
            if (other < 0)
            {
                return true;
            }
            foreach (var c in line[other..])
            {
                if (c is not ((>= ' ' and <= '~') or (>= '\u00A0' and < '\u2028') or (> '\u2029' and < '\uD800') or (>= '\uE000' and <= '\uFFFD')) || c == '\uFEFF')
                {
                    return false;
                }
            }
            return true;
        }

        private readonly record struct Frame(int Column, bool IsMapping, bool Indentless);
    }
}
