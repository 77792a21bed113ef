using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>The seed guide's conventional policies: the analyzer has nothing to warn about.</summary>
public class SeedExampleTests
{
    [Theory]
    [InlineData("http.yaml")]
    [InlineData("https-upgrade.yaml")]
    [InlineData("https-passthrough.yaml")]
    public void Seed_examples_only_note_the_shared_hosts(string example)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", example));
        var result = Analyze(yaml);
        // Both examples list www.httpbin.org and httpbin.org in one entry: the one fact worth telling (info).
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("EGP027", diagnostic.Code);
        Assert.Equal(Core.Diagnostics.DiagnosticLevel.Info, diagnostic.Level);
    }

    [Fact]
    public void Seed_examples_with_the_guide_gateway_in_the_workspace_report_its_name_mismatch()
    {
        // Seed 000 creates gateway "egressgateway-a" but writes "egressgateway": the mistake EGP012 exists for.
        var workspace = Workspace(PolicyConventionTests.GatewayManifests);
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-passthrough.yaml"));
        var result = Analyze(yaml, workspace);
        Assert.Equal(["EGP012", "EGP027"], result.Codes.Order());
    }
}
