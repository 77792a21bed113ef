using System.CommandLine;
using System.Text.Json;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Conversion;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl convert FILE|DIR…</c>: the <c>ASMEgressTrafficPolicy</c> objects that stand for hand-written Istio
/// egress resources, on standard output (one per egress gateway; a comment first gives the <c>egresslsp.yaml</c> they
/// need when the gateway is not the default one). What could not be converted, or will be stricter, goes to standard
/// error as diagnostics with file, line and column. <c>--format json</c> prints the policies and the findings together.
/// Exit 0 when a policy was proposed, 1 when nothing was convertible, 2 for usage and I/O errors.
/// </summary>
internal static class ConvertCommand
{
    public static readonly string[] Formats = ["yaml", "json"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "Istio resources to convert (folders: *.yaml and *.yml, recursively); - reads standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Choice("--format", [], Formats, "Output format", "yaml");
        var config = CommonOptions.Config();
        var workspace = CommonOptions.Workspace();
        var locale = CommonOptions.Locale();
        var maxInputSize = CommonOptions.MaxInputSize();

        var command = new Command("convert", "Propose egress policies for hand-written Istio egress-gateway resources (YAML or JSON on stdout)")
        {
            paths, format, config, workspace, locale, maxInputSize,
        };
        command.SetAction(parse => Run(context,
            parse.GetValue(paths) ?? [],
            parse.GetValue(format) ?? "yaml",
            parse.GetValue(config),
            parse.GetValue(workspace) ?? [],
            LocaleResolver.Resolve(parse.GetValue(locale), context.Environment),
            parse.GetValue(maxInputSize)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string format, string? configPath, IReadOnlyList<string> workspace,
        string locale, long maxInputBytes)
    {
        if (AnalysisRun.StartReadable(context, paths, workspace, configPath, maxInputBytes, out var inputs) is not { } run)
        {
            return ExitCodes.Usage;
        }
        var scope = inputs.Files.Select(f => f.DisplayPath).ToHashSet(StringComparer.Ordinal);
        var analysis = run.Files[0].Analysis;
        var result = EgressConverter.Convert(analysis.Context.Workspace, analysis.Context.Environment, scope.Contains);
        var reports = Reports(result, run).ToArray();

        if (format == "json")
        {
            context.Stdout.Write(Json(result, reports, locale));
        }
        else
        {
            TextFormatter.Write(context.Stderr, reports, locale);
            context.Stdout.Write(result.ToYaml());
        }
        if (result.Policies.IsEmpty)
        {
            context.Stderr.Write($"{CliApp.Name}: nothing converted: no traffic of the inputs goes through an egress gateway in a way a policy can express\n");
            return ExitCodes.Errors;
        }
        return ExitCodes.Success;
    }

    /// <summary>The findings per input file, with that file's text for their lines and columns.</summary>
    private static IEnumerable<FileReport> Reports(ConversionResult result, AnalysisRun run)
    {
        foreach (var file in run.Files)
        {
            var findings = result.Findings.Where(f => f.Location.Path == file.Input.DisplayPath).Select(f => f.Diagnostic).ToArray();
            if (findings.Length > 0)
            {
                yield return AnalysisRun.Report(file, [.. findings]);
            }
        }
    }

    /// <summary><c>{ "policies": [...], "environment": {...} | null, "findings": [...] }</c>; findings as <c>validate --format json</c> writes them.</summary>
    private static string Json(ConversionResult result, FileReport[] reports, string locale)
    {
        using var findings = JsonDocument.Parse(JsonFormatter.Format(reports, locale));
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("policies");
            foreach (var policy in result.Policies)
            {
                ManifestWriter.WriteJson(writer, policy.ToManifest());
            }
            writer.WriteEndArray();
            writer.WritePropertyName("environment");
            if (result.Environment.IsDefault)
            {
                writer.WriteNullValue();
            }
            else
            {
                ManifestWriter.WriteJson(writer, result.Environment.ToManifest());
            }
            writer.WritePropertyName("findings");
            findings.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        });
    }
}
