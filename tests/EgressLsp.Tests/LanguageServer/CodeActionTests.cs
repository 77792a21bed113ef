using System.Text.Json.Nodes;
using EgressLsp.Core.Text;
using EgressLsp.Tests.Cli;

namespace EgressLsp.Tests.LanguageServer;

public class CodeActionTests
{
    private const string Uri = "file:///egresslsp-tests/policies/http.yaml";

    [Fact]
    public async Task A_quick_fix_repairs_the_error_under_the_cursor()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.Equal(["quickfix", "refactor", "source"], capabilities["codeActionProvider"]!["codeActionKinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        var text = ActionDocuments.MisspeltProtocol;
        await client.OpenAsync(Uri, text);
        var published = await client.WaitForDiagnosticsAsync(Uri, 1);

        var actions = await ActionDocuments.CodeActionsAsync(client, Uri, ActionDocuments.PositionOf(text, "HTTPP", 3));

        var fix = actions.Single(a => a["kind"]!.GetValue<string>() == "quickfix");
        Assert.Equal("Change to 'HTTP'", fix["title"]!.GetValue<string>());
        Assert.True(fix["isPreferred"]!.GetValue<bool>());
        Assert.Equal("EGP005", fix["diagnostics"]!.AsArray().Single()!["code"]!.GetValue<string>());
        Assert.Equal(published.Single(d => d!["code"]!.GetValue<string>() == "EGP005")!["range"]!.ToJsonString(), fix["diagnostics"]![0]!["range"]!.ToJsonString());
        // This client takes no documentChanges: the edit comes as a plain map.
        var edits = fix["edit"]!["changes"]![Uri]!.AsArray();

        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray([.. edits.Select(e => (JsonNode?)new JsonObject { ["range"] = e!["range"]!.DeepClone(), ["text"] = e["newText"]!.DeepClone() })]),
        });
        var repaired = await client.WaitForDiagnosticsAsync(Uri, 2);
        Assert.DoesNotContain(repaired, d => d!["code"]!.GetValue<string>() == "EGP005");
        Assert.DoesNotContain(repaired, d => d!["severity"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task On_a_policy_expanding_and_writing_to_a_file_are_offered_and_the_server_writes_nothing()
    {
        var client = await ActionDocuments.StartWithWorkspaceEditsAsync();
        await using var _client = client;
        var text = File.ReadAllText(ActionDocuments.Example("http.yaml"));
        await client.OpenAsync(Uri, text);

        var actions = await ActionDocuments.CodeActionsAsync(client, Uri, ActionDocuments.PositionOf(text, "egressRules"));

        Assert.Equal(["refactor", "source"], actions.Select(a => a["kind"]!.GetValue<string>()));
        var expand = actions[0];
        Assert.Equal("Expand to Istio resources", expand["title"]!.GetValue<string>());
        Assert.Null(expand["edit"]);
        Assert.Equal("egressLsp.showPreview", expand["command"]!["command"]!.GetValue<string>());
        Assert.Equal(Uri, expand["command"]!["arguments"]![0]!["uri"]!.GetValue<string>());

        var write = actions[1];
        Assert.Equal("Write expansion to http.istio.yaml", write["title"]!.GetValue<string>());
        Assert.Null(write["command"]);
        var changes = write["edit"]!["documentChanges"]!.AsArray();
        var fileUri = "file:///egresslsp-tests/policies/http.istio.yaml";
        Assert.Equal("create", changes[0]!["kind"]!.GetValue<string>());
        Assert.Equal(fileUri, changes[0]!["uri"]!.GetValue<string>());
        Assert.True(changes[0]!["options"]!["overwrite"]!.GetValue<bool>());
        Assert.Equal(fileUri, changes[1]!["textDocument"]!["uri"]!.GetValue<string>());
        Assert.True(changes[1]!["textDocument"]!.AsObject().ContainsKey("version"));
        Assert.Null(changes[1]!["textDocument"]!["version"]);
        var insert = changes[1]!["edits"]!.AsArray().Single()!;
        Assert.Equal("""{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}""", insert["range"]!.ToJsonString());
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "http.yaml").Stdout, insert["newText"]!.GetValue<string>());
        Assert.False(Directory.Exists("/egresslsp-tests"));
    }

