using System.CommandLine;
using EgressLsp.Cli.Formatting;
using EgressLsp.Cli.Inputs;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Reachability;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl reach --from NS[/label=value,...] --to HOST[:PORT] [FILE|DIR...]</c>: whether that source reaches that
/// host, through which gateway, or how it is refused, hop by hop with the object that decides each hop (text or JSON;
/// exit 0 allowed, 1 refused). <c>--matrix</c>: every source of the workspace against every declared destination
/// (text, markdown or JSON). Inputs are the workspace: hand-written resources, policies (followed through their
/// expansion for the target's data plane), workloads; with none, the current folder.
/// </summary>
internal static class ReachCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown", "svg"];

    public static readonly string[] OutboundPolicies = ["REGISTRY_ONLY", "ALLOW_ANY"];

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE|DIR")
        {
            Description = "The workspace: Istio resources, policies, workloads (folders: *.yaml and *.yml, recursively; default: the current folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string?>("--from") { Description = "The source: NAMESPACE, or NAMESPACE/label=value,... for its pods with those labels", HelpName = "NS[/k=v,...]" };
        var to = new Option<string?>("--to") { Description = "The destination: HOST or HOST:PORT", HelpName = "HOST[:PORT]" };
        var protocol = CommonOptions.Choice("--protocol", [], ["http", "tls"], "What the application sends (default: what the registry declares for the port)");
        var matrix = new Option<bool>("--matrix") { Description = "Every source namespace and selected workload against every declared destination", Arity = ArgumentArity.Zero };
        var format = CommonOptions.Choice("--format", [], Formats, "Output format (markdown and svg, the egress map: --matrix only)", "text");
        var outbound = new Option<string?>("--outbound-traffic-policy")
        {
            Description = "The mesh's outbound traffic policy to assume (default: the config's environment.outboundTrafficPolicy, else REGISTRY_ONLY)",
            HelpName = string.Join('|', OutboundPolicies),
        };
        outbound.AcceptOnlyFromAmong(OutboundPolicies);
        var config = CommonOptions.Config();
        var workspace = CommonOptions.Workspace();
        var target = CommonOptions.Target();
        var locale = CommonOptions.Locale();
        var maxInputSize = CommonOptions.MaxInputSize();

        var command = new Command("reach", "Who can reach which external host: the path a request takes through the mesh, hop by hop, before anything is applied")
        {
            paths, from, to, protocol, matrix, format, outbound, config, workspace, target, locale, maxInputSize,
        };
        command.SetAction(parse => Run(context, parse.GetValue(paths) ?? [], parse.GetValue(from), parse.GetValue(to), parse.GetValue(protocol),
            parse.GetValue(matrix), parse.GetValue(format) ?? "text", parse.GetValue(outbound), parse.GetValue(config), parse.GetValue(workspace) ?? [],
            CommonOptions.ParseTarget(parse.GetValue(target)), LocaleResolver.Resolve(parse.GetValue(locale), context.Environment), parse.GetValue(maxInputSize)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string? from, string? to, string? protocol, bool matrix, string format,
        string? outbound, string? configPath, IReadOnlyList<string> workspace, Core.Targets.ExpansionTarget? target, string locale, long maxInputBytes)
    {
        if (!matrix && (from is null || to is null))
        {
            throw new CliUsageException("reach needs --from and --to (or --matrix)");
        }
        if (!matrix && format is "markdown" or "svg")
        {
            throw new CliUsageException($"--format {format} is for --matrix; a single answer is text or json");
        }
        var source = matrix ? null : ParseSource(from!);
        var destination = matrix ? null : ParseDestination(to!, protocol);
        if (AnalysisRun.StartReadable(context, paths.Count == 0 ? ["."] : paths, workspace, configPath, maxInputBytes, out _, target) is not { } run)
        {
            return ExitCodes.Usage;
        }
        var context0 = run.Files[0].Analysis.Context;
        var environment = OutboundTrafficPolicies.Parse(outbound) is { } assumed ? context0.Environment with { OutboundTrafficPolicy = assumed } : context0.Environment;
        var model = EgressReachability.Build(context0.Workspace, environment);

        if (matrix)
        {
            var result = model.Matrix();
            context.Stdout.Write(format switch
            {
                "json" => ReachFormatter.MatrixJson(result, locale),
                "markdown" => ReachFormatter.MatrixTable(result, markdown: true),
                "svg" => EgressMap.Svg(result),
                _ => ReachFormatter.MatrixTable(result, markdown: false),
            });
            return ExitCodes.Success;
        }
        var answer = model.Answer(source!, destination!);
        context.Stdout.Write(format == "json" ? ReachFormatter.Json(answer, locale) : ReachFormatter.Text(answer, locale));
        return answer.IsAllowed ? ExitCodes.Success : ExitCodes.Errors;
    }

    private static ReachSource ParseSource(string text) =>
        ReachSource.Parse(text, out var error) ?? throw new CliUsageException($"--from {error}");

    private static ReachDestination ParseDestination(string text, string? protocol) =>
        ReachDestination.Parse(text, ReachDestination.ParseProtocol(protocol), out var error) ?? throw new CliUsageException($"--to {error}");
}
