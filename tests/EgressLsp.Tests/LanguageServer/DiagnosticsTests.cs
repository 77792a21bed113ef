using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

public class DiagnosticsTests
{
    private static readonly string Policy = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-upgrade.yaml"))
        .Replace("namespace: istio-egress", "namespace: egress");

    private static string[] Codes(JsonArray diagnostics) => [.. diagnostics.Select(d => d!["code"]!.GetValue<string>())];

    [Fact]
    public async Task Opening_a_policy_publishes_its_diagnostics_with_code_link_source_and_tight_range()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync("file:///work/policy.yaml", Policy);
        var diagnostics = await client.WaitForDiagnosticsAsync("file:///work/policy.yaml", 1);
        var egp010 = diagnostics.Single(d => d!["code"]!.GetValue<string>() == "EGP010")!;
        Assert.Equal(2, egp010["severity"]!.GetValue<int>());
        Assert.Equal("egress-lsp", egp010["source"]!.GetValue<string>());
        Assert.EndsWith("#egp010", egp010["codeDescription"]!["href"]!.GetValue<string>());
        Assert.Equal(5, egp010["range"]!["start"]!["line"]!.GetValue<int>());
        Assert.Equal(13, egp010["range"]!["start"]!["character"]!.GetValue<int>());
        Assert.Equal(19, egp010["range"]!["end"]!["character"]!.GetValue<int>());
        Assert.Contains("istio-egress", egp010["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_osm_edge_file_gets_its_diagnostics_and_hover_from_the_real_server()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var uri = "file:///work/osm/egress.yaml";
        var text = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "osm-egress.yaml")).Replace("protocol: http", "protocol: grpc", StringComparison.Ordinal);
        await client.OpenAsync(uri, text);
        var finding = Assert.Single(await client.WaitForDiagnosticsAsync(uri, 1))!;
        Assert.Equal("OSM001", finding["code"]!.GetValue<string>());
        Assert.Contains("grpc", finding["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var hostsLine = text.Split('\n').ToList().FindIndex(line => line.StartsWith("  hosts:", StringComparison.Ordinal));
        var hover = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = hostsLine, ["character"] = 4 },
        });
        Assert.Contains("host", hover!["contents"]!["value"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Incremental_and_full_changes_update_the_diagnostics_and_close_clears_them()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var uri = "file:///work/policy.yaml";
        await client.OpenAsync(uri, Policy);
        Assert.Contains("EGP010", Codes(await client.WaitForDiagnosticsAsync(uri, 1)));

        // Incremental: replace "egress" (line 5, characters 13-19) with "istio-egress", and break the port.
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(
                new JsonObject { ["range"] = Range(5, 13, 5, 19), ["text"] = "istio-egress" },
                new JsonObject { ["range"] = Range(21, 16, 21, 18), ["text"] = "99999" }),
        });
        var afterEdit = await client.WaitForDiagnosticsAsync(uri, 2);
        Assert.DoesNotContain("EGP010", Codes(afterEdit));
        var range = afterEdit.Single(d => d!["code"]!.GetValue<string>() == "EGP003")!["range"]!;
        Assert.Equal((21, 16, 21), (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()));

        // Full text replaces everything.
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 3 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = Policy }),
        });
        Assert.Contains("EGP010", Codes(await client.WaitForDiagnosticsAsync(uri, 3)));

        await client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
        Assert.Empty(await client.WaitForDiagnosticsAsync(uri));
    }

    [Fact]
    public async Task Messages_follow_the_client_locale()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "zh-cn");
        await using var _client = client;
        await client.OpenAsync("file:///work/policy.yaml", Policy);
        var diagnostics = await client.WaitForDiagnosticsAsync("file:///work/policy.yaml", 1);
        Assert.Contains("按照约定", diagnostics.Single(d => d!["code"]!.GetValue<string>() == "EGP010")!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Settings_from_initialization_options_and_workspace_configuration_choose_the_target()
    {
        var options = new JsonObject { ["target"] = "osm-edge" };
        var (client, _) = await LspClient.StartInitializedAsync(initializationOptions: options, pullConfiguration: false);
        await using var _client = client;
        await client.OpenAsync("file:///work/policy.yaml", Policy);
        Assert.Contains("EGP050", Codes(await client.WaitForDiagnosticsAsync("file:///work/policy.yaml", 1)));

        var (pulling, _) = await LspClient.StartInitializedAsync();
        await using var _pulling = pulling;
        pulling.Settings = new JsonObject { ["target"] = "istio-ambient", ["locale"] = "zh" };
        await pulling.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = null });
        await pulling.OpenAsync("file:///work/policy.yaml", Policy);
        // The ambient target's own finding, in Chinese: the waypoint admits the whole namespace the selector narrows.
        var ambient = await pulling.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p["diagnostics"]!.AsArray().Any(d => d!["code"]!.GetValue<string>() == "EGP042"));
        Assert.Contains("waypoint 将放行", ambient.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task The_workspace_index_and_the_project_config_feed_the_diagnostics()
    {
        var folder = Directory.CreateTempSubdirectory("egresslsp-ws-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "gateway.yaml"),
                "apiVersion: istio.alibabacloud.com/v1beta1\nkind: IstioGateway\nmetadata:\n  name: egressgateway-a\n  namespace: istio-system\nspec:\n  gatewayType: egress\n  ports:\n  - name: http\n    port: 80\n    protocol: HTTP\n");
            File.WriteAllText(Path.Combine(folder, "egresslsp.yaml"), "rules:\n  EGP010: error\n");
            var policyPath = Path.Combine(folder, "policy.yaml");
            var uri = new Uri(policyPath).AbsoluteUri;
            var (client, _) = await LspClient.StartInitializedAsync(rootFolder: folder);
            await using var _client = client;
            await client.OpenAsync(uri, Policy);
            // The gateway manifest is indexed in the background: EGP012 (no gateway 'egressgateway') appears once it is.
            var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
                p => p["uri"]!.GetValue<string>() == uri && p["diagnostics"]!.AsArray().Any(d => d!["code"]!.GetValue<string>() == "EGP012"));
            var egp010 = published["diagnostics"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "EGP010")!;
            Assert.Equal(1, egp010["severity"]!.GetValue<int>());

            // The gateway is renamed on disk: the watcher event updates the index and the warning goes away.
            File.WriteAllText(Path.Combine(folder, "gateway.yaml"), File.ReadAllText(Path.Combine(folder, "gateway.yaml")).Replace("egressgateway-a", "egressgateway"));
            await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject { ["uri"] = new Uri(Path.Combine(folder, "gateway.yaml")).AbsoluteUri, ["type"] = 2 }),
            });
            await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
                p => p["uri"]!.GetValue<string>() == uri && p["diagnostics"]!.AsArray().All(d => d!["code"]!.GetValue<string>() != "EGP012"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Hostile_documents_do_not_stop_the_server_from_serving_others()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var bomb = "kind: ASMEgressTrafficPolicy\na: &a [x,x,x,x,x,x,x,x,x]\n" +
            string.Join("", Enumerable.Range(0, 9).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n"));
        await client.OpenAsync("file:///work/bomb.yaml", bomb);
        await client.OpenAsync("file:///work/junk.yaml", "kind: ASMEgressTrafficPolicy\n\0\u0001\uFFFD{{[[\t:\n" + new string('[', 20_000));
        await client.OpenAsync("file:///work/huge.yaml", "kind: ASMEgressTrafficPolicy\nspec:\n" + string.Concat(Enumerable.Repeat("  # padding comment line of a very large file\n", 200_000)));
        await client.OpenAsync("file:///work/policy.yaml", Policy);
        Assert.Contains("EGP010", Codes(await client.WaitForDiagnosticsAsync("file:///work/policy.yaml", 1)));
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    private static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = startLine, ["character"] = startCharacter },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };
}
