using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Features.Symbols;
using EgressLsp.Core.Text;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Fuzz;

/// <summary>
/// Parse → validate → expand, as <c>egressctl expand</c> does it: the bytes are a file (decoded as the CLI decodes
/// files), indexed as the workspace and analysed as a policy; then the editor's queries at a few offsets. A bug is
/// an exception, or a range outside the text.
/// </summary>
internal static class CoreTarget
{
    private const string PolicyPath = "/fuzz/policy.yaml";

    public static void Run(Stream input)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();

        var yaml = YamlFile.Parse(text);
        var workspace = WorkspaceIndex.Build([WorkspaceFileFacts.Read(PolicyPath, yaml)]);
        var analysis = new DocumentAnalysis(PolicyPath, yaml, new AnalysisContext(ProjectConfig.Default, workspace));
        foreach (var diagnostic in analysis.Diagnostics)
        {
            RequireInside(diagnostic.Span, text, diagnostic.Code);
        }
        foreach (var target in TargetRegistry.All)
        {
            var expansion = analysis.Expand(target);
            _ = ManifestWriter.ToYaml(expansion.Resources);
            _ = ManifestWriter.ToJson(expansion.Resources);
        }
        _ = DocumentSymbolService.GetSymbols(analysis);
        _ = analysis.Yaml.Comments;
        _ = FoldingService.GetRanges(analysis);
        // The same text as the project config file.
        _ = ProjectConfig.Parse("/fuzz/egresslsp.yaml", text);

        // Editor queries at the start, the end and a few places in between.
        for (var step = 0; step <= 8; step++)
        {
            var offset = text.Length * step / 8;
            foreach (var item in CompletionService.GetCompletions(analysis, offset).Items)
            {
                RequireInside(item.ReplaceSpan, text, "completion");
            }
            if (HoverService.GetHover(analysis, offset, "en") is { } hover)
            {
                RequireInside(hover.Span, text, "hover");
            }
        }
    }

    private static void RequireInside(TextSpan span, string text, string what)
    {
        if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
        {
            throw new InvalidOperationException($"{what} range {span} lies outside a text of {text.Length} characters");
        }
    }
}
