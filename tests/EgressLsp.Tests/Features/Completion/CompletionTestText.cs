using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Features.Completion;

/// <summary>A document with a cursor marker, and the completion results at it.</summary>
internal static class CompletionTestText
{
    public const string Marker = "|";

    /// <summary>The text without the marker, and the marker's offset.</summary>
    public static (string Text, int Offset) Split(string marked, string marker = Marker)
    {
        var offset = marked.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(offset >= 0, "the text has no cursor marker");
        return (marked.Remove(offset, marker.Length), offset);
    }

    public static CompletionList Complete(string marked, WorkspaceIndex? workspace = null, string path = "/work/policy.yaml",
        string marker = Marker)
    {
        var (text, offset) = Split(marked, marker);
        var analysis = new DocumentAnalysis(path, text, new AnalysisContext(ProjectConfig.Default, workspace ?? WorkspaceIndex.Empty));
        return CompletionService.GetCompletions(analysis, offset);
    }

    public static CompletionContext? Context(string marked, bool config = false)
    {
        var (text, offset) = Split(marked);
        var source = SourceText.From(text);
        var file = YamlFile.Parse(source);
        return CompletionContext.Create(source, NodeLocator.DocumentAt(file, offset), offset,
            config ? Core.Schema.SchemaCatalog.Config : Core.Schema.SchemaCatalog.Policy);
    }

    public static WorkspaceIndex Workspace(params (string Path, string Text)[] files) =>
        WorkspaceIndex.Build(files.Select(f => WorkspaceFileFacts.Read(f.Path, YamlFile.Parse(f.Text))));

    public static CompletionEntry Single(this CompletionList list, string label) =>
        Assert.Single(list.Items, item => item.Label == label);

    public static IReadOnlyList<string> Labels(this CompletionList list) => [.. list.Items.Select(item => item.Label)];

    /// <summary>The text after applying <paramref name="entry"/> (snippet syntax left as is).</summary>
    public static string Apply(string marked, CompletionEntry entry)
    {
        var (text, _) = Split(marked);
        return text[..entry.ReplaceSpan.Start] + entry.InsertText + text[entry.ReplaceSpan.End..];
    }
}
