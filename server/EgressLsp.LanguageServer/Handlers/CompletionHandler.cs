using System.Text.Json.Nodes;
using EgressLsp.Core.Features.Completion;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;
using CoreCompletionList = EgressLsp.Core.Features.Completion.CompletionList;
using CompletionList = EgressLsp.LanguageServer.Protocol.CompletionList;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>
/// <c>textDocument/completion</c>: keys, values, workspace references and snippets from the core, documented in the
/// client's language. Snippets are sent as plain text (placeholders at their defaults) to clients without snippet support.
/// </summary>
internal sealed class CompletionHandler(ServerState state) : IRequestHandler<CompletionParams, CompletionList>, ICapabilityProvider
{
    public string Method => "textDocument/completion";

    public void AddCapabilities(JsonObject capabilities) =>
        capabilities["completionProvider"] = new JsonObject
        {
            // After "key:" a value, after "- " an item, and on a new indented line (spaces) a key.
            ["triggerCharacters"] = new JsonArray(":", " ", "-"),
            ["resolveProvider"] = false,
        };

    public Task<CompletionList> HandleAsync(CompletionParams request, CancellationToken cancellationToken)
    {
        if (state.Snapshot(request.TextDocument.Uri) is not { } analysis)
        {
            return Task.FromResult(new CompletionList(false, []));
        }
        var result = CompletionService.GetCompletions(analysis, LspConvert.ToOffset(analysis.Text, request.Position));
        var snippets = state.ClientSupports("textDocument", "completion", "completionItem", "snippetSupport");
        return Task.FromResult(ToLsp(result, analysis.Text, snippets, state.Locale));
    }

    private static CompletionList ToLsp(CoreCompletionList result, Core.Text.SourceText text, bool snippets, string? locale) =>
        new(result.IsIncomplete, [.. result.Items.Select(item => new CompletionItem(
            item.Label,
            item.Kind switch
            {
                CompletionEntryKind.Property => CompletionItemKind.Property,
                CompletionEntryKind.Snippet => CompletionItemKind.Snippet,
                CompletionEntryKind.Reference => CompletionItemKind.Reference,
                _ => CompletionItemKind.Value,
            },
            item.Detail,
            item.Documentation is { } documentation ? MarkupContent.Markdown(documentation.For(locale)) : null,
            new TextEdit(LspConvert.ToRange(text, item.ReplaceSpan), item.IsSnippet && !snippets ? SnippetText.ToPlainText(item.InsertText) : item.InsertText),
            item.IsSnippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            InsertTextMode.AsIs,
            item.SortText,
            item.FilterText))]);
}
