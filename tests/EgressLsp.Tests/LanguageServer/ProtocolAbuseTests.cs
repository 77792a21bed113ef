using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

/// <summary>
/// Each abuse of issue #7 sent to the real server process, as raw bytes: the server answers what JSON-RPC and LSP say it
/// must (or nothing, where there is no id to answer), and afterwards still answers a hover correctly.
/// </summary>
public class ProtocolAbuseTests
{
    private const string Uri = "file:///abuse/policy.yaml";

    private static readonly string Policy = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-upgrade.yaml"));

    private static byte[] Frame(string body) => LspClient.Frame(Encoding.UTF8.GetBytes(body));

    private static async Task<LspClient> StartWithPolicyAsync()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "en-US");
        await client.OpenAsync(Uri, Policy);
        return client;
    }

    /// <summary>The server is alive and serving: a hover on a field still documents it.</summary>
    private static async Task AssertStillServesAsync(LspClient client)
    {
        var hover = await client.RequestAsync("textDocument/hover", HoverTests.At(Uri, Policy, "protocol: HTTP", "protocol: ".Length + 1));
        Assert.StartsWith("**Protocol**", hover!["contents"]!["value"]!.GetValue<string>());
        Assert.False(client.Process.HasExited);
    }

    private static Task<JsonNode> ErrorAnswerAsync(LspClient client, JsonNode? id) =>
        client.WaitForMessageAsync(m => m["error"] is not null && JsonNode.DeepEquals(m["id"], id), $"error answer to id {id?.ToJsonString() ?? "null"}");

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "truncated JSON", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hov" },
        { "not JSON", "hello, server" },
        { "10,000-deep params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Text_that_is_not_JSON_gets_a_parse_error(string what, string body)
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(Frame(body));
        var answer = await ErrorAnswerAsync(client, null);
        Assert.Equal(-32700, answer["error"]!["code"]!.GetValue<int>());
        await AssertStillServesAsync(client);
        Assert.NotNull(what);
    }

    [Fact]
    public async Task Invalid_UTF8_gets_a_parse_error()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(LspClient.Frame([.. "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\",\"params\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]));
        var answer = await ErrorAnswerAsync(client, null);
        Assert.Equal(-32700, answer["error"]!["code"]!.GetValue<int>());
        Assert.Contains("UTF-8", answer["error"]!["message"]!.GetValue<string>());
        await AssertStillServesAsync(client);
    }

    public static TheoryData<string, string?> InvalidRequests => new()
    {
        { "[]", null },
        { "{}", null },
        { "42", null },
        { "\"text\"", null },
        { "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"textDocument/hover\"}", null },
        { "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"textDocument/hover\"}", null },
        { "{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":42}", "31" },
        { "{\"jsonrpc\":\"1.0\",\"id\":32,\"method\":\"textDocument/hover\"}", "32" },
        { "{\"jsonrpc\":\"2.0\",\"id\":\"s-33\",\"method\":\"textDocument/hover\",\"params\":\"text\"}", "\"s-33\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task JSON_that_is_not_a_request_gets_invalid_request(string body, string? id)
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(Frame(body));
        var answer = await ErrorAnswerAsync(client, id is null ? null : JsonNode.Parse(id));
        Assert.Contains(answer["error"]!["code"]!.GetValue<int>(), new[] { -32600, -32602 });
        await AssertStillServesAsync(client);
    }

    public static TheoryData<string> BrokenFrames => new()
    {
        "Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
        "Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
        "Content-Length: -5\r\n\r\n",
        "Content-Length: 99999999999\r\n\r\n",
        "garbage line without a colon\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(BrokenFrames))]
    public async Task A_frame_that_cannot_be_read_gets_a_parse_error_and_the_next_frame_is_read(string bytes)
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(Encoding.ASCII.GetBytes(bytes));
        var answer = await ErrorAnswerAsync(client, null);
        Assert.Equal(-32700, answer["error"]!["code"]!.GetValue<int>());
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_response_nobody_asked_for_is_ignored()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":{\"x\":1}}"));
        await client.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"id\":\"nobody\",\"error\":{\"code\":1,\"message\":\"m\"}}"));
        await AssertStillServesAsync(client);
        Assert.Contains("never asked", client.Stderr);
    }

    public static TheoryData<string> BadHoverParams => new()
    {
        "{\"textDocument\":null,\"position\":{\"line\":0,\"character\":0}}",
        "{\"textDocument\":{\"uri\":\"file:///abuse/policy.yaml\"}}",
        "{\"textDocument\":{\"uri\":\"file:///abuse/policy.yaml\"},\"position\":null}",
        "{\"textDocument\":{\"uri\":\"file:///abuse/policy.yaml\"},\"position\":{\"line\":\"0\",\"character\":0}}",
        "{\"textDocument\":{\"uri\":\"file:///abuse/policy.yaml\"},\"position\":{\"line\":1.5,\"character\":0}}",
        "{\"textDocument\":{\"uri\":\"file:///abuse/policy.yaml\"},\"position\":{\"line\":9007199254740992,\"character\":0}}",
        "{\"textDocument\":{\"uri\":42},\"position\":{\"line\":0,\"character\":0}}",
        "[1, 2]",
    };

    [Theory]
    [MemberData(nameof(BadHoverParams))]
    public async Task Hover_with_parameters_of_the_wrong_shape_gets_invalid_params(string parameters)
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.WriteRawAsync(Frame($"{{\"jsonrpc\":\"2.0\",\"id\":\"bad\",\"method\":\"textDocument/hover\",\"params\":{parameters}}}"));
        var answer = await ErrorAnswerAsync(client, "bad");
        Assert.Equal(-32602, answer["error"]!["code"]!.GetValue<int>());
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Positions_outside_the_document_are_clamped_not_fatal()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        foreach (var (line, character) in new[] { (-1, 0), (0, -5), (int.MaxValue, int.MaxValue), (3, int.MaxValue) })
        {
            await client.RequestAsync("textDocument/hover", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = Uri },
                ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
            });
        }
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Requests_before_initialize_get_server_not_initialized_and_notifications_are_ignored()
    {
        var client = LspClient.Start();
        await using var _ = client;
        await client.OpenAsync(Uri, Policy);
        var error = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/hover", HoverTests.At(Uri, Policy, "protocol: HTTP", 1)));
        Assert.Equal(-32002, error.Code);
        await client.RequestAsync("initialize", new JsonObject { ["capabilities"] = new JsonObject(), ["locale"] = "en-US" });
        await client.NotifyAsync("initialized", new JsonObject());
        // The didOpen before initialize was dropped: the document is unknown until opened again.
        Assert.Null(await client.RequestAsync("textDocument/hover", HoverTests.At(Uri, Policy, "protocol: HTTP", "protocol: ".Length + 1)));
        await client.OpenAsync(Uri, Policy);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_second_initialize_and_requests_after_shutdown_get_invalid_request()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        var second = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("initialize", new JsonObject { ["capabilities"] = new JsonObject() }));
        Assert.Equal(-32600, second.Code);
        await AssertStillServesAsync(client);

        await client.RequestAsync("shutdown", null);
        var after = await Assert.ThrowsAsync<LspErrorException>(() => client.RequestAsync("textDocument/hover", HoverTests.At(Uri, Policy, "protocol: HTTP", 1)));
        Assert.Equal(-32600, after.Code);
        await client.NotifyAsync("exit", null);
        await client.Process.WaitForExitAsync().WaitAsync(LspClient.Timeout);
        Assert.Equal(0, client.Process.ExitCode);
    }

    [Fact]
    public async Task Control_characters_from_the_client_are_escaped_in_the_log()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        await client.NotifyAsync("textDocument/didOpen", new JsonObject { ["textDocument"] = null });
        await client.WriteRawAsync(Frame("{\"jsonrpc\":\"2.0\",\"method\":\"evil\\u001b[31m\\u202e\",\"params\":{}}"));
        await client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = "\u001b]0;title\u0007" });
        await AssertStillServesAsync(client);
        Assert.DoesNotContain('\u001b', client.Stderr);
        Assert.DoesNotContain('\u202e', client.Stderr);
    }

    [Fact]
    public async Task Everything_at_once_on_one_connection_leaves_it_serving()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        var abuse = new List<byte>();
        foreach (var row in (IEnumerable<object[]>)MalformedBodies) abuse.AddRange(Frame((string)row[1]));
        foreach (var row in (IEnumerable<object[]>)InvalidRequests) abuse.AddRange(Frame((string)row[0]));
        foreach (var row in (IEnumerable<object[]>)BadHoverParams) abuse.AddRange(Frame($"{{\"jsonrpc\":\"2.0\",\"id\":\"bad\",\"method\":\"textDocument/hover\",\"params\":{row[0]}}}"));
        foreach (var row in (IEnumerable<object[]>)BrokenFrames) abuse.AddRange(Encoding.ASCII.GetBytes((string)row[0]));
        await client.WriteRawAsync([.. abuse]);
        await AssertStillServesAsync(client);
        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task A_document_over_the_size_limit_is_kept_but_not_analysed_and_says_so()
    {
        var client = await StartWithPolicyAsync();
        await using var _ = client;
        const string huge = "file:///abuse/huge.yaml";
        var text = "kind: ASMEgressTrafficPolicy\n# " + new string('x', 17 * 1024 * 1024) + "\n";
        await client.OpenAsync(huge, text);
        var diagnostic = Assert.Single(await client.WaitForDiagnosticsAsync(huge));
        Assert.Equal("EGP060", diagnostic!["code"]!.GetValue<string>());
        Assert.StartsWith("This document is larger than 16 MiB", diagnostic["message"]!.GetValue<string>());
        Assert.Empty((await client.RequestAsync("textDocument/documentSymbol", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = huge } }))!.AsArray());
        await AssertStillServesAsync(client);
    }
}
