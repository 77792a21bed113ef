using EgressLsp.Core.Analysis;
using EgressLsp.Core.Features.Completion;

namespace EgressLsp.Tests.Features.Completion;

/// <summary>Completion runs on every keystroke, on whatever is typed: it never throws and its edits stay on the cursor's line.</summary>
public class CompletionRobustnessTests
{
    public static TheoryData<string> Examples() => [.. Directory.GetFiles(Path.Combine(RepoPaths.Shared, "examples"), "*.yaml").Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_offset_of_every_prefix_of_an_example_completes(string name)
    {
        var full = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", name));
        // Each prefix is the document as it is being typed; the cursor is tried everywhere in a few of them.
        for (var length = 0; length <= full.Length; length += Math.Max(1, full.Length / 40))
        {
            var text = full[..length];
            var analysis = new DocumentAnalysis("/w/" + name, text, AnalysisContext.Default);
            for (var offset = 0; offset <= text.Length; offset++)
            {
                foreach (var item in CompletionService.GetCompletions(analysis, offset).Items)
                {
                    Assert.InRange(item.ReplaceSpan.Start, 0, offset);
                    Assert.InRange(item.ReplaceSpan.End, offset, text.Length);
                    Assert.Equal(analysis.Text.GetLineIndex(item.ReplaceSpan.Start), analysis.Text.GetLineIndex(offset));
                }
            }
        }
    }

    [Theory]
    [InlineData("kind: ASMEgressTrafficPolicy\n\0\u0001\uFFFD{{[[\t:\n")]
    [InlineData("- - - - -\n  - - -\n    -")]
    [InlineData("a: [b, {c: [d, {e: ")]
    [InlineData("\"unterminated: 'x\n  key: \"\n")]
    [InlineData("\uFEFFapiVersion: x\r\n\r\n  \t- ")]
    [InlineData("spec:\n  egressRules:\n  - to:\n    - hosts: ]]]]\n      ")]
    public void Malformed_text_completes_without_throwing(string text)
    {
        var analysis = new DocumentAnalysis("/w/bad.yaml", text, AnalysisContext.Default);
        for (var offset = 0; offset <= text.Length; offset++)
        {
            _ = CompletionService.GetCompletions(analysis, offset);
        }
        _ = CompletionService.GetCompletions(analysis, -5);
        _ = CompletionService.GetCompletions(analysis, text.Length + 5);
    }
}
