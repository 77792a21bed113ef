using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Tests.Cli;
using EgressLsp.Tests.Expansion;

namespace EgressLsp.Tests.Features.Actions;

/// <summary>Snapshots of real policies for the action, lens and preview tests.</summary>
internal static class ActionTestDocuments
{
    /// <summary>The shared examples that are policies.</summary>
    public static TheoryData<string> PolicyExamples => new("http.yaml", "https-passthrough.yaml", "https-upgrade.yaml");

    public static string ExamplePath(string fileName) => Path.Combine(CliRunner.Examples, fileName);

    public static DocumentAnalysis Example(string fileName) => Analyse(ExamplePath(fileName), File.ReadAllText(ExamplePath(fileName)));

    /// <summary>A golden expansion input: one policy, several rules and destinations sharing one host.</summary>
    public static DocumentAnalysis GoldenInput(string name) => Analyse(GoldenCase.Get(name).InputPath, File.ReadAllText(GoldenCase.Get(name).InputPath));

    public static DocumentAnalysis Analyse(string path, string text) => new(path, text, AnalysisContext.Default);

    /// <summary>The http example with a misspelt protocol: an error whose quick fix is "Change to 'HTTP'".</summary>
    public static string MisspeltProtocol => File.ReadAllText(ExamplePath("http.yaml")).Replace("protocol: HTTP\n", "protocol: HTTPP\n", StringComparison.Ordinal);

    /// <summary>The http example with an unknown field in its spec: one error, yet the expansion is complete.</summary>
    public static string UnknownSpecField => File.ReadAllText(ExamplePath("http.yaml")).Replace("spec:\n", "spec:\n  replicas: 2\n", StringComparison.Ordinal);

    /// <summary>Applies edits of one document, last first, as an editor does.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Span.Start))
        {
            text = string.Concat(text.AsSpan(0, edit.Span.Start), edit.NewText, text.AsSpan(edit.Span.End));
        }
        return text;
    }

    public static TextSpan At(DocumentAnalysis analysis, string marker, int offsetInMarker = 0)
    {
        var index = analysis.Text.Text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' is not in the document");
        return new TextSpan(index + offsetInMarker, 0);
    }

    public static Diagnostic Single(DocumentAnalysis analysis, string code) => Assert.Single(analysis.Diagnostics, d => d.Code == code);
}
