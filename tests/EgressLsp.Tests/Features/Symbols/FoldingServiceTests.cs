using EgressLsp.Core.Features.Symbols;
using static EgressLsp.Tests.Features.FeatureFixtures;

namespace EgressLsp.Tests.Features.Symbols;

public class FoldingServiceTests
{
    private static (int, int, FoldingRegionKind)[] Ranges(string text) =>
        [.. FoldingService.GetRanges(Open(text).Analysis).Select(r => (r.StartLine, r.EndLine, r.Kind))];

    [Fact]
    public void Blocks_fold_from_their_key_and_items_from_their_dash()
    {
        var ranges = Ranges("""
            spec:
              egressRules:
              - from:
                - namespace: mytest
                to:
                - hosts: [a.com]
                  port:
                    number: 80
            """);
        Assert.Equal(
        [
            (0, 7, FoldingRegionKind.Block),   // the document and `spec`, which start on the same line
            (1, 7, FoldingRegionKind.Block),   // egressRules
            (2, 7, FoldingRegionKind.Block),   // the rule's item
            (4, 7, FoldingRegionKind.Block),   // to
            (5, 7, FoldingRegionKind.Block),   // the to item
            (6, 7, FoldingRegionKind.Block),   // port
        ], ranges);
    }

    [Fact]
    public void Documents_comment_runs_and_block_scalars_fold_and_one_liners_do_not()
    {
        var ranges = Ranges("""
            # first
            # second
            a: 1
            ---
            b:
              c: |
                line one
                line two
              d: [1, 2]   # a trailing comment is not a run
            # alone
            """);
        Assert.Contains((0, 1, FoldingRegionKind.Comment), ranges);
        Assert.Contains((3, 8, FoldingRegionKind.Block), ranges);   // the second document, from its marker
        Assert.Contains((4, 8, FoldingRegionKind.Block), ranges);   // b
        Assert.Contains((5, 7, FoldingRegionKind.Block), ranges);   // the literal block, up to its last line
        Assert.DoesNotContain(ranges, r => r.Item1 == 2 || r.Item1 == 8 || r.Item1 == 9);
    }

    [Fact]
    public void Every_line_starts_at_most_one_region()
    {
        var ranges = Ranges(Example("https-upgrade.yaml"));
        Assert.Equal(ranges.Length, ranges.Select(r => r.Item1).Distinct().Count());
        Assert.All(ranges, r => Assert.True(r.Item2 > r.Item1));
    }

    [Fact]
    public void A_huge_document_keeps_its_largest_folds_up_to_the_limit()
    {
        var text = "outer:\n" + string.Concat(Enumerable.Range(0, 8_000).Select(i => $"  k{i}:\n    a: 1\n"));
        var ranges = Ranges(text);
        Assert.Equal(FoldingService.MaxRegions, ranges.Length);
        Assert.Equal((0, 16_000, FoldingRegionKind.Block), ranges[0]);
        Assert.Equal(ranges.OrderBy(r => r.Item1), ranges);
    }
}