    [Fact]
    public async Task Quick_fixes_are_versioned_document_changes_when_the_client_takes_them()
    {
        var client = await ActionDocuments.StartWithWorkspaceEditsAsync();
        await using var _client = client;
        var text = ActionDocuments.MisspeltProtocol;
        await client.OpenAsync(Uri, text, version: 7);

        var actions = await ActionDocuments.CodeActionsAsync(client, Uri, ActionDocuments.PositionOf(text, "HTTPP"));

        // With an error the expansion is previewable but not written.
        Assert.Equal(["quickfix", "refactor"], actions.Select(a => a["kind"]!.GetValue<string>()));
        var change = actions[0]["edit"]!["documentChanges"]!.AsArray().Single()!;
        Assert.Equal(Uri, change["textDocument"]!["uri"]!.GetValue<string>());
        Assert.Equal(7, change["textDocument"]!["version"]!.GetValue<int>());
        Assert.Equal("HTTP", change["edits"]![0]!["newText"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_only_filter_and_the_client_locale_are_honoured()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "zh-CN");
        await using var _client = client;
        var text = ActionDocuments.MisspeltProtocol;
        await client.OpenAsync(Uri, text);
        var position = ActionDocuments.PositionOf(text, "HTTPP");

        var quickFixes = await ActionDocuments.CodeActionsAsync(client, Uri, position, only: ["quickfix"]);
        Assert.Equal("改为“HTTP”", quickFixes.Single()["title"]!.GetValue<string>());

        var refactorings = await ActionDocuments.CodeActionsAsync(client, Uri, position, only: ["refactor"]);
        Assert.Equal("展开为 Istio 资源", refactorings.Single()["title"]!.GetValue<string>());

        // A narrower kind than ours matches nothing; no client support for creating files means no write action.
        Assert.Empty(await ActionDocuments.CodeActionsAsync(client, Uri, position, only: ["source.organizeImports"]));
        Assert.Empty(await ActionDocuments.CodeActionsAsync(client, Uri, position, only: ["source"]));
    }

    [Fact]
    public async Task Documents_that_are_not_open_or_hold_no_policy_get_no_actions()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.Empty(await ActionDocuments.CodeActionsAsync(client, "file:///egresslsp-tests/closed.yaml", new LinePosition(0, 0)));

        var deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sleep\n";
        await client.OpenAsync("file:///egresslsp-tests/deployment.yaml", deployment);
        Assert.Empty(await ActionDocuments.CodeActionsAsync(client, "file:///egresslsp-tests/deployment.yaml", new LinePosition(1, 3)));
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }
}

/// <summary>Documents and requests shared by the code action, code lens, command and preview tests.</summary>
internal static class ActionDocuments
{
    public static string Example(string fileName) => Path.Combine(CliRunner.Examples, fileName);

    /// <summary>The http example with a misspelt protocol: one error, with the quick fix "Change to 'HTTP'".</summary>
    public static string MisspeltProtocol => File.ReadAllText(Example("http.yaml")).Replace("protocol: HTTP\n", "protocol: HTTPP\n", StringComparison.Ordinal);

    /// <summary>The http example with an unknown field in its spec: one error, yet the expansion is complete.</summary>
    public static string UnknownSpecField => File.ReadAllText(Example("http.yaml")).Replace("spec:\n", "spec:\n  replicas: 2\n", StringComparison.Ordinal);

    public static LinePosition PositionOf(string text, string marker, int offsetInMarker = 0)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' is not in the text");
        return SourceText.From(text).GetPosition(index + offsetInMarker);
    }

    public static JsonObject Position(LinePosition position) => new() { ["line"] = position.Line, ["character"] = position.Character };

    public static async Task<JsonNode[]> CodeActionsAsync(LspClient client, string uri, LinePosition position, string[]? only = null)
    {
        var context = new JsonObject { ["diagnostics"] = new JsonArray() };
        if (only is not null)
        {
            context["only"] = new JsonArray([.. only.Select(o => (JsonNode?)o)]);
        }
        var result = await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = new JsonObject { ["start"] = Position(position), ["end"] = Position(position) },
            ["context"] = context,
        });
        return [.. result!.AsArray().Select(a => a!)];
    }

    /// <summary>A client like VS Code's: workspace edits with document changes and file creation.</summary>
    public static async Task<LspClient> StartWithWorkspaceEditsAsync()
    {
        var client = LspClient.Start();
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject
                {
                    ["workspaceEdit"] = new JsonObject
                    {
                        ["documentChanges"] = true,
                        ["resourceOperations"] = new JsonArray("create", "rename", "delete"),
                    },
                },
            },
        });
        await client.NotifyAsync("initialized", new JsonObject());
        return client;
    }
}
