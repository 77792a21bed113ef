using EgressLsp.Core.Targets;
namespace EgressLsp.Tests.Expansion;

/// <summary>
/// Expands every case in <c>golden/expand</c> for every target and compares with <c>CASE/{target}.yaml</c> byte for byte.
/// Regenerate after an intended change with <c>EGRESSLSP_UPDATE_GOLDEN=1 dotnet test</c>, then review the diff.
/// </summary>
public class GoldenExpansionTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void Expansion_matches_the_golden_file(string name, string target)
    {
        var golden = GoldenCase.Get(name);
        var expectedPath = golden.ExpectedPathFor(target);
        var actual = golden.RunFor(target).GoldenText;
        if (Environment.GetEnvironmentVariable(GoldenCase.UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run {GoldenCase.UpdateVariable}=1 dotnet test and review it.");
        var expected = File.ReadAllText(expectedPath);
        Assert.True(expected == actual,
            $"{name} ({target}): the expansion differs from {expectedPath} (regenerate with {GoldenCase.UpdateVariable}=1 dotnet test and review the diff).\n{FirstDifference(expected, actual)}");
    }

    [Fact]
    public void Every_file_of_a_case_is_an_input_or_the_output_of_a_target()
    {
        var known = new HashSet<string>(["policy.yaml", "workspace.yaml", "egresslsp.yaml", .. TargetRegistry.Ids.Select(id => id + ".yaml")]);
        var strays = Directory.EnumerateFileSystemEntries(GoldenCase.Folder)
            .Where(path => Path.GetFileName(path) != "README.md")
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFileSystemEntries(path) : [path])
            .Where(path => !known.Contains(Path.GetFileName(path)) || !GoldenCase.Names.Contains(Path.GetFileName(Path.GetDirectoryName(path)!)))
            .ToList();
        Assert.Empty(strays);
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
