using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Analysis;

/// <summary>Runs the rules the way the pipeline does (parse → route → bind → plan → rules) and applies their fixes.</summary>
internal static class AnalyzerHarness
{
    public sealed record Result(SourceText Text, YamlFile File, ImmutableArray<Diagnostic> Diagnostics)
    {
        public IEnumerable<Diagnostic> Coded(string code) => Diagnostics.Where(d => d.Code == code);

        public Diagnostic Single(string code) => Assert.Single(Coded(code));

        /// <summary>1-based "line:column" of a diagnostic's start, as editors show it.</summary>
        public string Position(Diagnostic diagnostic) => Text.GetPosition(diagnostic.Span.Start).ToString();

        public string Covered(Diagnostic diagnostic) => Text.Text.Substring(diagnostic.Span.Start, diagnostic.Span.Length);

        public IEnumerable<string> Codes => Diagnostics.Select(d => d.Code);
    }

    public static Result Analyze(string yaml, WorkspaceIndex? workspace = null, EgressEnvironment? environment = null)
    {
        var file = YamlFile.Parse(yaml);
        Assert.DoesNotContain(file.Diagnostics, d => d.Code == "EGP001");
        const string path = "/workspace/policy.yaml";
        ImmutableArray<RoutedDocument> documents = [.. file.Documents.Select(d => KindRegistry.Route(Path.GetFileName(path), d))];
        Assert.Same(KindRegistry.Policy, documents[0].Kind);
        var context = new AnalysisContext(ProjectConfig.Default.WithEnvironment(environment ?? EgressEnvironment.Default), workspace ?? WorkspaceIndex.Empty);
        var diagnostics = RuleRegistry.Run(documents[0].Kind.CreateRuleContext(path, file, documents, documents[0], context));
        return new Result(file.Text, file, diagnostics);
    }

    public static WorkspaceIndex Workspace(string manifests) =>
        WorkspaceIndex.Build([WorkspaceFileFacts.Read("/workspace/manifests.yaml", YamlFile.Parse(manifests))]);

    /// <summary>Applies a fix's edits (non-overlapping, applied from the end so offsets stay valid).</summary>
    public static string Apply(string text, CodeFix fix)
    {
        var result = text;
        foreach (var edit in fix.Edits.OrderByDescending(e => e.Span.Start))
        {
            result = string.Concat(result.AsSpan(0, edit.Span.Start), edit.NewText, result.AsSpan(edit.Span.End));
        }
        return result;
    }

    /// <summary>
    /// Applies the fix titled <paramref name="title"/> of the first <paramref name="code"/> diagnostic, checks the result
    /// parses cleanly and reports one <paramref name="code"/> fewer, and returns the fixed text.
    /// </summary>
    public static string ApplyFix(string yaml, string code, string? title = null, WorkspaceIndex? workspace = null)
    {
        var before = Analyze(yaml, workspace);
        var diagnostic = before.Coded(code).First();
        var fix = title is null ? diagnostic.Fixes[0] : Assert.Single(diagnostic.Fixes, f => f.Title.En == title);
        Assert.False(string.IsNullOrEmpty(fix.Title.Zh));
        var fixedText = Apply(yaml, fix);
        var reparsed = YamlFile.Parse(fixedText);
        Assert.Empty(reparsed.Diagnostics);
        var after = Analyze(fixedText, workspace);
        Assert.Equal(before.Coded(code).Count() - 1, after.Coded(code).Count());
        return fixedText;
    }
}
