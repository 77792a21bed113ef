using System.Collections.Immutable;
using EgressLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace EgressLsp.Core.Yaml;

/// <summary>
/// Comments with their ranges. YamlDotNet's parser cannot consume comment tokens in every state, so comments are
/// collected by a separate scanner pass, only when someone asks for them.
/// </summary>
internal static class YamlComments
{
    private const int MaxStalledTokens = 64;

    public static ImmutableArray<YamlComment> Scan(SourceText text)
    {
        var result = ImmutableArray.CreateBuilder<YamlComment>();
        var offset = text.Text.Length > 0 && text.Text[0] == '\uFEFF' ? 1 : 0;
        var scanner = new Scanner(new StringReader(offset == 0 ? text.Text : text.Text[offset..]), skipComments: false);
        // After some syntax errors YamlDotNet's scanner yields the same tokens forever (found by the fuzzer: a key
        // indented one space less than its siblings); every token but a handful of zero-width ones moves forward, so a
        // scanner that stops moving is stopped.
        var lastEnd = -1L;
        var stalled = 0;
        try
        {
            while (scanner.MoveNext())
            {
                var end = scanner.Current!.End.Index;
                stalled = end > lastEnd ? 0 : stalled + 1;
                lastEnd = Math.Max(lastEnd, end);
                if (stalled > MaxStalledTokens)
                {
                    break;
                }
                if (scanner.Current is Comment comment)
                {
                    result.Add(new YamlComment(
                        TextSpan.FromBounds((int)comment.Start.Index + offset, (int)comment.End.Index + offset), comment.Value));
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // Comments after a syntax error are not collected; the error itself is reported by the parser.
        }
        return result.ToImmutable();
    }
}
