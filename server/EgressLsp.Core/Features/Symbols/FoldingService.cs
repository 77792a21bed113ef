using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Symbols;

public enum FoldingRegionKind { Block, Comment }

/// <summary>Lines <paramref name="StartLine"/>..<paramref name="EndLine"/> (0-based, inclusive) fold into the first one.</summary>
public readonly record struct FoldingRegion(int StartLine, int EndLine, FoldingRegionKind Kind);

/// <summary>
/// Folding by structure, not indentation: each document, each value spanning more lines than its key (folded
/// from the key's line, so the key stays visible), each multi-line sequence item, and each run of comment lines.
/// </summary>
public static class FoldingService
{
    /// <summary>At most this many regions are returned: the largest.</summary>
    public const int MaxRegions = 5_000;

    public static ImmutableArray<FoldingRegion> GetRanges(DocumentAnalysis analysis)
    {
        var text = analysis.Text;
        // One region per start line, the longest: editors keep only one fold per line.
        var byStartLine = new Dictionary<int, FoldingRegion>();
        void Add(int startLine, int endLine, FoldingRegionKind kind)
        {
            if (endLine > startLine && (!byStartLine.TryGetValue(startLine, out var known) || known.EndLine < endLine))
            {
                byStartLine[startLine] = new FoldingRegion(startLine, endLine, kind);
            }
        }

        foreach (var document in analysis.Yaml.Documents)
        {
            if (document.Root is not { } root)
            {
                continue;
            }
            Add(text.GetLineIndex(Math.Min(document.Span.Start, root.Span.Start)), LastLine(text, root.Span), FoldingRegionKind.Block);
            AddNested(root, text, Add);
        }
        AddCommentRuns(analysis.Yaml, text, Add);
        // A huge document keeps its largest folds (editors show a few thousand at most anyway).
        var regions = byStartLine.Count <= MaxRegions
            ? byStartLine.Values
            : byStartLine.Values.OrderByDescending(r => r.EndLine - r.StartLine).ThenBy(r => r.StartLine).Take(MaxRegions);
        return [.. regions.OrderBy(r => r.StartLine)];
    }

    /// <summary>Walks the tree as written: an alias is a leaf here (its target is folded where it is defined).</summary>
    private static void AddNested(YamlNode node, SourceText text, Action<int, int, FoldingRegionKind> add)
    {
        switch (node)
        {
            case YamlMapping mapping:
                foreach (var pair in mapping.Pairs)
                {
                    add(text.GetLineIndex(pair.Key.Span.Start), LastLine(text, pair.Value.Span), FoldingRegionKind.Block);
                    AddNested(pair.Value, text, add);
                }
                break;
            case YamlSequence sequence:
                foreach (var item in sequence.Items)
                {
                    add(text.GetLineIndex(item.Span.Start), LastLine(text, item.Span), FoldingRegionKind.Block);
                    AddNested(item, text, add);
                }
                break;
        }
    }

    /// <summary>Two or more consecutive lines holding only a comment.</summary>
    private static void AddCommentRuns(YamlFile file, SourceText text, Action<int, int, FoldingRegionKind> add)
    {
        var runStart = -1;
        var previous = -2;
        foreach (var comment in file.Comments)
        {
            var line = text.GetLineIndex(comment.Span.Start);
            if (!IsWholeLine(text, line, comment.Span.Start))
            {
                continue;
            }
            if (line != previous + 1)
            {
                add(runStart, previous, FoldingRegionKind.Comment);
                runStart = line;
            }
            previous = line;
        }
        add(runStart, previous, FoldingRegionKind.Comment);
    }

    private static bool IsWholeLine(SourceText text, int line, int commentStart)
    {
        for (var i = text.GetLineStart(line); i < commentStart; i++)
        {
            if (text.Text[i] is not (' ' or '\t' or '\uFEFF'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The line of the span's last character (a block scalar's span ends after its final line break).</summary>
    private static int LastLine(SourceText text, TextSpan span) => text.GetLineIndex(span.Length == 0 ? span.Start : span.End - 1);
}
