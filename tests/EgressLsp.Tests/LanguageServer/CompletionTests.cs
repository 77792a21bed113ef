using System.Text.Json.Nodes;
using EgressLsp.Core.Text;

namespace EgressLsp.Tests.LanguageServer;

public class CompletionTests
{
    private const string Uri = "file:///work/policy.yaml";

    private const string Policy = """
        apiVersion: istio.alibabacloud.com/v1
        kind: ASMEgressTrafficPolicy
        metadata:
          name: egress-by-egressgateway
          namespace: istio-egress
        spec:
          byEgressGateway:
            name: egressgateway
          egressRules:
          - from:
            - namespace: mytest
              workloadSelector:
                |
            to:
            - name: httpbin
              |

        """;

    /// <summary>Opens <paramref name="marked"/> and asks for completion at its <paramref name="occurrence"/>-th cursor marker.</summary>
    private static async Task<JsonArray> CompleteAsync(LspClient client, string uri, string marked, int occurrence = 0)
    {
        var position = await OpenAsync(client, uri, marked, occurrence);
        return await RequestAsync(client, uri, position);
    }

    /// <summary>Opens the text without its cursor markers; returns the position of the chosen one.</summary>
    private static async Task<LinePosition> OpenAsync(LspClient client, string uri, string marked, int occurrence)
    {
        var parts = marked.Split('|');
        var text = string.Concat(parts);
        await client.OpenAsync(uri, text);
        return SourceText.From(text).GetPosition(parts.Take(occurrence + 1).Sum(part => part.Length));
    }

    private static async Task<JsonArray> RequestAsync(LspClient client, string uri, LinePosition position)
    {
        var result = await client.RequestAsync("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["position"] = new JsonObject { ["line"] = position.Line, ["character"] = position.Character },
            ["context"] = new JsonObject { ["triggerKind"] = 1 },
        });
        return result!["items"]!.AsArray();
    }

    private static JsonNode Item(JsonArray items, string label) => Assert.Single(items, item => item!["label"]!.GetValue<string>() == label)!;

    private static IEnumerable<string> Labels(JsonArray items) => items.Select(item => item!["label"]!.GetValue<string>());

    [Fact]
    public async Task Keys_of_a_to_entry_come_with_English_docs_and_an_edit_replacing_the_word()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync(locale: "en-US");
        await using var _client = client;
        var provider = capabilities["completionProvider"]!;
        Assert.Equal([":", " ", "-"], provider["triggerCharacters"]!.AsArray().Select(c => c!.GetValue<string>()));

        var items = await CompleteAsync(client, Uri, Policy, occurrence: 1);
        Assert.DoesNotContain("name", Labels(items));
        var hosts = Item(items, "hosts");
        Assert.Equal(10, hosts["kind"]!.GetValue<int>());
        Assert.Equal("markdown", hosts["documentation"]!["kind"]!.GetValue<string>());
        Assert.Contains("External host names", hosts["documentation"]!["value"]!.GetValue<string>());
        Assert.Equal("hosts:\n      - ", hosts["textEdit"]!["newText"]!.GetValue<string>());
        var line = Policy.Split('\n').Select((text, index) => (text, index)).Where(l => l.text.Contains('|')).ElementAt(1).index;
        var range = hosts["textEdit"]!["range"]!;
        Assert.Equal((line, 6, line, 6), (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(),
            range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()));
        Assert.Equal(1, hosts["insertTextMode"]!.GetValue<int>());
        Assert.Equal(1, hosts["insertTextFormat"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_client_locale_chooses_Chinese_docs()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "zh-cn");
        await using var _client = client;
        var items = await CompleteAsync(client, Uri, Policy, occurrence: 1);
        Assert.Contains("主机名", Item(items, "hosts")["documentation"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Snippets_reach_a_client_without_snippet_support_as_plain_text()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var items = await CompleteAsync(client, Uri, "apiVersion: istio.alibabacloud.com/v1\n|");
        var policy = Item(items, "egress policy");
        Assert.Equal(15, policy["kind"]!.GetValue<int>());
        Assert.Equal(1, policy["insertTextFormat"]!.GetValue<int>());
        var text = policy["textEdit"]!["newText"]!.GetValue<string>();
        Assert.StartsWith("kind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress-by-egressgateway\n", text);
        Assert.DoesNotContain("$", text);
    }

    [Fact]
    public async Task The_labels_of_a_Deployment_in_the_workspace_are_offered_for_its_namespace()
    {
        var folder = Directory.CreateTempSubdirectory("egresslsp-completion-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "sleep.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sleep-a\n  namespace: mytest\nspec:\n  template:\n    metadata:\n      labels:\n        app: sleep-a\n");
            var uri = new Uri(Path.Combine(folder, "policy.yaml")).AbsoluteUri;
            var (client, _) = await LspClient.StartInitializedAsync(rootFolder: folder);
            await using var _client = client;
            var position = await OpenAsync(client, uri, Policy, occurrence: 0);
            // The workspace is indexed in the background: ask until its labels are known.
            var deadline = DateTime.UtcNow + LspClient.Timeout;
            var items = await RequestAsync(client, uri, position);
            while (items.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                items = await RequestAsync(client, uri, position);
            }
            var label = Item(items, "app: sleep-a");
            Assert.Equal("app: sleep-a", label["textEdit"]!["newText"]!.GetValue<string>());
            Assert.Equal("Deployment sleep-a", label["detail"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_Deployment_gets_no_completion_and_an_unopened_document_an_empty_list()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.Empty(await CompleteAsync(client, "file:///work/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  |\n"));
        var result = await client.RequestAsync("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = "file:///work/closed.yaml" },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 },
        });
        Assert.Empty(result!["items"]!.AsArray());
    }
}
