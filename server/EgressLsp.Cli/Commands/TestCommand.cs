using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Xml;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Analysis.Rules.EgressTests;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl test [FILE|DIR...]</c>: runs the <c>EgressTest</c> expectations found in the inputs against the
/// reachability of the inputs as a workspace (with <c>--workspace</c> folders), for CI: text (a line per expectation,
/// the path of each failure), JUnit XML or SARIF (EGT001, as the editor reports it). Exit 0 when every expectation
/// holds, 1 when one does not, 2 for usage and I/O errors or when the inputs hold no egress test.
/// </summary>
internal static class TestCommand
{
    public static readonly string[] Formats = ["text", "junit", "sarif"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "Egress tests and the workspace they test (folders: *.yaml and *.yml, recursively; default: the current folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = CommonOptions.Choice("--format", [], Formats, "Output format", "text");
        var config = CommonOptions.Config();
        var workspace = CommonOptions.Workspace();
        var target = CommonOptions.Target();
        var locale = CommonOptions.Locale();
        var maxInputSize = CommonOptions.MaxInputSize();
        var command = new Command("test", "Run the EgressTest expectations of the inputs against their reachability (text, JUnit XML or SARIF)")
        {
            paths, format, config, workspace, target, locale, maxInputSize,
        };
        command.SetAction(parse => Run(context, parse.GetValue(paths) ?? [], parse.GetValue(format) ?? "text", parse.GetValue(config),
            parse.GetValue(workspace) ?? [], CommonOptions.ParseTarget(parse.GetValue(target)), LocaleResolver.Resolve(parse.GetValue(locale), context.Environment),
            parse.GetValue(maxInputSize)));
        return command;
    }

    private sealed record SuiteRun(AnalysedFile File, EgressTestSuite Suite,
        ImmutableArray<(EgressExpectation Expectation, ReachAnswer Answer, Diagnostic? Failure)> Results);

    public static int Run(CliContext context, IReadOnlyList<string> paths, string format, string? configPath, IReadOnlyList<string> workspace,
        Core.Targets.ExpansionTarget? target, string locale, long maxInputBytes)
    {
        if (AnalysisRun.StartReadable(context, paths.Count == 0 ? ["."] : paths, workspace, configPath, maxInputBytes, out _, target) is not { } run)
        {
            return ExitCodes.Usage;
        }
        var suites = run.Files
            .SelectMany(file => file.Analysis.Documents.Where(d => d.Kind is EgressTestKind).Select(d => (File: file, Suite: d.Model as EgressTestSuite)))
            .Where(s => s.Suite is not null)
            .Select(s => new SuiteRun(s.File, s.Suite!,
                [.. ExpectationRule.Run(EgressReachability.For(s.File.Analysis.Context.Workspace, s.File.Analysis.Context.Environment), s.Suite!)]))
            .ToArray();
        if (suites.Length == 0)
        {
            context.Stderr.Write($"{CliApp.Name}: no {EgressTestSuite.KindName} ({EgressTestSuite.ApiVersion}) found in the inputs\n");
            return ExitCodes.Usage;
        }
        var reports = suites.GroupBy(s => s.File)
            .Select(g => AnalysisRun.Report(g.Key, [.. g.SelectMany(s => s.Results).Select(r => r.Failure).OfType<Diagnostic>()]))
            .ToArray();
        context.Stdout.Write(format switch
        {
            "junit" => JUnit(suites, locale),
            "sarif" => SarifFormatter.Format(reports, locale, context.Environment.CurrentDirectory),
            _ => Text(suites, reports, locale),
        });
        return suites.Any(s => s.Results.Any(r => r.Failure is not null)) ? ExitCodes.Errors : ExitCodes.Success;
    }

    private static string Text(SuiteRun[] suites, FileReport[] reports, string locale)
    {
        var text = new StringBuilder();
        foreach (var suite in suites)
        {
            text.Append($"{suite.Suite.Name} ({suite.File.Input.DisplayPath})\n");
            foreach (var (expectation, answer, failure) in suite.Results)
            {
                text.Append(failure is null ? "  ok    " : "  FAIL  ").Append(TerminalText.Line(expectation.Name)).Append(": ")
                    .Append(expectation.Wanted.For(locale)).Append('\n');
                if (failure is not null)
                {
                    foreach (var line in ReachFormatter.Text(answer, locale).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        text.Append("        ").Append(line).Append('\n');
                    }
                }
            }
        }
        var total = suites.Sum(s => s.Results.Length);
        var failed = suites.Sum(s => s.Results.Count(r => r.Failure is not null));
        text.Append(locale == "zh" ? $"{total} 条预期,{failed} 条未满足\n" : $"{total} expectation{(total == 1 ? "" : "s")}, {failed} failed\n");
        if (failed > 0)
        {
            text.Append('\n');
            var diagnostics = new StringWriter(CultureInfo.InvariantCulture);
            TextFormatter.Write(diagnostics, reports, locale);
            text.Append(diagnostics);
        }
        return text.ToString();
    }

    /// <summary>JUnit XML: a testsuite per EgressTest, a testcase per expectation, the path of a failure in its body.</summary>
    private static string JUnit(SuiteRun[] suites, string locale)
    {
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        // The text is written out as UTF-8, whatever the StringWriter would declare.
        output.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var writer = XmlWriter.Create(new StringWriter(output, CultureInfo.InvariantCulture), settings))
        {
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", "egressctl test");
            writer.WriteAttributeString("tests", suites.Sum(s => s.Results.Length).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("failures", suites.Sum(s => s.Results.Count(r => r.Failure is not null)).ToString(CultureInfo.InvariantCulture));
            foreach (var suite in suites)
            {
                writer.WriteStartElement("testsuite");
                writer.WriteAttributeString("name", suite.Suite.Name);
                writer.WriteAttributeString("file", suite.File.Input.DisplayPath);
                writer.WriteAttributeString("tests", suite.Results.Length.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("failures", suite.Results.Count(r => r.Failure is not null).ToString(CultureInfo.InvariantCulture));
                foreach (var (expectation, answer, failure) in suite.Results)
                {
                    writer.WriteStartElement("testcase");
                    writer.WriteAttributeString("classname", suite.Suite.Name);
                    writer.WriteAttributeString("name", expectation.Name);
                    writer.WriteAttributeString("file", suite.File.Input.DisplayPath);
                    writer.WriteAttributeString("line", (suite.File.Analysis.Text.GetPosition(expectation.Node.Span.Start).Line + 1).ToString(CultureInfo.InvariantCulture));
                    if (failure is not null)
                    {
                        writer.WriteStartElement("failure");
                        writer.WriteAttributeString("message", failure.Message.For(locale));
                        writer.WriteAttributeString("type", failure.Code);
                        writer.WriteString(ReachFormatter.Text(answer, locale));
                        writer.WriteEndElement();
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return output.Append('\n').ToString();
    }
}
