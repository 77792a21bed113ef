using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// What a rule sees of one document: the file it is in (path, text, tree, the file's other documents), the
/// workspace and the environment, and where it reports. A kind with a model makes a subclass carrying it
/// (<see cref="DocumentKind.CreateRuleContext"/>). Diagnostics carry the catalogue's default level; configured
/// levels and suppressions are applied by the caller.
/// </summary>
public class RuleContext
{
    private const int ListedNamesLimit = 5;

    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

    public RuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents, RoutedDocument document, AnalysisContext analysis)
    {
        Path = path;
        File = file;
        Documents = documents;
        Document = document;
        Workspace = analysis.Workspace;
        Environment = analysis.Environment;
    }

    public string Path { get; }

    public YamlFile File { get; }

    public SourceText Text => File.Text;

    /// <summary>Every document of the file, routed (for checks across the documents of one file).</summary>
    public ImmutableArray<RoutedDocument> Documents { get; }

    /// <summary>The document being checked.</summary>
    public RoutedDocument Document { get; }

    public WorkspaceIndex Workspace { get; }

    public EgressEnvironment Environment { get; }

    public ImmutableArray<Diagnostic> Diagnostics => _diagnostics.ToImmutable();

    /// <summary>Reports <paramref name="diagnostic"/> with the fixes that are not null.</summary>
    public void Report(Diagnostic diagnostic, params CodeFix?[] fixes)
    {
        foreach (var fix in fixes)
        {
            if (fix is not null)
            {
                diagnostic = diagnostic.WithFix(fix);
            }
        }
        _diagnostics.Add(diagnostic);
    }

    public static CodeFix Fix(string titleEn, string titleZh, params TextEdit[] edits) =>
        new(new LocalizedText(titleEn, titleZh), [.. edits]);

    /// <summary>A place in this document that explains a diagnostic.</summary>
    public RelatedInformation Related(TextSpan span, string messageEn, string messageZh) =>
        new(null, span, Text.GetPositionSpan(span), new LocalizedText(messageEn, messageZh));

    /// <summary>How far a misspelt name may be from a suggestion: a third of its length, at least 2.</summary>
    public static int SuggestionDistance(string name) => Math.Max(2, name.Length / 3);

    /// <summary>Names quoted the way each language quotes them: 'a', 'b' and “a”、“b”.</summary>
    public static LocalizedText ListNames(IEnumerable<string> names)
    {
        var all = names.ToArray();
        var listed = all.Take(ListedNamesLimit).ToArray();
        var more = all.Length - listed.Length;
        return new LocalizedText(
            string.Join(", ", listed.Select(n => $"'{n}'")) + (more > 0 ? $" and {more} more" : ""),
            string.Join("、", listed.Select(n => $"“{n}”")) + (more > 0 ? $"等另外 {more} 个" : ""));
    }

    public static int? IndexOf(YamlMapping mapping, string key)
    {
        for (var i = 0; i < mapping.Pairs.Length; i++)
        {
            if (mapping.Pairs[i].KeyText == key)
            {
                return i;
            }
        }
        return null;
    }
}
