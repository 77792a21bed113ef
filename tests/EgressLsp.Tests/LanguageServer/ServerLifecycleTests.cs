using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

public class ServerLifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_incremental_sync_and_the_server_name()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _ = client;
        Assert.Equal(2, capabilities["textDocumentSync"]!["change"]!.GetValue<int>());
        Assert.True(capabilities["textDocumentSync"]!["openClose"]!.GetValue<bool>());
        Assert.Equal("utf-16", capabilities["positionEncoding"]!.GetValue<string>());
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.NotifyAsync("exit", null);
        await client.Process.WaitForExitAsync().WaitAsync(LspClient.Timeout);
        Assert.Equal(1, client.Process.ExitCode);
    }

    [Fact]
    public async Task Unknown_requests_get_method_not_found_and_the_server_keeps_serving()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var error = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/somethingNew", new JsonObject()));
        Assert.Equal(-32601, error.Code);
        await client.NotifyAsync("$/somethingOptional", new JsonObject());
        await client.NotifyAsync("$/setTrace", new JsonObject { ["value"] = "verbose" });
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_and_the_connection_survives()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var (id, response) = await client.StartRequestAsync("shutdown", null);
        await client.NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id });
        var answer = await response.WaitAsync(LspClient.Timeout);
        Assert.True(answer["result"] is null || answer["error"]!["code"]!.GetValue<int>() == -32800);
    }
}
