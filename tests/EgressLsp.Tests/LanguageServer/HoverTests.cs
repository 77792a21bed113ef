using System.Text.Json.Nodes;
using EgressLsp.Core.Text;

namespace EgressLsp.Tests.LanguageServer;

public class HoverTests
{
    private const string Uri = "file:///work/policy.yaml";

    private static readonly string Policy = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-upgrade.yaml"));

    /// <summary>The <c>textDocument/hover</c> params for the position <paramref name="delta"/> characters into <paramref name="anchor"/>.</summary>
    internal static JsonObject At(string uri, string text, string anchor, int delta)
    {
        var offset = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{anchor}' is not in the text");
        var position = SourceText.From(text).GetPosition(offset + delta);
        return new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = position.Line, ["character"] = position.Character },
        };
    }

    private static async Task<JsonNode?> HoverAsync(LspClient client, string anchor, int delta) =>
        await client.RequestAsync("textDocument/hover", At(Uri, Policy, anchor, delta));

    [Fact]
    public async Task A_field_hover_is_markdown_in_English_covering_the_token()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync(locale: "en-US");
        await using var _client = client;
        Assert.True(capabilities["hoverProvider"]!.GetValue<bool>());
        await client.OpenAsync(Uri, Policy);

        var hover = (await HoverAsync(client, "protocol: HTTP", "protocol: ".Length + 1))!;
        Assert.Equal("markdown", hover["contents"]!["kind"]!.GetValue<string>());
        var markdown = hover["contents"]!["value"]!.GetValue<string>();
        Assert.StartsWith("**Protocol** · `string`", markdown);
        Assert.Contains("- **`HTTP`** — **Plain HTTP from the application;", markdown);
        var range = hover["range"]!;
        var line = SourceText.From(Policy).GetPosition(Policy.IndexOf("protocol: HTTP", StringComparison.Ordinal)).Line;
        Assert.Equal((line, 18, line, 22), (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(),
            range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_client_locale_chooses_Chinese()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "zh-cn");
        await using var _client = client;
        await client.OpenAsync(Uri, Policy);
        var markdown = (await HoverAsync(client, "protocol: HTTP", 2))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("允许的取值(不区分大小写):", markdown);
        Assert.Contains("取Istio的协议名之一", markdown);
    }

    [Fact]
    public async Task A_to_entry_shows_its_traffic_path_and_blank_space_shows_nothing()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, Policy);
        var markdown = (await HoverAsync(client, "- name: httpbin-service-http", 0))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("- sidecar :80 → mTLS → egressgateway :80 → httpbin.org :443 (TLS originated)", markdown);
        Assert.Contains("- sidecar :80 → mTLS → egressgateway :80 → www.httpbin.org :443 (TLS originated)", markdown);

        Assert.Null(await HoverAsync(client, "  egressRules:", 0));
        Assert.Null(await client.RequestAsync("textDocument/hover", At("file:///work/not-open.yaml", Policy, "protocol", 1)));
    }
}
