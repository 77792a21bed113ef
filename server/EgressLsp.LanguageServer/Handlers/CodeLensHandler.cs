using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Actions;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary><c>textDocument/codeLens</c>: "N resources · Preview" and "Copy as YAML" over each policy, resolved at once.</summary>
internal sealed class CodeLensHandler(ServerState state) : IRequestHandler<CodeLensParams, CodeLens[]>, ICapabilityProvider
{
    public string Method => "textDocument/codeLens";

    public void AddCapabilities(JsonObject capabilities) =>
        capabilities["codeLensProvider"] = new JsonObject { ["resolveProvider"] = false };

    public Task<CodeLens[]> HandleAsync(CodeLensParams request, CancellationToken cancellationToken)
    {
        var uri = request.TextDocument.Uri;
        if (state.Snapshot(uri) is not { } analysis)
        {
            return Task.FromResult<CodeLens[]>([]);
        }
        var lenses = CodeLensService.GetLenses(analysis).Select(lens => new CodeLens(
            LspConvert.ToRange(analysis.Text, lens.Span),
            // A lens that only informs still needs a command to be shown; an empty one is displayed as plain text.
            new Command(lens.Title.For(state.Locale), lens.Command ?? "",
                lens.Command is null ? null : EditorCommandArguments.ToLsp(lens.CommandArguments, uri))));
        return Task.FromResult<CodeLens[]>([.. lenses]);
    }
}
