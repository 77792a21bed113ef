using System.Text;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Expansion;

/// <summary>
/// One golden expansion case in <c>tests/EgressLsp.Tests/golden/expand</c>: <c>NAME.yaml</c> is the policy;
/// optional siblings <c>NAME.workspace.yaml</c> (Kubernetes manifests for the workspace index) and
/// <c>NAME.egresslsp.yaml</c> (project config: the environment); <c>NAME.expanded.yaml</c> is the expected output.
/// </summary>
public sealed class GoldenCase
{
    public const string UpdateVariable = "EGRESSLSP_UPDATE_GOLDEN";

    private GoldenCase(string name) => Name = name;

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "expand");

    /// <summary>Policy inputs: the <c>.yaml</c> files whose name has no other dot.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.EnumerateFiles(Folder, "*.yaml")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => new(Names);

    public string Name { get; }

    public string InputPath => Path.Combine(Folder, Name + ".yaml");

    public string WorkspacePath => Path.Combine(Folder, Name + ".workspace.yaml");

    public string ConfigPath => Path.Combine(Folder, Name + ".egresslsp.yaml");

    public string ExpectedPath => Path.Combine(Folder, Name + ".expanded.yaml");

    public static GoldenCase Get(string name) => new(name);

    public GoldenRun Run() => Run(File.ReadAllText(InputPath));

    /// <summary>Expands <paramref name="policyText"/> (the input, possibly edited) with this case's workspace and environment.</summary>
    public GoldenRun Run(string policyText)
    {
        var file = YamlFile.Parse(policyText);
        var policy = EgressPolicy.Bind(file.Documents.Single()) ?? throw new InvalidOperationException($"{InputPath} is not a policy.");
        var plan = EgressPlan.Build(policy);
        var workspace = File.Exists(WorkspacePath)
            ? WorkspaceIndex.Build([WorkspaceFileFacts.Read(WorkspacePath, YamlFile.Parse(File.ReadAllText(WorkspacePath)))])
            : WorkspaceIndex.Empty;
        var environment = File.Exists(ConfigPath)
            ? ProjectConfig.Parse(ConfigPath, File.ReadAllText(ConfigPath)).Environment
            : EgressEnvironment.Default;
        return new GoldenRun(file, plan, environment, workspace, EgressExpander.Expand(plan, environment, workspace));
    }

    public override string ToString() => Name;
}

public sealed record GoldenRun(YamlFile File, EgressPlan Plan, EgressEnvironment Environment, WorkspaceIndex Workspace, ExpansionResult Result)
{
    public string Yaml => ManifestWriter.ToYaml(Result.Resources);

    /// <summary>The YAML output followed by one comment line per diagnostic and language: <c># EGP042 12:7 en: …</c>.</summary>
    public string GoldenText
    {
        get
        {
            var builder = new StringBuilder(Yaml);
            foreach (var diagnostic in Result.Diagnostics)
            {
                var position = File.Text.GetPosition(diagnostic.Span.Start);
                builder.Append($"# {diagnostic.Code} {position} en: {diagnostic.Message.En}\n");
                builder.Append($"# {diagnostic.Code} {position} zh: {diagnostic.Message.Zh}\n");
            }
            return builder.ToString();
        }
    }
}
