using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Golden;

/// <summary>
/// Every <c>golden/diagnostics/NAME.yaml</c> runs through the whole pipeline (YAML, schema, analyzer,
/// expansion, config levels, suppressions) and must give <c>NAME.diagnostics.txt</c>. Optional companions:
/// <c>NAME.workspace.yaml</c> (manifests of the workspace) and <c>NAME.egresslsp.yaml</c> (project config).
/// </summary>
public class DiagnosticsGoldenTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "diagnostics");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Folder, "*.yaml").Where(IsInput).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        GoldenFile.AssertMatches(Path.Combine(Folder, name + ".diagnostics.txt"), Render(Analyze(name)));
    }

    [Fact]
    public void Every_policy_code_of_the_catalogue_has_a_golden_case()
    {
        var covered = Directory.GetFiles(Folder, "*.diagnostics.txt")
            .SelectMany(File.ReadLines)
            .Where(line => !line.StartsWith(' '))
            .Select(line => line.Split(' ')[2])
            .ToHashSet();
        // Conversion findings are reported on hand-written resources by the golden conversion cases.
        covered.UnionWith(Directory.GetFiles(Conversion.ConversionCase.Folder, "policy.yaml", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.StartsWith("# EGC", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1]));
        // Egress-test findings are reported on EgressTest files by the golden run of egressctl test.
        covered.UnionWith(File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "egress-test", "test.txt"))
            .Where(line => line.Contains(": error EGT", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(": error ", StringComparison.Ordinal) + ": error ".Length)..].Split(':')[0]));
        var missing = DiagnosticCatalog.All.Select(d => d.Code).Where(code => !covered.Contains(code)).ToArray();
        Assert.True(missing.Length == 0, "no golden case reports " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_Istio_and_osm_edge_code_has_a_case_that_triggers_it_and_a_correct_one_that_does_not()
    {
        // Cases are named after their code: `ist0109-….yaml` reports IST0109, `ist0109-…-ok.yaml` is the corrected
        // configuration and must not.
        var problems = new List<string>();
        foreach (var code in DiagnosticCatalog.All.Select(d => d.Code).Where(c => c.StartsWith("IST", StringComparison.Ordinal) || c.StartsWith("EGI", StringComparison.Ordinal) || c.StartsWith("OSM", StringComparison.Ordinal)))
        {
            var cases = Directory.GetFiles(Folder, code.ToLowerInvariant() + "-*.diagnostics.txt");
            var codes = cases.ToDictionary(f => f, f => File.ReadLines(f).Where(line => !line.StartsWith(' ')).Select(line => line.Split(' ')[2]).ToHashSet());
            if (!codes.Any(c => !c.Key.EndsWith("-ok.diagnostics.txt", StringComparison.Ordinal) && c.Value.Contains(code)))
            {
                problems.Add($"{code}: no case reports it");
            }
            var correct = codes.Where(c => c.Key.EndsWith("-ok.diagnostics.txt", StringComparison.Ordinal)).ToArray();
            if (correct.Length == 0 || correct.Any(c => c.Value.Contains(code)))
            {
                problems.Add($"{code}: no correct (-ok) case, or one that reports it");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool IsInput(string path) =>
        !path.EndsWith(".workspace.yaml", StringComparison.Ordinal) && !path.EndsWith(".egresslsp.yaml", StringComparison.Ordinal);

    public static DocumentAnalysis Analyze(string name)
    {
        var path = Path.Combine(Folder, name + ".yaml");
        var workspace = WorkspaceIndex.Empty;
        var workspacePath = Path.Combine(Folder, name + ".workspace.yaml");
        if (File.Exists(workspacePath))
        {
            workspace = workspace.WithFile(WorkspaceFileFacts.Read(name + ".workspace.yaml", YamlFile.Parse(File.ReadAllText(workspacePath))));
        }
        var configPath = Path.Combine(Folder, name + ".egresslsp.yaml");
        var config = File.Exists(configPath) ? ProjectConfig.Parse(configPath, File.ReadAllText(configPath)) : ProjectConfig.Default;
        return new DocumentAnalysis(path, File.ReadAllText(path).ReplaceLineEndings("\n"), new AnalysisContext(config, workspace));
    }

    /// <summary>One line per diagnostic (range, level, code, English message), then its Chinese message, fixes and related places.</summary>
    public static string Render(DocumentAnalysis analysis)
    {
        var text = analysis.Text;
        var builder = new StringBuilder();
        foreach (var diagnostic in analysis.Diagnostics)
        {
            builder.Append(Range(text, diagnostic.Span)).Append(' ')
                .Append(diagnostic.Level.ToString().ToLowerInvariant()).Append(' ')
                .Append(diagnostic.Code).Append(' ').Append(diagnostic.Message.En).Append('\n');
            builder.Append("  zh: ").Append(diagnostic.Message.Zh).Append('\n');
            foreach (var related in diagnostic.Related)
            {
                var where = related.Path is null || related.Path == analysis.Path ? "this file" : Path.GetFileName(related.Path);
                builder.Append("  related: ").Append(where).Append(' ')
                    .Append(related.Range.Start).Append(' ').Append(related.Message.En).Append('\n');
            }
            foreach (var fix in diagnostic.Fixes)
            {
                builder.Append("  fix: ").Append(fix.Title.En);
                foreach (var edit in fix.Edits)
                {
                    builder.Append(" | ").Append(Range(text, edit.Span)).Append(' ').Append(YamlText.DoubleQuoted(edit.NewText));
                }
                builder.Append('\n');
            }
        }
        return builder.ToString();
    }

    private static string Range(SourceText text, TextSpan span) => $"{text.GetPosition(span.Start)}-{text.GetPosition(span.End)}";
}
