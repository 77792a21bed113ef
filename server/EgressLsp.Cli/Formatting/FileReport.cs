using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary>The diagnostics of one file, with the text their spans point into.</summary>
public sealed record FileReport(string DisplayPath, string? FullPath, SourceText Text, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>A diagnostic's range in 1-based lines and 1-based UTF-16 columns, the way compilers and SARIF count.</summary>
public readonly record struct Region(int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static Region Of(SourceText text, TextSpan span)
    {
        var start = text.GetPosition(span.Start);
        var end = text.GetPosition(span.End);
        return new Region(start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1);
    }
}

public static class Levels
{
    /// <summary><c>error</c>, <c>warning</c>, <c>info</c> (text and JSON output).</summary>
    public static string Name(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        DiagnosticLevel.Info => "info",
        _ => "off",
    };

    /// <summary>SARIF's names: <c>error</c>, <c>warning</c>, <c>note</c>, <c>none</c>.</summary>
    public static string SarifName(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        DiagnosticLevel.Info => "note",
        _ => "none",
    };
}

/// <summary>Counts of diagnostics by level over a set of files.</summary>
public readonly record struct DiagnosticCounts(int Errors, int Warnings, int Infos, int Files)
{
    public static DiagnosticCounts Of(IReadOnlyCollection<FileReport> files)
    {
        int errors = 0, warnings = 0, infos = 0;
        foreach (var diagnostic in files.SelectMany(f => f.Diagnostics))
        {
            switch (diagnostic.Level)
            {
                case DiagnosticLevel.Error: errors++; break;
                case DiagnosticLevel.Warning: warnings++; break;
                case DiagnosticLevel.Info: infos++; break;
            }
        }
        return new DiagnosticCounts(errors, warnings, infos, files.Count);
    }

    /// <summary><c>2 errors, 1 warning in 3 files</c>; infos are mentioned only when there are some.</summary>
    public override string ToString() => Format("en");

    /// <summary>The summary in the language of the messages (<c>共 3 个文件: 2 个错误, 1 个警告</c> for <c>zh</c>).</summary>
    public string Format(string locale)
    {
        if (locale == "zh")
        {
            return $"共 {Files} 个文件: {Errors} 个错误, {Warnings} 个警告" + (Infos > 0 ? $", {Infos} 条提示" : "");
        }
        var text = $"{Plural(Errors, "error")}, {Plural(Warnings, "warning")}";
        if (Infos > 0)
        {
            text += $", {Infos} info";
        }
        return $"{text} in {Plural(Files, "file")}";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
