using System.Text;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Conversion;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Conversion;

/// <summary>
/// One golden conversion case, a folder of <c>tests/EgressLsp.Tests/golden/convert</c>: <c>input.yaml</c> holds the
/// hand-written Istio resources to convert; optional <c>workspace.yaml</c> (workloads, namespaces: context that is not
/// converted) and <c>egresslsp.yaml</c> (the environment); <c>policy.yaml</c> is the expected proposal, followed by one
/// comment line per finding and language, <c># EGC004 line:column en: message</c> (position in <c>input.yaml</c>).
/// </summary>
public sealed class ConversionCase
{
    public const string InputFile = "input.yaml";

    private ConversionCase(string name) => Name = name;

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "convert");

    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.EnumerateDirectories(Folder)
            .Where(folder => File.Exists(Path.Combine(folder, InputFile)))
            .Select(folder => Path.GetFileName(folder))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => new(Names);

    public static ConversionCase Get(string name) => new(name);

    public string Name { get; }

    public string CaseFolder => Path.Combine(Folder, Name);

    public string InputPath => Path.Combine(CaseFolder, InputFile);

    public string ExpectedPath => Path.Combine(CaseFolder, "policy.yaml");

    public string InputText => File.ReadAllText(InputPath);

    public EgressEnvironment Environment => File.Exists(Path.Combine(CaseFolder, "egresslsp.yaml"))
        ? ProjectConfig.Parse("egresslsp.yaml", File.ReadAllText(Path.Combine(CaseFolder, "egresslsp.yaml"))).Environment
        : EgressEnvironment.Default;

    /// <summary>The input and the optional workspace file, indexed under their file names.</summary>
    public WorkspaceIndex Workspace
    {
        get
        {
            var files = new List<WorkspaceFileFacts> { WorkspaceFileFacts.Read(InputFile, YamlFile.Parse(InputText)) };
            var workspacePath = Path.Combine(CaseFolder, "workspace.yaml");
            if (File.Exists(workspacePath))
            {
                files.Add(WorkspaceFileFacts.Read("workspace.yaml", YamlFile.Parse(File.ReadAllText(workspacePath))));
            }
            return WorkspaceIndex.Build(files);
        }
    }

    public ConversionResult Convert() => EgressConverter.Convert(Workspace, Environment, path => path == InputFile);

    /// <summary>The proposal's YAML, then one comment line per finding and language.</summary>
    public static string GoldenText(ConversionResult result, string inputText)
    {
        var builder = new StringBuilder(result.ToYaml());
        var text = SourceText.From(inputText);
        foreach (var finding in result.Findings)
        {
            var position = text.GetPosition(finding.Diagnostic.Span.Start);
            var at = $"{position.Line + 1}:{position.Character + 1}";
            builder.Append($"# {finding.Diagnostic.Code} {at} en: {finding.Diagnostic.Message.En}\n");
            builder.Append($"# {finding.Diagnostic.Code} {at} zh: {finding.Diagnostic.Message.Zh}\n");
        }
        return builder.ToString();
    }

    public override string ToString() => Name;
}
