using System.Text;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Expansion;

/// <summary>
/// One golden expansion case, a folder of <c>tests/EgressLsp.Tests/golden/expand</c>: <c>policy.yaml</c> is the policy;
/// optional <c>workspace.yaml</c> (Kubernetes manifests for the workspace index) and <c>egresslsp.yaml</c> (project
/// config: the environment); <c>{target}.yaml</c> is the expected output for each target of <see cref="TargetRegistry"/>.
/// </summary>
public sealed class GoldenCase
{
    public const string UpdateVariable = "EGRESSLSP_UPDATE_GOLDEN";

    private GoldenCase(string name) => Name = name;

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "expand");

    /// <summary>The case folders: those with a <c>policy.yaml</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.EnumerateDirectories(Folder)
            .Where(folder => File.Exists(Path.Combine(folder, "policy.yaml")))
            .Select(folder => Path.GetFileName(folder))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => new(Names);

    /// <summary>Every case with every target.</summary>
    public static TheoryData<string, string> AllWithTargets
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var name in Names)
            {
                foreach (var target in TargetRegistry.Ids)
                {
                    data.Add(name, target);
                }
            }
            return data;
        }
    }

    public string Name { get; }

    public string CaseFolder => Path.Combine(Folder, Name);

    public string InputPath => Path.Combine(CaseFolder, "policy.yaml");

    public string WorkspacePath => Path.Combine(CaseFolder, "workspace.yaml");

    public string ConfigPath => Path.Combine(CaseFolder, "egresslsp.yaml");

    public string ExpectedPathFor(string target) => Path.Combine(CaseFolder, target + ".yaml");

    public static GoldenCase Get(string name) => new(name);

    /// <summary>Expands the input for the case's configured target (istio-sidecar unless its config says otherwise).</summary>
    public GoldenRun Run() => Run(File.ReadAllText(InputPath));

    /// <summary>Expands the input for <paramref name="target"/>.</summary>
    public GoldenRun RunFor(string target) => Expand(File.ReadAllText(InputPath), target);

    /// <summary>Expands <paramref name="policyText"/> (the input, possibly edited) with this case's workspace and environment.</summary>
    public GoldenRun Run(string policyText) => Expand(policyText, target: null);

    private GoldenRun Expand(string policyText, string? target)
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
        if (target is not null)
        {
            environment = environment with { Target = TargetRegistry.Find(target) ?? throw new ArgumentException($"no target {target}", nameof(target)) };
        }
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
