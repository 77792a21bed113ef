using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Actions;
using EgressLsp.Core.Reachability;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;
using EgressLsp.LanguageServer.Server.Rpc;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>
/// <c>workspace/executeCommand</c> for the <c>egressLsp.*</c> commands, each taking one argument
/// <c>{ "uri": "…", "target": optional }</c> and returning the document's expansion as multi-document YAML:
/// <list type="bullet">
/// <item><c>egressLsp.expand</c> (editors without our client) and <c>egressLsp.copyExpansion</c> give output meant
/// to be applied, so, like <c>egressctl expand</c>, they refuse a document with errors or without a policy
/// (error RequestFailed, saying why).</item>
/// <item><c>egressLsp.showPreview</c> always answers: a preview of a half-typed policy is still worth seeing, and
/// the client learns what is wrong from <c>egressLsp/preview</c>.</item>
/// <item><c>egressLsp.convert</c> and <c>egressLsp.showConversion</c> give the policy proposed for the document's Istio
/// resources, followed by its findings as comments (the first refuses when nothing converts).</item>
/// </list>
/// Nothing is written anywhere: the client decides what to do with the text.
/// </summary>
internal sealed class ExecuteCommandHandler(ServerState state) : IRequestHandler<ExecuteCommandParams, string>, ICapabilityProvider
{
    private static readonly string[] Commands =
    [
        EditorCommands.Expand, EditorCommands.ShowPreview, EditorCommands.CopyExpansion, EditorCommands.Convert, EditorCommands.ShowConversion,
        EditorCommands.Reach, EditorCommands.ExplainReachability,
    ];

    public string Method => "workspace/executeCommand";

    public void AddCapabilities(JsonObject capabilities) =>
        capabilities["executeCommandProvider"] = new JsonObject { ["commands"] = new JsonArray([.. Commands.Select(c => (JsonNode?)c)]) };

    public Task<string> HandleAsync(ExecuteCommandParams request, CancellationToken cancellationToken)
    {
        if (!Commands.Contains(request.Command))
        {
            throw LspErrorCodes.Error(LspErrorCodes.InvalidParams,
                $"Unknown command '{request.Command}': this server runs {string.Join(", ", Commands)}.");
        }
        if (request.Command is EditorCommands.Reach or EditorCommands.ExplainReachability)
        {
            return Task.FromResult(Reachability(request));
        }
        var argument = request.Arguments is [{ ValueKind: JsonValueKind.Object } first, ..]
            ? first.Deserialize(LspJsonContext.Default.ExpansionParams)
            : null;
        var (analysis, target) = ExpansionRequests.Resolve(state,
            argument ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Command} takes one argument: {{ \"uri\": \"…\", \"target\": optional }}."));
        if (request.Command is EditorCommands.Convert or EditorCommands.ShowConversion)
        {
            return Task.FromResult(Conversion(analysis, request.Command));
        }
        var preview = ExpansionPreview.Create(analysis, target);
        if (request.Command != EditorCommands.ShowPreview)
        {
            if (ExpansionPreview.NotExpandedInEditor(analysis) is { } reason)
            {
                throw LspErrorCodes.Error(LspErrorCodes.RequestFailed, reason.For(state.Locale) + ".");
            }
            if (!analysis.Policies.Any())
            {
                throw LspErrorCodes.Error(LspErrorCodes.RequestFailed, "Nothing expanded: the document has no ASMEgressTrafficPolicy.");
            }
            if (preview.HasErrors)
            {
                var errors = preview.Diagnostics.Count(d => d.Level == Core.Diagnostics.DiagnosticLevel.Error);
                throw LspErrorCodes.Error(LspErrorCodes.RequestFailed,
                    $"Nothing expanded: {(errors == 1 ? "1 error" : $"{errors} errors")} in the document (see its problems).");
            }
        }
        return Task.FromResult(preview.Yaml);
    }

    /// <summary>
    /// <c>egressLsp.reach</c> (<c>{ "uri", "from", "to", "protocol"? }</c>) answers one question; <c>egressLsp.explainReachability</c>
    /// (<c>{ "uri" }, "host:port"</c>, the code lens's arguments) answers it for every source of the workspace. Both over
    /// the open document's snapshot of the workspace, as text hop by hop.
    /// </summary>
    private string Reachability(ExecuteCommandParams request)
    {
        var argument = request.Arguments is [{ ValueKind: JsonValueKind.Object } first, ..] ? first : default;
        string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var uri = Text(argument, "uri") ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Command} takes {{ \"uri\": \"…\" }} first.");
        var analysis = state.Snapshot(uri) ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{uri} is not open: open it in the editor first.");
        var model = EgressReachability.For(analysis.Context.Workspace, analysis.Context.Environment);
        if (request.Command == EditorCommands.ExplainReachability)
        {
            var to = request.Arguments is [_, { ValueKind: JsonValueKind.String } second, ..] ? second.GetString()! : "";
            var destination = ReachDestination.Parse(to, null, out var error)
                ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Command}: the destination {error}");
            var matrix = model.Matrix(destination.Host);
            var column = matrix.Destinations.ToList().FindIndex(d => destination.Port is null || d.Port == destination.Port);
            if (column < 0)
            {
                throw LspErrorCodes.Error(LspErrorCodes.RequestFailed, $"No ServiceEntry or policy of the workspace declares {to}.");
            }
            return string.Join("\n", matrix.Answers.Select(row => ReachText.Of(row[column], state.Locale)));
        }
        var source = ReachSource.Parse(Text(argument, "from") ?? "", out var fromError)
            ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Command}: from {fromError}");
        var question = ReachDestination.Parse(Text(argument, "to") ?? "", ReachDestination.ParseProtocol(Text(argument, "protocol")), out var toError)
            ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Command}: to {toError}");
        return ReachText.Of(model.Answer(source, question), state.Locale);
    }

    /// <summary>
    /// <c>egressLsp.convert</c> gives a policy to apply, so, like <c>egressctl convert</c>, it refuses a document from
    /// which nothing converts; <c>egressLsp.showConversion</c> always answers, with the findings that say why.
    /// </summary>
    private string Conversion(Core.Analysis.DocumentAnalysis analysis, string command)
    {
        if (analysis.Conversion is not { } conversion)
        {
            throw LspErrorCodes.Error(LspErrorCodes.RequestFailed, "Nothing converted: the document holds no Istio resource.");
        }
        if (command == EditorCommands.Convert && conversion.Policies.IsEmpty)
        {
            throw LspErrorCodes.Error(LspErrorCodes.RequestFailed,
                "Nothing converted: no traffic of the document's resources goes through an egress gateway in a way a policy can express (see egressLsp.showConversion for why).");
        }
        return ConversionPreview.Text(conversion, state.Locale);
    }
}

/// <summary>The protocol form of the core's command arguments, which the code action and code lens handlers send.</summary>
internal static class EditorCommandArguments
{
    /// <summary><see cref="EditorCommands.DocumentArgument"/> becomes <c>{ "uri": documentUri }</c>, what <see cref="ExecuteCommandHandler"/> reads.</summary>
    public static JsonNode?[] ToLsp(ImmutableArray<string> arguments, string documentUri) =>
        [.. arguments.Select(argument => argument == EditorCommands.DocumentArgument
            ? new JsonObject { ["uri"] = documentUri }
            : (JsonNode?)JsonValue.Create(argument))];
}
