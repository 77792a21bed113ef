using EgressLsp.Core.Features.Completion;

namespace EgressLsp.Tests.Features.Completion;

public class SnippetTextTests
{
    [Theory]
    [InlineData("name: ${1:web}", "name: web")]
    [InlineData("namespace: ${1|mytest,other|}\nname: $1", "namespace: mytest\nname: mytest")]
    [InlineData("port: ${2:80}$0", "port: 80")]
    [InlineData("cost: \\$5 \\} \\\\", "cost: $5 } \\")]
    [InlineData("a: ${1:x\\}y}", "a: x}y")]
    [InlineData("a: ${1|only|}", "a: only")]
    public void Placeholders_take_their_defaults(string snippet, string expected) =>
        Assert.Equal(expected, SnippetText.ToPlainText(snippet));

    [Fact]
    public void Every_offered_snippet_becomes_valid_yaml_as_plain_text()
    {
        var policy = SnippetText.ToPlainText(CompletionTestText.Complete("|").Items.Single(i => i.IsSnippet).InsertText);
        var analysis = new Core.Analysis.DocumentAnalysis("/p.yaml", policy, Core.Analysis.AnalysisContext.Default);
        Assert.Single(analysis.Policies);
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Level >= Core.Diagnostics.DiagnosticLevel.Warning);
    }
}
