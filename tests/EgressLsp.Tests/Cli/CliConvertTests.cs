using System.Text.Json.Nodes;
using EgressLsp.Tests.Conversion;

namespace EgressLsp.Tests.Cli;

/// <summary><c>egressctl convert</c>: the proposal on stdout, findings on stderr, exit codes, JSON, standard input.</summary>
public class CliConvertTests
{
    private static string CaseFolder(string name) => ConversionCase.Get(name).CaseFolder;

    [Fact]
    public void Prints_the_proposal_and_reports_findings_with_file_line_and_column()
    {
        var run = CliRunner.Run(CaseFolder("example-cnn-tls-origination"), "convert", "input.yaml");

        Assert.Equal(0, run.ExitCode);
        var golden = ConversionCase.Get("example-cnn-tls-origination");
        Assert.Equal(golden.Convert().ToYaml(), run.Stdout);
        Assert.Contains("input.yaml:98:7: info EGC006: DestinationRule default/originate-tls-for-edition-cnn-com", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("input.yaml:8:5: warning EGC002: edition.cnn.com:443 is not converted", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_convertible_is_exit_1_with_the_reasons()
    {
        var run = CliRunner.Run(CaseFolder("clean-sidecar-tls-origination"), "convert", "input.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("EGC002: edition.cnn.com:80 is not converted: no route sends it to an egress gateway", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("egressctl: nothing converted: no traffic of the inputs goes through an egress gateway in a way a policy can express\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_holds_the_policies_the_environment_and_the_findings()
    {
        var run = CliRunner.Run(CaseFolder("one-virtualservice-per-hop-custom-gateway"), "convert", "--format", "json", "input.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var json = JsonNode.Parse(run.Stdout)!;
        var policy = json["policies"]!.AsArray().Single()!;
        Assert.Equal("egress-by-egress-a", policy["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(8443, policy["spec"]!["egressRules"]![0]!["to"]![0]!["byEgressGateway"]!["port"]!.GetValue<int>());
        Assert.Equal("egress-system", json["environment"]!["environment"]!["gatewayNamespace"]!.GetValue<string>());
        Assert.Empty(json["findings"]!.AsArray());

        var withFindings = JsonNode.Parse(CliRunner.Run(CaseFolder("not-expressible"), "convert", "--format", "json", "input.yaml").Stdout)!;
        Assert.Null(withFindings["environment"]);
        var finding = withFindings["findings"]!.AsArray().First(f => f!["code"]!.GetValue<string>() == "EGC001")!;
        Assert.Equal("input.yaml", finding["file"]!.GetValue<string>());
        Assert.True(finding["line"]!.GetValue<int>() > 0);
    }

    [Fact]
    public void Reads_standard_input_and_a_folder_and_refuses_a_missing_file()
    {
        var golden = ConversionCase.Get("seed-003-asm-manual");
        var stdin = CliRunner.RunWith(golden.CaseFolder, golden.InputText, null, "convert", "-", "--workspace", "workspace.yaml");
        Assert.Equal(0, stdin.ExitCode);
        Assert.Contains("hosts:\n      - aliyun.com\n", stdin.Stdout, StringComparison.Ordinal);

        var folder = CliRunner.Run(golden.CaseFolder, "convert", ".");
        Assert.Equal(0, folder.ExitCode);
        Assert.Equal(stdin.Stdout, folder.Stdout);

        var missing = CliRunner.Run(golden.CaseFolder, "convert", "no-such-file.yaml");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-such-file.yaml", missing.Stderr, StringComparison.Ordinal);
    }
}
