namespace EgressLsp.Tests.Cli;

/// <summary>
/// Golden outputs of <c>egressctl validate</c>. Each case is a <c>*.yaml</c> file or a folder directly under
/// <c>tests/EgressLsp.Tests/golden/cli/</c> (except <c>egresslsp.yaml</c>, which pins the config there), run with
/// that folder as the working directory so every path in the output is relative. Expected outputs sit beside it:
/// <c>{case}.validate.txt</c> (text, English), <c>{case}.validate.zh.txt</c> (text, Chinese),
/// <c>{case}.validate.json</c> and <c>{case}.validate.sarif.json</c>, compared byte for byte.
/// <c>EGRESSLSP_UPDATE_GOLDEN=1 dotnet test</c> rewrites them instead; review the diff.
/// </summary>
public class CliGoldenTests
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "cli");

    private static bool Updating => Environment.GetEnvironmentVariable("EGRESSLSP_UPDATE_GOLDEN") == "1";

    public static string[] CaseNames()
    {
        var files = Directory.GetFiles(Folder, "*.yaml")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != "egresslsp.yaml");
        var folders = Directory.GetDirectories(Folder).Select(path => Path.GetFileName(path));
        return [.. files.Concat(folders).Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string> Cases() => new(CaseNames());

    private static string CaseName(string input) => input.EndsWith(".yaml", StringComparison.Ordinal) ? input[..^".yaml".Length] : input;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_text(string input)
    {
        var result = CliRunner.Run(Folder, "validate", input, "--locale", "en");
        AssertExitCodeMatches(result, result.Stdout);
        AssertMatchesGolden($"{CaseName(input)}.validate.txt", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_text_in_chinese(string input)
    {
        var result = CliRunner.Run(Folder, "validate", input, "--locale", "zh");
        AssertExitCodeMatches(result, result.Stdout);
        AssertMatchesGolden($"{CaseName(input)}.validate.zh.txt", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_json(string input)
    {
        var result = CliRunner.Run(Folder, "validate", input, "--format", "json", "--locale", "en");
        AssertExitCodeMatches(result, result.Stdout.Replace("\"severity\": \"error\"", ": error "));
        AssertMatchesGolden($"{CaseName(input)}.validate.json", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_sarif(string input)
    {
        var result = CliRunner.Run(Folder, "validate", input, "--format", "sarif", "--locale", "en");
        AssertExitCodeMatches(result, result.Stdout.Replace("\"level\": \"error\"", ": error "));
        AssertMatchesGolden($"{CaseName(input)}.validate.sarif.json", result.Stdout);
    }

    [Fact]
    public void There_are_golden_cases_with_errors_warnings_and_none()
    {
        var names = CaseNames();
        Assert.Contains("mistakes.yaml", names);
        Assert.Contains("clean.yaml", names);
        Assert.Contains("project", names);
    }

    /// <summary>Exit 1 exactly when an error-level diagnostic was printed (marked ": error " in <paramref name="marked"/>).</summary>
    private static void AssertExitCodeMatches(CliResult result, string marked)
    {
        Assert.True(result.ExitCode == (marked.Contains(": error ", StringComparison.Ordinal) ? 1 : 0), result.ToString());
    }

    private static void AssertMatchesGolden(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {name} is missing: run EGRESSLSP_UPDATE_GOLDEN=1 dotnet test and review it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
        Assert.DoesNotContain(RepoPaths.Root, actual);
    }
}
