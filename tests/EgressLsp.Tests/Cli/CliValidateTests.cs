using System.Text.Json;

namespace EgressLsp.Tests.Cli;

public class CliValidateTests
{
    /// <summary>The http.yaml example with one host (two hosts in one entry are worth an EGP027 info): no diagnostics.</summary>
    internal static readonly string Http = File.ReadAllText(Path.Combine(CliRunner.Examples, "http.yaml")).Replace("      - www.httpbin.org\n", "");

    /// <summary>http.yaml with an unknown protocol: EGP005 on the value.</summary>
    private static readonly string BadProtocol = Http.Replace("protocol: HTTP\n", "protocol: HTTPX\n");

    /// <summary>1-based line and UTF-16 column of the first occurrence of <paramref name="token"/>.</summary>
    private static (int Line, int Column) PositionOf(string text, string token)
    {
        var offset = text.IndexOf(token, StringComparison.Ordinal);
        Assert.True(offset >= 0);
        var before = text[..offset];
        var line = before.Count(c => c == '\n') + 1;
        var column = offset - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    [Fact]
    public void A_clean_file_exits_0_with_a_summary_on_stderr()
    {
        using var folder = new TempFolder();
        folder.Write("http.yaml", Http);
        var result = CliRunner.Run(folder.Path, "validate", "http.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal("0 errors, 0 warnings in 1 file\n", result.Stderr);
    }

    [Fact]
    public void Text_output_is_one_compiler_style_line_per_diagnostic()
    {
        using var folder = new TempFolder();
        folder.Write("bad.yaml", BadProtocol);
        var result = CliRunner.Run(folder.Path, "validate", "bad.yaml");
        Assert.Equal(1, result.ExitCode);
        var (line, column) = PositionOf(BadProtocol, "HTTPX");
        var output = Assert.Single(result.StdoutLines);
        Assert.StartsWith($"bad.yaml:{line}:{column}: error EGP005: ", output);
        Assert.Contains("HTTPX", output);
        Assert.Equal("1 error, 0 warnings in 1 file\n", result.Stderr);
    }

    [Fact]
    public void Json_output_is_an_array_of_located_diagnostics()
    {
        using var folder = new TempFolder();
        folder.Write("bad.yaml", BadProtocol);
        var result = CliRunner.Run(folder.Path, "validate", "--format", "json", "bad.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        var item = Assert.Single(document.RootElement.EnumerateArray().ToArray());
        var (line, column) = PositionOf(BadProtocol, "HTTPX");
        Assert.Equal("bad.yaml", item.GetProperty("file").GetString());
        Assert.Equal(line, item.GetProperty("line").GetInt32());
        Assert.Equal(column, item.GetProperty("column").GetInt32());
        Assert.Equal(line, item.GetProperty("endLine").GetInt32());
        Assert.Equal(column + "HTTPX".Length, item.GetProperty("endColumn").GetInt32());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Equal("EGP005", item.GetProperty("code").GetString());
        Assert.Contains("HTTPX", item.GetProperty("message").GetString());
        Assert.EndsWith("#egp005", item.GetProperty("documentation").GetString());

        folder.Write("clean.yaml", Http);
        var clean = CliRunner.Run(folder.Path, "validate", "--format", "json", "clean.yaml");
        Assert.Equal("[]\n", clean.Stdout);
    }

    [Fact]
    public void Sarif_output_has_rules_and_1_based_regions_on_the_offending_token()
    {
        using var folder = new TempFolder();
        // A non-ASCII value earlier on the line: columns count UTF-16 code units.
        var text = BadProtocol.Replace("        protocol: HTTPX\n", "        protocol: HTTPX # 协议\n")
            .Replace("      port:\n        name: http\n        number: 80\n        protocol: HTTPX # 协议\n",
                "      port: {name: \"http-中文\", number: 80, protocol: HTTPX}\n");
        Assert.Contains("中文", text);
        folder.Write("policies/bad.yaml", text);
        var result = CliRunner.Run(folder.Path, "validate", "--format", "sarif", "policies");
        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToArray());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("egressctl", driver.GetProperty("name").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToArray();
        var result005 = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "EGP005");
        Assert.Equal("error", result005.GetProperty("level").GetString());
        Assert.Contains("HTTPX", result005.GetProperty("message").GetProperty("text").GetString());
        var location = Assert.Single(result005.GetProperty("locations").EnumerateArray().ToArray()).GetProperty("physicalLocation");
        Assert.Equal("policies/bad.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        var (line, column) = PositionOf(text, "HTTPX");
        Assert.Equal(line, region.GetProperty("startLine").GetInt32());
        Assert.Equal(column, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(line, region.GetProperty("endLine").GetInt32());
        Assert.Equal(column + 5, region.GetProperty("endColumn").GetInt32());

        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(results.Select(r => r.GetProperty("ruleId").GetString()).Distinct().Order(StringComparer.Ordinal),
            rules.Select(r => r.GetProperty("id").GetString()));
        var rule005 = Assert.Single(rules, r => r.GetProperty("id").GetString() == "EGP005");
        Assert.Equal("Value not allowed", rule005.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.EndsWith("#egp005", rule005.GetProperty("helpUri").GetString());
        Assert.Equal("error", rule005.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal(Array.IndexOf(rules, rule005), result005.GetProperty("ruleIndex").GetInt32());
    }

    [Fact]
    public void Sarif_levels_map_info_to_note_and_uris_escape_and_use_forward_slashes()
    {
        Assert.Equal("a%20b/c.yaml", EgressLsp.Cli.Formatting.SarifFormatter.ArtifactUri("x", Path.Combine("/w", "a b", "c.yaml"), "/w"));
        Assert.Equal("file:///elsewhere/c.yaml", EgressLsp.Cli.Formatting.SarifFormatter.ArtifactUri("x", "/elsewhere/c.yaml", "/w"));
        Assert.Equal("note", EgressLsp.Cli.Formatting.Levels.SarifName(EgressLsp.Core.Diagnostics.DiagnosticLevel.Info));
    }

    [Fact]
    public void Standard_input_is_shown_as_stdin()
    {
        var result = CliRunner.RunWith(CliRunner.Examples, BadProtocol, null, "validate", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("<stdin>:", Assert.Single(result.StdoutLines));
    }

    [Fact]
    public void The_locale_option_and_the_environment_choose_chinese_messages()
    {
        using var folder = new TempFolder();
        folder.Write("bad.yaml", BadProtocol);
        var english = CliRunner.Run(folder.Path, "validate", "bad.yaml");
        Assert.Contains("is not an allowed value", english.Stdout);

        var chinese = CliRunner.Run(folder.Path, "validate", "bad.yaml", "--locale", "zh");
        Assert.Contains("允许的取值", chinese.Stdout);
        Assert.StartsWith("bad.yaml:", chinese.Stdout);

        var fromLang = CliRunner.RunWith(folder.Path, "", new Dictionary<string, string> { ["LANG"] = "zh_CN.UTF-8" }, "validate", "bad.yaml");
        Assert.Equal(chinese.Stdout, fromLang.Stdout);

        // LC_ALL wins over LANG (POSIX order), and --locale wins over both.
        var lcAll = CliRunner.RunWith(folder.Path, "", new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8", ["LANG"] = "zh_CN.UTF-8" }, "validate", "bad.yaml");
        Assert.Equal(english.Stdout, lcAll.Stdout);
        var forced = CliRunner.RunWith(folder.Path, "", new Dictionary<string, string> { ["LANG"] = "zh_CN.UTF-8" }, "validate", "bad.yaml", "--locale", "en");
        Assert.Equal(english.Stdout, forced.Stdout);

        var json = CliRunner.Run(folder.Path, "validate", "bad.yaml", "--locale", "zh", "--format", "json");
        Assert.Contains("允许的取值", json.Stdout);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh_CN.UTF-8")]
    [InlineData("ZH")]
    public void A_chinese_language_tag_is_accepted_and_the_summary_is_chinese_too(string tag)
    {
        using var folder = new TempFolder();
        folder.Write("bad.yaml", BadProtocol);
        var result = CliRunner.Run(folder.Path, "validate", "bad.yaml", "--locale", tag);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("允许的取值", result.Stdout);
        Assert.Equal("共 1 个文件: 1 个错误, 0 个警告\n", result.Stderr);
        Assert.Equal("1 error, 0 warnings in 1 file\n", CliRunner.Run(folder.Path, "validate", "bad.yaml", "--locale", "en-US").Stderr);
    }

    [Fact]
    public void Two_files_with_one_policy_identity_each_name_the_other()
    {
        using var folder = new TempFolder();
        folder.Write("team-a/egress.yaml", Http);
        folder.Write("team-b/egress.yaml", Http.Replace("httpbin.org", "example.com"));
        var result = CliRunner.Run(folder.Path, "validate", "team-a", "team-b");
        Assert.Equal(1, result.ExitCode);
        var line = PositionOf(Http, "egress-by-egressgateway").Line;
        Assert.Equal(
        [
            $"team-a/egress.yaml:{line}:9: error EGP044: Another policy is also named 'istio-egress/egress-by-egressgateway' (team-b/egress.yaml:{line}): kubectl apply keeps only one of them, and the Istio resources they expand into overwrite each other.",
            $"team-b/egress.yaml:{line}:9: error EGP044: Another policy is also named 'istio-egress/egress-by-egressgateway' (team-a/egress.yaml:{line}): kubectl apply keeps only one of them, and the Istio resources they expand into overwrite each other.",
        ], result.StdoutLines);
    }

    [Fact]
    public void A_directory_is_walked_in_sorted_order_skipping_hidden_folders_and_node_modules()
    {
        using var folder = new TempFolder();
        // Each through its own gateway: policies with one namespace and name would also be reported (EGP044).
        folder.Write("policies/b.yaml", BadProtocol.Replace("egressgateway", "egressgateway-b"));
        folder.Write("policies/a/z.yml", BadProtocol.Replace("egressgateway", "egressgateway-z"));
        folder.Write("policies/a.yaml", Http);
        folder.Write("policies/.hidden/bad.yaml", BadProtocol);
        folder.Write("policies/node_modules/pkg/bad.yaml", BadProtocol);
        folder.Write("policies/notes.txt", BadProtocol);
        var result = CliRunner.Run(folder.Path, "validate", "policies");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["policies/a/z.yml", "policies/b.yaml"], result.StdoutLines.Select(l => l[..l.IndexOf(':')]));
        Assert.Equal("2 errors, 0 warnings in 3 files\n", result.Stderr);

        var fromInside = CliRunner.Run(Path.Combine(folder.Path, "policies"), "validate", ".");
        Assert.Equal(["a/z.yml", "b.yaml"], fromInside.StdoutLines.Select(l => l[..l.IndexOf(':')]));

        // A file reached twice (as a file and through its folder) is reported once.
        var twice = CliRunner.Run(folder.Path, "validate", "policies/b.yaml", "policies");
        Assert.Equal(2, twice.StdoutLines.Length);
    }

    [Fact]
    public void A_config_found_by_walking_up_changes_levels()
    {
        using var folder = new TempFolder();
        var offConvention = Http.Replace("namespace: istio-egress", "namespace: team-a");
        folder.Write("team/policies/policy.yaml", offConvention);

        var withoutConfig = CliRunner.Run(folder.Path, "validate", "team/policies/policy.yaml");
        Assert.Equal(0, withoutConfig.ExitCode);
        Assert.Contains("warning EGP010", Assert.Single(withoutConfig.StdoutLines));

        folder.Write("team/egresslsp.yaml", "rules:\n  EGP010: off\n");
        var off = CliRunner.Run(folder.Path, "validate", "team/policies/policy.yaml");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Equal("", off.Stdout);

        folder.Write("team/egresslsp.yaml", "rules:\n  EGP010: error\n");
        var raised = CliRunner.Run(folder.Path, "validate", "team/policies/policy.yaml");
        Assert.Equal(1, raised.ExitCode);
        Assert.Contains("error EGP010", Assert.Single(raised.StdoutLines));

        // --config wins over the file found by walking up.
        folder.Write("other.yaml", "rules:\n  EGP010: info\n");
        var explicitConfig = CliRunner.Run(folder.Path, "validate", "team/policies/policy.yaml", "--config", "other.yaml");
        Assert.Equal(0, explicitConfig.ExitCode);
        Assert.Contains("info EGP010", Assert.Single(explicitConfig.StdoutLines));

        // Standard input finds the config from the working directory.
        var stdin = CliRunner.RunWith(Path.Combine(folder.Path, "team"), offConvention, null, "validate", "-");
        Assert.Equal(1, stdin.ExitCode);
        Assert.StartsWith("<stdin>:", Assert.Single(stdin.StdoutLines));
    }

    [Fact]
    public void A_broken_config_in_use_is_reported_against_the_config_file()
    {
        using var folder = new TempFolder();
        folder.Write("policy.yaml", Http);
        folder.Write("egresslsp.yaml", "environment:\n  target: linkerd\n");
        var result = CliRunner.Run(folder.Path, "validate", "policy.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("egresslsp.yaml:2:", Assert.Single(result.StdoutLines));

        // Validating the folder reports it once, as an input.
        var folderRun = CliRunner.Run(folder.Path, "validate", ".");
        Assert.Single(folderRun.StdoutLines);
    }

    [Fact]
    public void Files_given_together_form_the_workspace_and_workspace_folders_add_to_it()
    {
        using var folder = new TempFolder();
        folder.Write("policy.yaml", File.ReadAllText(Path.Combine(CliRunner.Examples, "https-passthrough.yaml")).Replace("      - www.httpbin.org\n", ""));
        folder.Write("k8s/sleep.yaml", CliExpandTests.SleepDeployment);

        var alone = CliRunner.Run(folder.Path, "validate", "policy.yaml");
        Assert.Contains(alone.StdoutLines, l => l.Contains("EGP042"));

        var together = CliRunner.Run(folder.Path, "validate", "policy.yaml", "k8s/sleep.yaml");
        Assert.DoesNotContain(together.StdoutLines, l => l.Contains("EGP042"));

        var withWorkspace = CliRunner.Run(folder.Path, "validate", "policy.yaml", "--workspace", "k8s");
        Assert.DoesNotContain(withWorkspace.StdoutLines, l => l.Contains("EGP042"));
        Assert.Equal("0 errors, 0 warnings in 1 file\n", withWorkspace.Stderr);
    }
}

public class CliEncodingTests
{
    [Fact]
    public void Invalid_utf8_is_read_with_replacement_characters_and_a_bom_does_not_shift_columns()
    {
        using var folder = new TempFolder();
        var policy = CliValidateTests.Http.Replace("protocol: HTTP\n", "protocol: HTTPX\n");
        var utf8 = System.Text.Encoding.UTF8.GetBytes(policy);
        File.WriteAllBytes(Path.Combine(folder.Path, "plain.yaml"), utf8);
        File.WriteAllBytes(Path.Combine(folder.Path, "bom.yaml"), [0xEF, 0xBB, 0xBF, .. utf8]);
        File.WriteAllBytes(Path.Combine(folder.Path, "invalid.yaml"), [.. System.Text.Encoding.UTF8.GetBytes("# \u00e9"), 0xFF, 0xFE, (byte)'\n', .. utf8]);

        var plain = CliRunner.Run(folder.Path, "validate", "plain.yaml");
        var bom = CliRunner.Run(folder.Path, "validate", "bom.yaml");
        Assert.Equal(1, bom.ExitCode);
        Assert.Equal(plain.Stdout.Replace("plain.yaml", "bom.yaml"), bom.Stdout);

        var invalid = CliRunner.Run(folder.Path, "validate", "invalid.yaml");
        Assert.Equal(1, invalid.ExitCode);
        var line = Assert.Single(invalid.StdoutLines);
        Assert.Contains("error EGP005", line);
        var plainLine = Assert.Single(plain.StdoutLines);
        var plainLineNumber = int.Parse(plainLine.Split(':')[1]);
        Assert.Equal(plainLineNumber + 1, int.Parse(line.Split(':')[1]));
    }
}
