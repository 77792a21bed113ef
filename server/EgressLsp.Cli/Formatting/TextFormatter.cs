using System.Text;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary>
/// Compiler-style lines, one per diagnostic: <c>path:line:col: error EGP005: message</c> (1-based line and UTF-16
/// column). Line breaks inside a message become spaces, so each diagnostic stays on one line for grep and editors'
/// problem matchers, and control characters from the policy are escaped (<see cref="TerminalText"/>).
/// </summary>
public static class TextFormatter
{
    public static void Write(TextWriter output, IEnumerable<FileReport> files, string locale)
    {
        var builder = new StringBuilder();
        foreach (var file in files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                AppendLine(builder, file, diagnostic, locale);
            }
        }
        output.Write(builder.ToString());
    }

    public static string Format(FileReport file, Diagnostic diagnostic, string locale)
    {
        var builder = new StringBuilder();
        AppendLine(builder, file, diagnostic, locale);
        return builder.ToString(0, builder.Length - 1);
    }

    private static void AppendLine(StringBuilder builder, FileReport file, Diagnostic diagnostic, string locale)
    {
        var region = Region.Of(file.Text, diagnostic.Span);
        builder.Append(TerminalText.Escape(file.DisplayPath)).Append(':')
            .Append(region.StartLine).Append(':')
            .Append(region.StartColumn).Append(": ")
            .Append(Levels.Name(diagnostic.Level)).Append(' ')
            .Append(diagnostic.Code).Append(": ")
            .Append(TerminalText.Line(diagnostic.Message.For(locale)))
            .Append('\n');
    }
}
