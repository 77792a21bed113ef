using EgressLsp.Core.Features.Actions;
using static EgressLsp.Tests.Features.Actions.ActionTestDocuments;

namespace EgressLsp.Tests.Features.Actions;

public class CodeLensServiceTests
{
    [Theory]
    [MemberData(nameof(PolicyExamples), MemberType = typeof(ActionTestDocuments))]
    public void A_clean_policy_gets_a_count_with_preview_and_copy_over_its_kind(string example)
    {
        var analysis = Example(example);
        var count = analysis.Expand().Resources.Length;

        var lenses = CodeLensService.GetLenses(analysis);

        Assert.Equal(2, lenses.Length);
        Assert.All(lenses, lens => Assert.Equal("kind: ASMEgressTrafficPolicy", analysis.Text.Text[lens.Span.Start..lens.Span.End]));
        Assert.Equal($"{count} resources (istio-sidecar) · Preview", lenses[0].Title.En);
        Assert.Equal($"{count} 个资源(istio-sidecar)· 预览", lenses[0].Title.Zh);
        Assert.Equal(EditorCommands.ShowPreview, lenses[0].Command);
        Assert.Equal(EditorCommands.DocumentArgument, Assert.Single(lenses[0].CommandArguments));
        Assert.Equal("Copy as YAML", lenses[1].Title.En);
        Assert.Equal(EditorCommands.CopyExpansion, lenses[1].Command);
        Assert.Equal(EditorCommands.DocumentArgument, Assert.Single(lenses[1].CommandArguments));
    }

    [Fact]
    public void A_policy_with_errors_says_so_and_offers_nothing()
    {
        var analysis = Analyse("http.yaml", MisspeltProtocol);
        var lens = Assert.Single(CodeLensService.GetLenses(analysis));
        Assert.Equal("1 error · expansion unavailable", lens.Title.En);
        Assert.Equal("1 个错误 · 无法展开", lens.Title.Zh);
        Assert.Null(lens.Command);
        Assert.Empty(lens.CommandArguments);
    }

    [Fact]
    public void Each_policy_counts_its_own_resources()
    {
        var http = File.ReadAllText(ExamplePath("http.yaml"));
        var upgrade = File.ReadAllText(ExamplePath("https-upgrade.yaml")).Replace("name: egress-by-egressgateway", "name: second", StringComparison.Ordinal);
        var analysis = Analyse("two.yaml", http + "---\n" + upgrade);

        var counts = CodeLensService.GetLenses(analysis)
            .Where(l => l.Command == EditorCommands.ShowPreview)
            .Select(l => int.Parse(l.Title.En.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

        Assert.Equal(2, counts.Length);
        Assert.Equal(Analyse("a.yaml", http).Expand().Resources.Length, counts[0]);
        Assert.Equal(analysis.Expand().Resources.Length, counts.Sum());
        Assert.True(counts[1] > counts[0], "the upgraded policy adds an origination DestinationRule");
    }

    [Fact]
    public void Only_policies_get_lenses()
    {
        Assert.Empty(CodeLensService.GetLenses(Example("ambient-httpbin.yaml")));
    }
}
