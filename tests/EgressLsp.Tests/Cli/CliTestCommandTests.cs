using System.Text.Json.Nodes;
using EgressLsp.Tests.Golden;

namespace EgressLsp.Tests.Cli;

/// <summary>
/// <c>egressctl test</c> on <c>golden/egress-test/</c>: one expectation of five fails on purpose (a bypass of the
/// hand-written set); text, JUnit XML and SARIF are golden files.
/// </summary>
public class CliTestCommandTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "egress-test");

    [Theory]
    [InlineData("text", "test.txt")]
    [InlineData("junit", "test.junit.xml")]
    [InlineData("sarif", "test.sarif.json")]
    public void A_failing_expectation_is_exit_1_and_reported_in_every_format(string format, string golden)
    {
        var run = CliRunner.Run(Folder, "test", "--format", format, "--locale", "en", ".");

        Assert.Equal(1, run.ExitCode);
        GoldenFile.AssertMatches(Path.Combine(Folder, golden), run.Stdout);
    }

    [Fact]
    public void The_failure_is_the_bypass_with_its_path_and_the_others_pass()
    {
        var run = CliRunner.Run(Folder, "test", ".");

        Assert.Contains("  ok    billing pays through the gateway: allowed through the egress gateway\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  FAIL  team-b → api.stripe.com:443: refused\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 expectations, 1 failed\n", run.Stdout, StringComparison.Ordinal);
        var sarif = JsonNode.Parse(CliRunner.Run(Folder, "test", "--format", "sarif", ".").Stdout)!;
        var result = sarif["runs"]![0]!["results"]!.AsArray().Single()!;
        Assert.Equal("EGT001", result["ruleId"]!.GetValue<string>());
    }

    [Fact]
    public void When_every_expectation_holds_the_exit_code_is_0_and_without_tests_2()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(Folder, "stripe.yaml"), Path.Combine(folder.Path, "stripe.yaml"));
        File.Copy(Path.Combine(Folder, "workloads.yaml"), Path.Combine(folder.Path, "workloads.yaml"));
        Assert.Equal(2, CliRunner.Run(folder.Path, "test", ".").ExitCode);

        var tests = File.ReadAllText(Path.Combine(Folder, "egress-tests.yaml"));
        File.WriteAllText(Path.Combine(folder.Path, "egress-tests.yaml"), tests[..tests.IndexOf("  - from: team-b\n    to: api.stripe.com:443", StringComparison.Ordinal)]);
        var run = CliRunner.Run(folder.Path, "test", ".");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 expectations, 0 failed\n", run.Stdout, StringComparison.Ordinal);
    }
}
