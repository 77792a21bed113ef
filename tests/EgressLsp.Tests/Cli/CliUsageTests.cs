namespace EgressLsp.Tests.Cli;

/// <summary>Exit codes and the one-line messages for user mistakes: never a stack trace.</summary>
public class CliUsageTests
{
    private static void AssertOneLineUsageError(CliResult result, string expectedFragment)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("egressctl: ", line);
        Assert.Contains(expectedFragment, line);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [Fact]
    public void An_unknown_flag_is_a_usage_error_naming_it()
    {
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "--frobnicate", "http.yaml"), "'--frobnicate'");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand", "http.yaml", "-x"), "'-x'");
    }

    [Fact]
    public void A_bad_format_value_lists_the_allowed_ones()
    {
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "--format", "xml", "http.yaml"), "text, json, sarif");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand", "-o", "toml", "http.yaml"), "yaml, json");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand", "--target", "linkerd", "http.yaml"), "istio-sidecar, istio-ambient, osm-edge");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "--locale", "fr", "http.yaml"), "en, zh");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "schema", "istio"), "policy, config");
    }

    [Fact]
    public void Option_values_are_case_insensitive()
    {
        var result = CliRunner.Run(CliRunner.Examples, "validate", "--format", "JSON", "http.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("[", result.Stdout);
    }

    [Fact]
    public void A_missing_file_is_one_line_and_exit_2()
    {
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "no-such-policy.yaml"), "cannot read 'no-such-policy.yaml': no such file or directory");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand", "no-such-policy.yaml"), "'no-such-policy.yaml'");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "http.yaml", "--config", "missing.yaml"), "'missing.yaml'");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "http.yaml", "--workspace", "missing-dir"), "'missing-dir'");
    }

    [Fact]
    public void Expand_refuses_a_directory()
    {
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand", "."), "is a directory");
    }

    [Fact]
    public void Missing_arguments_and_commands_are_usage_errors()
    {
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate"), "egressctl validate --help");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "expand"), "egressctl expand --help");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples), "a command is required");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "lint", "http.yaml"), "lint");
        AssertOneLineUsageError(CliRunner.Run(CliRunner.Examples, "validate", "--format"), "--format");
    }

    [Fact]
    public void A_folder_without_yaml_files_is_a_usage_error()
    {
        using var folder = new TempFolder();
        folder.Write("README.md", "# nothing here\n");
        AssertOneLineUsageError(CliRunner.Run(folder.Path, "validate", "."), "no *.yaml or *.yml files in '.'");
    }

    [Fact]
    public void A_file_whose_name_starts_with_a_dash_is_passed_after_double_dash()
    {
        using var folder = new TempFolder();
        folder.Write("-odd.yaml", File.ReadAllText(Path.Combine(CliRunner.Examples, "http.yaml")));
        var result = CliRunner.Run(folder.Path, "validate", "--", "-odd.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Help_lists_each_command_with_a_one_line_description()
    {
        var result = CliRunner.Run(CliRunner.Examples, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "expand", "validate", "schema", "lsp" })
        {
            Assert.Contains(result.StdoutLines, line => line.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
        }

        foreach (var command in new[] { "expand", "validate", "schema" })
        {
            var help = CliRunner.Run(CliRunner.Examples, command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains($"egressctl {command}", help.Stdout);
        }
        var validate = CliRunner.Run(CliRunner.Examples, "validate", "--help").Stdout;
        foreach (var option in new[] { "--format", "--config", "--workspace", "--locale", "--target" })
        {
            Assert.Contains(option, validate);
        }
        var expand = CliRunner.Run(CliRunner.Examples, "expand", "-h").Stdout;
        foreach (var option in new[] { "--output", "-o", "--target", "--config", "--workspace", "--locale" })
        {
            Assert.Contains(option, expand);
        }
    }

    [Fact]
    public void Version_prints_the_product_the_extension_s_version_and_a_short_commit()
    {
        var result = CliRunner.Run(CliRunner.Examples, "--version");
        Assert.Equal(0, result.ExitCode);
        var extension = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "client-vscode", "package.json")))!;
        var version = extension["version"]!.GetValue<string>().Replace(".", "\\.");
        Assert.Matches($"^egressctl {version}( \\(commit [0-9a-f]{{7}}\\))?\n$", result.Stdout);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_marked_internal_with_exit_3()
    {
        var stderr = new StringWriter();
        var exitCode = EgressLsp.Cli.CliApp.Run(["schema"], new StringReader(""), new ThrowingWriter(), stderr,
            EgressLsp.Cli.CliEnvironment.For(CliRunner.Examples));
        Assert.Equal(3, exitCode);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("egressctl: ", line);
        Assert.EndsWith("(internal error)", line);
    }

    private sealed class ThrowingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("boom");

        public override void Write(string? value) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void Schema_prints_the_policy_schema_by_default_and_the_config_schema_on_request()
    {
        var policy = CliRunner.Run(CliRunner.Examples, "schema");
        Assert.Equal(0, policy.ExitCode);
        using (var document = System.Text.Json.JsonDocument.Parse(policy.Stdout))
        {
            Assert.True(document.RootElement.TryGetProperty("$schema", out _));
        }
        Assert.Contains("ASMEgressTrafficPolicy", policy.Stdout);
        Assert.Equal(policy.Stdout, CliRunner.Run(CliRunner.Examples, "schema", "policy").Stdout);

        var config = CliRunner.Run(CliRunner.Examples, "schema", "config");
        Assert.Equal(0, config.ExitCode);
        Assert.NotEqual(policy.Stdout, config.Stdout);
        using (var document = System.Text.Json.JsonDocument.Parse(config.Stdout))
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Object, document.RootElement.ValueKind);
        }
        Assert.EndsWith("\n", config.Stdout);
    }
}
