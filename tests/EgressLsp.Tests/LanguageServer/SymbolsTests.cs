using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

public class SymbolsTests
{
    private const string Uri = "file:///work/mixed.yaml";

    private const string Deployment = """
        # The client of the policy below.
        # It runs in mytest.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep-a
          namespace: mytest
        spec:
          template:
            metadata:
              labels:
                app: sleep-a
        ---

        """;

    private static readonly string Text = Deployment + File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-upgrade.yaml"));

    private static JsonObject Document() => new() { ["textDocument"] = new JsonObject { ["uri"] = Uri } };

    [Fact]
    public async Task The_outline_nests_rules_and_destinations_under_the_policy_beside_other_objects()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.True(capabilities["documentSymbolProvider"]!.GetValue<bool>());
        await client.OpenAsync(Uri, Text);

        var symbols = (await client.RequestAsync("textDocument/documentSymbol", Document()))!.AsArray();
        Assert.Equal(2, symbols.Count);
        Assert.Equal(("Deployment sleep-a", "mytest", 19), (symbols[0]!["name"]!.GetValue<string>(), symbols[0]!["detail"]!.GetValue<string>(), symbols[0]!["kind"]!.GetValue<int>()));
        Assert.Null(symbols[0]!["children"]);

        var policy = symbols[1]!;
        Assert.Equal(("egress-by-egressgateway", "ASMEgressTrafficPolicy · gateway egressgateway", 5),
            (policy["name"]!.GetValue<string>(), policy["detail"]!.GetValue<string>(), policy["kind"]!.GetValue<int>()));
        var rule = policy["children"]!.AsArray().Single()!;
        Assert.Equal(("rule 1", "from mytest"), (rule["name"]!.GetValue<string>(), rule["detail"]!.GetValue<string>()));
        var destination = rule["children"]!.AsArray().Single()!;
        Assert.Equal(("httpbin-service-http", "www.httpbin.org, httpbin.org · 80/HTTP → gateway 80 → 443 TLS"),
            (destination["name"]!.GetValue<string>(), destination["detail"]!.GetValue<string>()));
        // The selection (the name) lies inside the range (the whole entry).
        Assert.Equal(destination["range"]!["start"]!["line"]!.GetValue<int>(), destination["selectionRange"]!["start"]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Folding_covers_documents_blocks_and_comment_runs()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.True(capabilities["foldingRangeProvider"]!.GetValue<bool>());
        await client.OpenAsync(Uri, Text);

        var ranges = (await client.RequestAsync("textDocument/foldingRange", Document()))!.AsArray()
            .Select(r => (r!["startLine"]!.GetValue<int>(), r["endLine"]!.GetValue<int>(), r["kind"]?.GetValue<string>())).ToArray();
        Assert.Contains((0, 1, "comment"), ranges);
        Assert.Contains((2, 11, null), ranges);   // the Deployment
        Assert.Contains((4, 6, null), ranges);    // its metadata
        // The policy's spec, from its key to the file's last line.
        var lines = Text.TrimEnd('\n').Split('\n');
        Assert.Contains((Array.LastIndexOf(lines, "spec:"), lines.Length - 1, null), ranges);
    }
}
