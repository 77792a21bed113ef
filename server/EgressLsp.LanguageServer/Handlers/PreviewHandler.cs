using System.Text.Json.Nodes;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Features.Actions;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;
using EgressLsp.LanguageServer.Server.Rpc;
using PreviewEntry = EgressLsp.LanguageServer.Protocol.PreviewEntry;
using PreviewResult = EgressLsp.LanguageServer.Protocol.PreviewResult;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>
/// <c>egressLsp/preview</c>: the expansion of an open document for the client's preview — the YAML, where each
/// object is in it and which <c>to</c> entries it came from, and what makes it incomplete. It advertises the targets
/// a preview can ask for (<c>capabilities.experimental.egressLsp.targets</c>), so the client keeps no list of its own.
/// </summary>
internal sealed class PreviewHandler(ServerState state) : IRequestHandler<ExpansionParams, PreviewResult>, ICapabilityProvider
{
    public const string MethodName = "egressLsp/preview";

    public string Method => MethodName;

    public void AddCapabilities(JsonObject capabilities)
    {
        var targets = TargetRegistry.All.Select(target => (JsonNode?)new JsonObject
        {
            ["id"] = target.Id,
            ["family"] = target.Family,
            ["fileSuffix"] = target.FileSuffix,
            ["description"] = target.Description.For(state.Locale),
            ["default"] = target == TargetRegistry.Default,
        });
        capabilities["experimental"] = new JsonObject { ["egressLsp"] = new JsonObject { ["targets"] = new JsonArray([.. targets]) } };
    }

    public Task<PreviewResult> HandleAsync(ExpansionParams request, CancellationToken cancellationToken)
    {
        var (analysis, target) = ExpansionRequests.Resolve(state, request);
        var preview = ExpansionPreview.Create(analysis, target);
        var entries = preview.Map.Select(entry => new PreviewEntry(entry.Kind, entry.Namespace, entry.Name,
            LspConvert.ToRange(entry.GeneratedRange),
            [.. entry.SourceSpans.Select(span => LspConvert.ToRange(analysis.Text, span))]));
        return Task.FromResult(new PreviewResult(preview.Yaml, [.. entries],
            LspConvert.ToDiagnostics(analysis.Text, request.Uri, preview.Diagnostics, state.Locale)));
    }
}

/// <summary>Reads an <see cref="ExpansionParams"/> (the preview's params, the commands' argument) into a snapshot and target.</summary>
internal static class ExpansionRequests
{
    /// <summary>The snapshot of the open document and the chosen target (null: the configured one).</summary>
    public static (DocumentAnalysis Analysis, ExpansionTarget? Target) Resolve(ServerState state, ExpansionParams request)
    {
        if (string.IsNullOrEmpty(request.Uri))
        {
            throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, "Expected { \"uri\": \"…\", \"target\": optional }: the uri is missing.");
        }
        // The editor's buffer is the truth, so only open documents are expanded (a file on disk may be stale).
        var analysis = state.Snapshot(request.Uri)
            ?? throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"{request.Uri} is not open: open it in the editor first.");
        if (request.Target is null)
        {
            return (analysis, null);
        }
        return TargetRegistry.Find(request.Target) is { } target
            ? (analysis, target)
            : throw LspErrorCodes.Error(LspErrorCodes.InvalidParams, $"Unknown target '{request.Target}': expected one of {string.Join(", ", TargetRegistry.Ids)}.");
    }
}
