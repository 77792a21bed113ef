using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Workspace;
using EgressLsp.Tests.Golden;

namespace EgressLsp.Tests.Conversion;

/// <summary>
/// Converts every case of <c>golden/convert</c> and compares the proposal and its findings with <c>CASE/policy.yaml</c>.
/// Regenerate after an intended change with <c>EGRESSLSP_UPDATE_GOLDEN=1 dotnet test --filter "FullyQualifiedName~Conversion"</c>.
/// </summary>
public class GoldenConversionTests
{
    [Theory]
    [MemberData(nameof(ConversionCase.All), MemberType = typeof(ConversionCase))]
    public void Conversion_matches_the_golden_file(string name)
    {
        var golden = ConversionCase.Get(name);
        GoldenFile.AssertMatches(golden.ExpectedPath, ConversionCase.GoldenText(golden.Convert(), golden.InputText));
    }

    /// <summary>Every proposal is a policy the validator accepts without an error or a warning, under the environment it proposes.</summary>
    [Theory]
    [MemberData(nameof(ConversionCase.All), MemberType = typeof(ConversionCase))]
    public void The_proposal_is_a_clean_policy(string name)
    {
        var golden = ConversionCase.Get(name);
        var result = golden.Convert();
        if (result.Policies.IsEmpty)
        {
            Assert.Contains(result.Findings, f => f.Diagnostic.Code == "EGC002" || f.Diagnostic.Code == "EGC005");
            return;
        }
        var environment = ProposedEnvironmentOf(result.Environment, golden.Environment);
        var analysis = new DocumentAnalysis("proposal.yaml", result.ToYaml(),
            new AnalysisContext(ProjectConfig.Default.WithEnvironment(environment), golden.Workspace));
        var problems = analysis.Diagnostics.Where(d => d.Level >= DiagnosticLevel.Warning && d.Code != "EGP042").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.Code}: {p.Message.En}")));
        Assert.Equal(result.Policies.Length, analysis.Policies.Count());
    }

    [Fact]
    public void Every_file_of_a_case_is_an_input_or_the_expected_proposal()
    {
        var known = new HashSet<string>(["input.yaml", "workspace.yaml", "egresslsp.yaml", "policy.yaml"]);
        var strays = Directory.EnumerateFileSystemEntries(ConversionCase.Folder)
            .Where(path => Path.GetFileName(path) != "README.md")
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFileSystemEntries(path) : [path])
            .Where(path => !known.Contains(Path.GetFileName(path)) || !ConversionCase.Names.Contains(Path.GetFileName(Path.GetDirectoryName(path)!)))
            .ToList();
        Assert.Empty(strays);
    }

    /// <summary>The cases taken from the seeds and istio.io hold those files unchanged.</summary>
    [Theory]
    [InlineData("example-cnn-tls-origination", "examples/istio-sidecar-tls-origination-cnn.yaml")]
    [InlineData("clean-egress-gateway-http", "peer-tests/istio-analyze/clean/egress-gateway-http.yaml")]
    [InlineData("clean-egress-gateway-https-passthrough", "peer-tests/istio-analyze/clean/egress-gateway-https-passthrough.yaml")]
    [InlineData("clean-egress-gateway-tls-origination", "peer-tests/istio-analyze/clean/egress-gateway-tls-origination.yaml")]
    [InlineData("clean-egress-gateway-mtls-origination", "peer-tests/istio-analyze/clean/egress-gateway-mtls-origination.yaml")]
    [InlineData("clean-sidecar-tls-origination", "peer-tests/istio-analyze/clean/sidecar-tls-origination.yaml")]
    [InlineData("clean-wildcard-direct", "peer-tests/istio-analyze/clean/wildcard-direct.yaml")]
    [InlineData("clean-wildcard-egress-gateway", "peer-tests/istio-analyze/clean/wildcard-egress-gateway.yaml")]
    public void Shared_inputs_are_golden_inputs_unchanged(string name, string shared)
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Shared, shared)), ConversionCase.Get(name).InputText);
    }

    /// <summary>The environment a proposal is meant to be expanded with: the input's, with what the conversion proposes on top.</summary>
    internal static EgressEnvironment ProposedEnvironmentOf(Core.Conversion.ProposedEnvironment proposal, EgressEnvironment input) => input with
    {
        GatewayNamespace = proposal.GatewayNamespace ?? EgressEnvironment.Default.GatewayNamespace,
        GatewayService = proposal.GatewayService,
        GatewaySelector = proposal.GatewaySelector,
        ClusterDomain = proposal.ClusterDomain ?? EgressEnvironment.Default.ClusterDomain,
        TrustDomain = proposal.TrustDomain ?? EgressEnvironment.Default.TrustDomain,
    };
}
