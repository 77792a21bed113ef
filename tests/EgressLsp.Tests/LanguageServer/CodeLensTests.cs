using System.Text.Json.Nodes;
using EgressLsp.Core.Analysis;

namespace EgressLsp.Tests.LanguageServer;

public class CodeLensTests
{
    private const string Uri = "file:///egresslsp-tests/policies/policy.yaml";

    private static async Task<JsonArray> LensesAsync(LspClient client, string uri) =>
        (await client.RequestAsync("textDocument/codeLens", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }))!.AsArray();

    [Fact]
    public async Task A_policy_gets_its_resource_count_with_preview_and_copy_on_its_kind_line()
    {
        var (client, capabilities) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        Assert.False(capabilities["codeLensProvider"]!["resolveProvider"]!.GetValue<bool>());
        // The targets a preview can ask for, so the client keeps no list of its own.
        var targets = capabilities["experimental"]!["egressLsp"]!["targets"]!.AsArray();
        Assert.Equal(["istio-sidecar", "istio-ambient", "osm-edge"], targets.Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(["istio", "istio-ambient", "osm-edge"], targets.Select(t => t!["fileSuffix"]!.GetValue<string>()));
        Assert.Equal("istio-sidecar", targets.Single(t => t!["default"]!.GetValue<bool>())!["id"]!.GetValue<string>());
        var text = File.ReadAllText(ActionDocuments.Example("https-upgrade.yaml"));
        await client.OpenAsync(Uri, text);
        var count = new DocumentAnalysis("policy.yaml", text, AnalysisContext.Default).Expand().Resources.Length;

        var lenses = await LensesAsync(client, Uri);

        Assert.Equal(2, lenses.Count);
        var kindLine = ActionDocuments.PositionOf(text, "kind: ASMEgressTrafficPolicy");
        Assert.All(lenses, lens =>
        {
            Assert.Equal(kindLine.Line, lens!["range"]!["start"]!["line"]!.GetValue<int>());
            Assert.Equal(0, lens["range"]!["start"]!["character"]!.GetValue<int>());
            Assert.Equal("kind: ASMEgressTrafficPolicy".Length, lens["range"]!["end"]!["character"]!.GetValue<int>());
            Assert.Equal(Uri, lens["command"]!["arguments"]![0]!["uri"]!.GetValue<string>());
        });
        Assert.Equal($"{count} resources (istio-sidecar) · Preview", lenses[0]!["command"]!["title"]!.GetValue<string>());
        Assert.Equal("egressLsp.showPreview", lenses[0]!["command"]!["command"]!.GetValue<string>());
        Assert.Equal("Copy as YAML", lenses[1]!["command"]!["title"]!.GetValue<string>());
        Assert.Equal("egressLsp.copyExpansion", lenses[1]!["command"]!["command"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_policy_with_errors_gets_an_informative_lens_without_a_command()
    {
        var (client, _) = await LspClient.StartInitializedAsync(locale: "zh-CN");
        await using var _client = client;
        await client.OpenAsync(Uri, ActionDocuments.MisspeltProtocol);

        var lens = Assert.Single(await LensesAsync(client, Uri))!;

        Assert.Equal("1 个错误 · 无法展开", lens["command"]!["title"]!.GetValue<string>());
        Assert.Equal("", lens["command"]!["command"]!.GetValue<string>());
        Assert.Null(lens["command"]!["arguments"]);
    }

    [Fact]
    public async Task Documents_without_policies_and_closed_documents_get_none()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync("file:///egresslsp-tests/ambient.yaml", File.ReadAllText(ActionDocuments.Example("ambient-httpbin.yaml")));
        Assert.Empty(await LensesAsync(client, "file:///egresslsp-tests/ambient.yaml"));
        Assert.Empty(await LensesAsync(client, "file:///egresslsp-tests/closed.yaml"));
    }
}
