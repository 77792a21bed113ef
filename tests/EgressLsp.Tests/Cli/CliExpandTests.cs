using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace EgressLsp.Tests.Cli;

public class CliExpandTests
{
    /// <summary>Kinds of the documents of a multi-document YAML stream, read by an independent YAML parser.</summary>
    private static List<string> KindsOf(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(d => ((YamlScalarNode)((YamlMappingNode)d.RootNode).Children[new YamlScalarNode("kind")]).Value!)
            .ToList();
    }

    [Fact]
    public void Https_upgrade_expands_to_the_five_istio_kinds_as_multi_document_yaml()
    {
        var result = CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr); // its EGP027 info is left to validate
        var kinds = KindsOf(result.Stdout);
        foreach (var kind in new[] { "ServiceEntry", "Gateway", "DestinationRule", "VirtualService", "AuthorizationPolicy" })
        {
            Assert.Contains(kind, kinds);
        }
        Assert.Contains("\n---\n", result.Stdout);
        Assert.EndsWith("\n", result.Stdout);
    }

    [Fact]
    public void Expansion_is_deterministic()
    {
        var first = CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout;
        var second = CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout;
        Assert.Equal(first, second);
    }

    [Fact]
    public void Json_output_is_a_kubernetes_list()
    {
        var result = CliRunner.Run(CliRunner.Examples, "expand", "-o", "json", "https-upgrade.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal("v1", document.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("List", document.RootElement.GetProperty("kind").GetString());
        var kinds = document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()!).ToList();
        Assert.Equal(KindsOf(CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout), kinds);

        var longForm = CliRunner.Run(CliRunner.Examples, "expand", "--output", "json", "https-upgrade.yaml");
        Assert.Equal(result.Stdout, longForm.Stdout);
    }

    [Fact]
    public void Standard_input_is_read_for_dash()
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.Examples, "https-upgrade.yaml"));
        var fromStdin = CliRunner.RunWith(CliRunner.Examples, text, null, "expand", "-");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout, fromStdin.Stdout);
    }

    [Fact]
    public void Errors_go_to_stderr_with_exit_1_and_nothing_on_stdout()
    {
        var bad = File.ReadAllText(Path.Combine(CliRunner.Examples, "http.yaml")).Replace("protocol: HTTP\n", "protocol: HTTPX\n");
        var result = CliRunner.RunWith(CliRunner.Examples, bad, null, "expand", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(result.StderrLines, l => l.StartsWith("<stdin>:", StringComparison.Ordinal) && l.Contains("error EGP005"));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Warnings_go_to_stderr_and_the_output_is_still_written()
    {
        // A label-scoped source for TLS traffic with no known service account: EGP042 names the gap.
        var result = CliRunner.Run(CliRunner.Examples, "expand", "https-passthrough.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StderrLines, l => l.StartsWith("https-passthrough.yaml:", StringComparison.Ordinal) && l.Contains("warning EGP042"));
        Assert.Contains("ServiceEntry", KindsOf(result.Stdout));
    }

    [Fact]
    public void The_workspace_changes_the_output()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(CliRunner.Examples, "https-passthrough.yaml"), Path.Combine(folder.Path, "policy.yaml"));
        folder.Write("manifests/sleep.yaml", SleepDeployment);
        var without = CliRunner.Run(folder.Path, "expand", "policy.yaml");
        var with = CliRunner.Run(folder.Path, "expand", "policy.yaml", "--workspace", "manifests");
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.NotEqual(without.Stdout, with.Stdout);
        Assert.Contains("cluster.local/ns/mytest/sa/sleep-a", with.Stdout);
        Assert.DoesNotContain("EGP042", with.Stderr);
        Assert.Contains("EGP042", without.Stderr);
    }

    [Fact]
    public void The_target_option_overrides_the_configured_target()
    {
        static (int, string, string) Outcome(CliResult r) => (r.ExitCode, r.Stdout, r.Stderr);
        var sidecar = CliRunner.Run(CliRunner.Examples, "expand", "http.yaml");
        var ambient = CliRunner.Run(CliRunner.Examples, "expand", "http.yaml", "--target", "istio-ambient");
        Assert.NotEqual(Outcome(sidecar), Outcome(ambient));

        using var folder = new TempFolder();
        File.Copy(Path.Combine(CliRunner.Examples, "http.yaml"), Path.Combine(folder.Path, "http.yaml"));
        folder.Write("egresslsp.yaml", "environment:\n  target: istio-ambient\n");
        Assert.Equal(Outcome(ambient), Outcome(CliRunner.Run(folder.Path, "expand", "http.yaml")));
        Assert.Equal(Outcome(sidecar), Outcome(CliRunner.Run(folder.Path, "expand", "http.yaml", "--target", "istio-sidecar")));
    }

    [Fact]
    public void A_file_without_a_policy_has_nothing_to_expand()
    {
        using var folder = new TempFolder();
        folder.Write("sleep.yaml", SleepDeployment);
        var result = CliRunner.Run(folder.Path, "expand", "sleep.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("no ASMEgressTrafficPolicy", Assert.Single(result.StderrLines));
    }

    internal const string SleepDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep-a
          namespace: mytest
        spec:
          selector:
            matchLabels:
              app: sleep-a
          template:
            metadata:
              labels:
                app: sleep-a
            spec:
              serviceAccountName: sleep-a
              containers:
              - name: sleep
                image: curlimages/curl

        """;
}
