using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

/// <summary>An egress test through the real server: a failing expectation is marked with its path, and re-checked when a file it depends on changes.</summary>
public class EgressTestTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "egress-test");

    private const string TestsUri = "file:///work/egress/egress-tests.yaml";
    private const string ResourcesUri = "file:///work/egress/stripe.yaml";

    private static Task<JsonNode> EgressTestDiagnosticsAsync(LspClient client, Func<JsonArray, bool> match) =>
        client.WaitForNotificationAsync("textDocument/publishDiagnostics", p => p["uri"]!.GetValue<string>() == TestsUri && match(p["diagnostics"]!.AsArray()));

    [Fact]
    public async Task A_failing_expectation_is_marked_with_its_path_and_rechecked_when_the_resources_change()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var resources = File.ReadAllText(Path.Combine(Folder, "stripe.yaml"));
        await client.OpenAsync("file:///work/egress/workloads.yaml", File.ReadAllText(Path.Combine(Folder, "workloads.yaml")));
        await client.OpenAsync(ResourcesUri, resources);
        var tests = File.ReadAllText(Path.Combine(Folder, "egress-tests.yaml"));
        await client.OpenAsync(TestsUri, tests);

        // The documents are indexed as they are analysed: the test settles on the answer once all three are in.
        var published = await EgressTestDiagnosticsAsync(client, d => d.Where(x => x!["code"]!.GetValue<string>() == "EGT001")
            .Select(x => x!["message"]!.GetValue<string>()).ToArray() is [var only] && only.StartsWith("Expected team-b → api.stripe.com:443", StringComparison.Ordinal));
        var failures = published["diagnostics"]!.AsArray().Where(d => d!["code"]!.GetValue<string>() == "EGT001").ToArray();
        Assert.True(failures.Length == 1, published["diagnostics"]!.ToJsonString());
        var failure = failures[0]!;
        Assert.Equal(tests[..tests.LastIndexOf("expect: refused", StringComparison.Ordinal)].Count(c => c == '\n'), failure["range"]!["start"]!["line"]!.GetValue<int>());
        Assert.StartsWith("Expected team-b → api.stripe.com:443 to be refused, but it is allowed directly", failure["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var related = failure["relatedInformation"]!.AsArray();
        Assert.Contains(related, r => r!["location"]!["uri"]!.GetValue<string>() == ResourcesUri && r["message"]!.GetValue<string>().StartsWith("registry: ServiceEntry istio-egress/stripe", StringComparison.Ordinal));

        // The resources stop declaring port 443 to the sources: the expectation now holds, and the test is checked again.
        var withoutPort443 = resources.Replace("  - number: 443\n    name: https-443\n    protocol: HTTPS\n", "", StringComparison.Ordinal);
        Assert.NotEqual(resources, withoutPort443);
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = ResourcesUri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = withoutPort443 }),
        });
        await EgressTestDiagnosticsAsync(client, d => !d.Any(x => x!["code"]!.GetValue<string>() == "EGT001"));
    }

    [Fact]
    public async Task The_egress_map_of_the_workspace_comes_as_svg()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(ResourcesUri, File.ReadAllText(Path.Combine(Folder, "stripe.yaml")));

        var map = (await client.RequestAsync("egressLsp/egressMap", new JsonObject { ["uri"] = ResourcesUri }))!["svg"]!.GetValue<string>();

        Assert.StartsWith("<svg", map, StringComparison.Ordinal);
        Assert.Contains(">api.stripe.com:80<", map, StringComparison.Ordinal);
        Assert.Contains("data-file=\"/work/egress/stripe.yaml\"", map, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_and_hover_come_from_the_egress_test_schema()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var text = "apiVersion: egresslsp.io/v1alpha1\nkind: EgressTest\nmetadata:\n  name: t\nspec:\n  expectations:\n  - from: web\n    to: example.com\n    expect: \n";
        await client.OpenAsync(TestsUri, text);

        var completion = await client.RequestAsync("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = TestsUri },
            ["position"] = new JsonObject { ["line"] = 8, ["character"] = 12 },
        });
        var labels = (completion is JsonArray array ? array : completion!["items"]!.AsArray()).Select(i => i!["label"]!.GetValue<string>()).ToArray();
        Assert.Contains("allowed", labels);
        Assert.Contains("refused", labels);

        var hover = await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = TestsUri },
            ["position"] = new JsonObject { ["line"] = 6, ["character"] = 5 },
        });
        Assert.Contains("NAMESPACE/label=value", hover!["contents"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
