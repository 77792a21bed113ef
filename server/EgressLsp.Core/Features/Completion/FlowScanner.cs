using System.Collections.Immutable;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Reads a one-line flow collection (<c>[a.com, b.c|</c>, <c>{app: sl|}</c>) up to the cursor, unclosed or not:
/// the path inside it, whether a key or a value is typed, and the entries already written beside it.
/// </summary>
internal static class FlowScanner
{
    public readonly record struct Result(ImmutableArray<PathSegment> Path, CompletionPosition Position, int TokenStart, int TokenEnd,
        ImmutableHashSet<string> Siblings);

    private sealed class Frame(bool isSequence)
    {
        public bool IsSequence { get; } = isSequence;

        public int Index { get; set; }

        public string? Key { get; set; }

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }

    /// <param name="line">The cursor's line.</param>
    /// <param name="open">Index of the opening bracket.</param>
    /// <param name="cursor">Index of the cursor, after <paramref name="open"/>.</param>
    /// <returns>Null when the collection is closed before the cursor or its shape is not one completion handles.</returns>
    public static Result? Scan(ReadOnlySpan<char> line, int open, int cursor)
    {
        var frames = new List<Frame>();
        var tokenStart = open + 1;
        for (var i = open; i < cursor; i++)
        {
            switch (line[i])
            {
                case '[' or '{':
                    frames.Add(new Frame(line[i] == '['));
                    tokenStart = i + 1;
                    break;
                case ']' or '}':
                    frames.RemoveAt(frames.Count - 1);
                    if (frames.Count == 0)
                    {
                        return null;
                    }
                    tokenStart = i + 1;
                    break;
                case ',' when frames.Count > 0:
                    var frame = frames[^1];
                    var token = YamlLine.Unquote(line[tokenStart..i].Trim()).ToString();
                    if (frame.IsSequence)
                    {
                        frame.Seen.Add(token);
                        frame.Index++;
                    }
                    else
                    {
                        frame.Seen.Add(frame.Key ?? token);
                        frame.Key = null;
                    }
                    tokenStart = i + 1;
                    break;
                case ':' when frames.Count > 0 && !frames[^1].IsSequence && frames[^1].Key is null
                              && (i + 1 == line.Length || line[i + 1] is ' ' or ',' or '}'):
                    frames[^1].Key = YamlLine.Unquote(line[tokenStart..i].Trim()).ToString();
                    tokenStart = i + 1;
                    break;
                case '"' or '\'':
                    var end = YamlLine.SkipQuoted(line, i);
                    if (end > cursor)
                    {
                        // The cursor is inside the quotes: the token is the quoted text so far.
                        i = cursor;
                        break;
                    }
                    i = end - 1;
                    break;
            }
        }

        if (frames.Count == 0)
        {
            // The cursor is before the opening bracket.
            return null;
        }
        var path = ImmutableArray.CreateBuilder<PathSegment>();
        for (var f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            var innermost = f == frames.Count - 1;
            if (frame.IsSequence)
            {
                path.Add(PathSegment.Item(frame.Index));
            }
            else if (frame.Key is { } key)
            {
                path.Add(PathSegment.Property(key));
            }
            else if (!innermost)
            {
                // A nested collection used as a key: nothing to complete.
                return null;
            }
        }
        var inner = frames[^1];
        var position = inner.IsSequence || inner.Key is not null ? CompletionPosition.Value : CompletionPosition.Key;
        var start = YamlLine.SkipSpaces(line, tokenStart);
        start = Math.Min(start, cursor);
        var tokenEnd = cursor;
        while (tokenEnd < line.Length && line[tokenEnd] is not (',' or ']' or '}' or ':' or '#'))
        {
            tokenEnd++;
        }
        while (tokenEnd > cursor && line[tokenEnd - 1] is ' ' or '\t')
        {
            tokenEnd--;
        }
        return new Result(path.ToImmutable(), position, start, tokenEnd, [.. inner.Seen]);
    }
}
