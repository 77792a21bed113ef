using System.Text.Json.Nodes;
using EgressLsp.Tests.Cli;

namespace EgressLsp.Tests.LanguageServer;

public class ExecuteCommandTests
{
    private const string Uri = "file:///egresslsp-tests/policies/policy.yaml";

    private static Task<JsonNode?> ExecuteAsync(LspClient client, string command, params JsonNode?[] arguments) =>
        client.RequestAsync("workspace/executeCommand", new JsonObject { ["command"] = command, ["arguments"] = new JsonArray(arguments) });

    private static JsonObject Document(string uri = Uri, string? target = null) => target is null
        ? new JsonObject { ["uri"] = uri }
        : new JsonObject { ["uri"] = uri, ["target"] = target };

    [Fact]
    public async Task Expand_returns_what_egressctl_expand_writes()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.Equal(["egressLsp.expand", "egressLsp.showPreview", "egressLsp.copyExpansion", "egressLsp.convert", "egressLsp.showConversion", "egressLsp.reach", "egressLsp.explainReachability"],
            capabilities["executeCommandProvider"]!["commands"]!.AsArray().Select(c => c!.GetValue<string>()));
        await client.OpenAsync(Uri, File.ReadAllText(ActionDocuments.Example("https-upgrade.yaml")));
        var expected = CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout;

        Assert.Equal(expected, (await ExecuteAsync(client, "egressLsp.expand", Document()))!.GetValue<string>());
        Assert.Equal(expected, (await ExecuteAsync(client, "egressLsp.copyExpansion", Document()))!.GetValue<string>());
        Assert.Equal(expected, (await ExecuteAsync(client, "egressLsp.showPreview", Document(target: "istio-sidecar")))!.GetValue<string>());
    }

    [Fact]
    public async Task Expand_refuses_a_document_with_errors_but_the_preview_still_shows_it()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, ActionDocuments.UnknownSpecField);

        var refused = await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, "egressLsp.expand", Document()));
        Assert.Equal(-32803, refused.Code);
        Assert.Contains("1 error", refused.Message, StringComparison.Ordinal);
        Assert.Equal(-32803, (await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, "egressLsp.copyExpansion", Document()))).Code);

        var preview = (await ExecuteAsync(client, "egressLsp.showPreview", Document()))!.GetValue<string>();
        Assert.StartsWith("apiVersion: networking.istio.io/v1\nkind: ServiceEntry\n", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_without_an_implementation_is_refused_with_its_reason()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, File.ReadAllText(ActionDocuments.Example("http.yaml")));

        var refused = await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, "egressLsp.expand", Document(target: "osm-edge")));
        Assert.Equal(-32803, refused.Code);
        Assert.Equal("", (await ExecuteAsync(client, "egressLsp.showPreview", Document(target: "osm-edge")))!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_commands_and_arguments_are_invalid_params_and_the_server_keeps_serving()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, File.ReadAllText(ActionDocuments.Example("http.yaml")));
        await client.OpenAsync("file:///egresslsp-tests/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sleep\n");

        async Task<LspErrorException> Fails(string command, params JsonNode?[] arguments) =>
            await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, command, arguments));

        Assert.Contains("egressLsp.expand", (await Fails("egressLsp.unknown", Document())).Message, StringComparison.Ordinal);
        Assert.Equal(-32602, (await Fails("egressLsp.expand")).Code);
        Assert.Equal(-32602, (await Fails("egressLsp.expand", "not an object")).Code);
        Assert.Equal(-32602, (await Fails("egressLsp.expand", new JsonObject { ["target"] = "osm-edge" })).Code);
        Assert.Contains("not open", (await Fails("egressLsp.expand", Document("file:///egresslsp-tests/closed.yaml"))).Message, StringComparison.Ordinal);
        Assert.Contains("istio-sidecar, istio-ambient, osm-edge", (await Fails("egressLsp.expand", Document(target: "linkerd"))).Message, StringComparison.Ordinal);
        var noPolicy = await Fails("egressLsp.expand", Document("file:///egresslsp-tests/deployment.yaml"));
        Assert.Equal(-32803, noPolicy.Code);
        Assert.Contains("no ASMEgressTrafficPolicy", noPolicy.Message, StringComparison.Ordinal);

        Assert.NotEmpty((await ExecuteAsync(client, "egressLsp.expand", Document()))!.GetValue<string>());
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }
}
