namespace EgressLsp.Tests.Expansion;

/// <summary>
/// Expands every policy in <c>golden/expand</c> and compares with <c>NAME.expanded.yaml</c> byte for byte.
/// Regenerate after an intended change with <c>EGRESSLSP_UPDATE_GOLDEN=1 dotnet test</c>, then review the diff.
/// </summary>
public class GoldenExpansionTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Expansion_matches_the_golden_file(string name)
    {
        var golden = GoldenCase.Get(name);
        var actual = golden.Run().GoldenText;
        if (Environment.GetEnvironmentVariable(GoldenCase.UpdateVariable) == "1")
        {
            File.WriteAllText(golden.ExpectedPath, actual);
            return;
        }
        Assert.True(File.Exists(golden.ExpectedPath), $"{golden.ExpectedPath} is missing; run {GoldenCase.UpdateVariable}=1 dotnet test and review it.");
        var expected = File.ReadAllText(golden.ExpectedPath);
        Assert.True(expected == actual,
            $"{name}: the expansion differs from {golden.ExpectedPath} (regenerate with {GoldenCase.UpdateVariable}=1 dotnet test and review the diff).\n{FirstDifference(expected, actual)}");
    }

    [Fact]
    public void Every_expected_file_has_an_input()
    {
        var orphans = Directory.EnumerateFiles(GoldenCase.Folder, "*.expanded.yaml")
            .Select(path => Path.GetFileName(path)[..^".expanded.yaml".Length])
            .Where(name => !GoldenCase.Names.Contains(name))
            .ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void The_seed_examples_are_golden_inputs_unchanged()
    {
        foreach (var seed in new[] { "http", "https-upgrade", "https-passthrough" })
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", seed + ".yaml")),
                File.ReadAllText(GoldenCase.Get(seed).InputPath));
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                return $"line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }
        return "(no line differs: line endings?)";
    }
}
