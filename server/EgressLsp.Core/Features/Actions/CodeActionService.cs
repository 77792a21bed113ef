using System.Collections.Immutable;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Actions;

public enum CodeActionEntryKind
{
    /// <summary>Repairs a diagnostic.</summary>
    QuickFix,

    /// <summary>Shows the policy in another form (the expansion preview); changes nothing.</summary>
    Refactor,

    /// <summary>Acts on the whole file (writes the expansion beside it).</summary>
    Source,
}

/// <summary>A file to create beside the document, replacing one of the same name.</summary>
/// <param name="FileName">A bare file name, in the document's folder.</param>
public sealed record NewFile(string FileName, string Text);

/// <summary>
/// One code action as the core sees it; the language server turns it into the protocol's form (a workspace edit
/// for <see cref="Edits"/> and <see cref="CreatesFile"/>, a command for <see cref="Command"/>).
/// </summary>
/// <param name="Edits">Edits to the analysed document itself.</param>
/// <param name="Command">One of <see cref="EditorCommands"/>, run when the action is chosen.</param>
/// <param name="CommandArguments">Arguments of <paramref name="Command"/>; <see cref="EditorCommands.DocumentArgument"/> stands for the document.</param>
/// <param name="FixesDiagnostics">The diagnostics a quick fix resolves.</param>
/// <param name="CreatesFile">A file the action writes when chosen: applied by the editor, never by the server.</param>
public sealed record CodeActionEntry(
    LocalizedText Title,
    CodeActionEntryKind Kind,
    ImmutableArray<TextEdit> Edits,
    string? Command,
    ImmutableArray<string> CommandArguments,
    bool IsPreferred,
    ImmutableArray<Diagnostic> FixesDiagnostics,
    NewFile? CreatesFile = null);

public static class CodeActionService
{
    /// <summary>
    /// The quick fixes of the diagnostics that overlap or touch <paramref name="range"/> (a cursor right after a
    /// misspelt word still gets its fix), then, when the range is in a policy document, the expansion actions.
    /// </summary>
    public static ImmutableArray<CodeActionEntry> GetActions(DocumentAnalysis analysis, TextSpan range)
    {
        var actions = ImmutableArray.CreateBuilder<CodeActionEntry>();
        actions.AddRange(QuickFixes(analysis, range));
        // Anywhere in a file that holds a policy: a file opens with the cursor on its first line, often a comment above it.
        if (analysis.Policies.Any())
        {
            actions.AddRange(ExpansionActions(analysis));
        }
        actions.AddRange(ConversionActions(analysis));
        return actions.ToImmutable();
    }

    /// <summary>
    /// On a file whose Istio resources belong to an egress set (their traffic was followed, converted or not): the
    /// preview of the proposed policy with its findings, and, when a policy was proposed, writing it beside the file.
    /// </summary>
    private static IEnumerable<CodeActionEntry> ConversionActions(DocumentAnalysis analysis)
    {
        if (analysis.Conversion is not { } conversion || conversion.Destinations.IsEmpty && conversion.Findings.IsEmpty)
        {
            yield break;
        }
        yield return new CodeActionEntry(
            new LocalizedText("Convert to egress policy", "转换为出口策略"),
            CodeActionEntryKind.Refactor, Edits: [], EditorCommands.ShowConversion, [EditorCommands.DocumentArgument],
            IsPreferred: false, FixesDiagnostics: []);
        if (conversion.Policies.IsEmpty)
        {
            yield break;
        }
        var file = new NewFile(ConversionPreview.FileName(analysis.Path), conversion.ToYaml());
        yield return new CodeActionEntry(
            new LocalizedText($"Write egress policy to {file.FileName}", $"将出口策略写入 {file.FileName}"),
            CodeActionEntryKind.Source, Edits: [], Command: null, CommandArguments: [],
            IsPreferred: false, FixesDiagnostics: [], file);
    }

    /// <summary>
    /// One action per distinct fix: two diagnostics offering the same edits (e.g. a misspelt key reported twice)
    /// give one action that resolves both.
    /// </summary>
    private static IEnumerable<CodeActionEntry> QuickFixes(DocumentAnalysis analysis, TextSpan range)
    {
        var fixes = new List<(CodeFix Fix, List<Diagnostic> Diagnostics)>();
        foreach (var diagnostic in analysis.Diagnostics.Where(d => Touches(d.Span, range)))
        {
            foreach (var fix in diagnostic.Fixes)
            {
                var same = fixes.FindIndex(f => f.Fix.Title == fix.Title && f.Fix.Edits.SequenceEqual(fix.Edits));
                if (same >= 0)
                {
                    fixes[same].Diagnostics.Add(diagnostic);
                }
                else
                {
                    fixes.Add((fix, [diagnostic]));
                }
            }
        }
        return fixes.Select(f => new CodeActionEntry(f.Fix.Title, CodeActionEntryKind.QuickFix, f.Fix.Edits,
            Command: null, CommandArguments: [], f.Fix.IsPreferred, [.. f.Diagnostics]));
    }

    /// <summary>
    /// Preview is always offered: it shows why an expansion is empty or unusable. Writing the file follows
    /// <c>egressctl expand</c>: not with errors in the document, and not when there is nothing to write.
    /// </summary>
    private static IEnumerable<CodeActionEntry> ExpansionActions(DocumentAnalysis analysis)
    {
        var target = analysis.Context.Environment.Target;
        var family = target.Family;
        yield return new CodeActionEntry(
            new LocalizedText($"Expand to {family} resources", $"展开为 {family} 资源"),
            CodeActionEntryKind.Refactor, Edits: [], EditorCommands.ShowPreview, [EditorCommands.DocumentArgument],
            IsPreferred: false, FixesDiagnostics: []);

        if (ExpansionPreview.NotExpandedInEditor(analysis) is not null || analysis.HasErrors || analysis.Expand().Resources.IsEmpty)
        {
            yield break;
        }
        // The same bytes as `egressctl expand` and the preview.
        var file = new NewFile(ExpansionFileName(analysis.Path, target), ManifestWriter.ToYaml(analysis.Expand().Resources));
        yield return new CodeActionEntry(
            new LocalizedText($"Write expansion to {file.FileName}", $"将展开结果写入 {file.FileName}"),
            CodeActionEntryKind.Source, Edits: [], Command: null, CommandArguments: [],
            IsPreferred: false, FixesDiagnostics: [], file);
    }

    /// <summary>
    /// <c>egress.yaml</c> → <c>egress.istio.yaml</c> (<c>egress.osm-edge.yaml</c> for osm-edge): beside the policy,
    /// sorted next to it, and still a YAML file to every tool.
    /// </summary>
    public static string ExpansionFileName(string documentPath, ExpansionTarget target)
    {
        var name = Path.GetFileNameWithoutExtension(documentPath);
        return $"{(name.Length == 0 ? "policy" : name)}.{target.FileSuffix}.yaml";
    }

    /// <summary>Overlapping, or meeting at an end: an empty range (a cursor) at either edge of a span counts.</summary>
    private static bool Touches(TextSpan span, TextSpan range) => span.Start <= range.End && range.Start <= span.End;
}
