using System.Text.RegularExpressions;

namespace EgressLsp.Tests.Cli;

/// <summary>The README's commands work on a plain clone: the examples they name are in the repository and expand.</summary>
public class ReadmeExamplesTests
{
    public static TheoryData<string> ExamplesNamedByTheReadme =>
    [
        .. Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), @"\bexamples/[\w.-]+\.yaml")
            .Select(m => m.Value).Distinct(),
    ];

    [Theory]
    [MemberData(nameof(ExamplesNamedByTheReadme))]
    public void An_example_the_readme_names_is_in_the_repository_and_expands(string example)
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, example)), $"{example} is not in the repository");
        var result = CliRunner.Run(RepoPaths.Root, "expand", example);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kind: ServiceEntry", result.Stdout);
    }

    [Fact]
    public void The_repository_s_examples_are_the_seed_examples_unchanged()
    {
        foreach (var example in Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.yaml"))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", Path.GetFileName(example))), File.ReadAllText(example));
        }
    }
}
