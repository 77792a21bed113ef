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

        var all = await LensesAsync(client, Uri);

        // The expansion's lenses on the kind line, then who can reach each `to` entry (ReachabilityLensTests).
        var lenses = all.Where(l => l!["command"]!["command"]!.GetValue<string>() != "egressLsp.explainReachability").ToArray();
        Assert.Equal(2, lenses.Length);
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
    public async Task Documents_without_policies_get_reachability_lenses_only_and_closed_documents_none()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync("file:///egresslsp-tests/ambient.yaml", File.ReadAllText(ActionDocuments.Example("ambient-httpbin.yaml")));
        Assert.All(await LensesAsync(client, "file:///egresslsp-tests/ambient.yaml"),
            lens => Assert.Equal("egressLsp.explainReachability", lens!["command"]!["command"]!.GetValue<string>()));
        await client.OpenAsync("file:///egresslsp-tests/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sleep\n");
        Assert.Empty(await LensesAsync(client, "file:///egresslsp-tests/deployment.yaml"));
        Assert.Empty(await LensesAsync(client, "file:///egresslsp-tests/closed.yaml"));
    }

    [Fact]
    public async Task Each_to_entry_says_how_many_namespaces_reach_it_and_explains_every_source()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var text = File.ReadAllText(ActionDocuments.Example("https-upgrade.yaml"));
        await client.OpenAsync(Uri, text);

        var lens = (await LensesAsync(client, Uri)).Single(l => l!["command"]!["command"]!.GetValue<string>() == "egressLsp.explainReachability")!;

        Assert.Equal(ActionDocuments.PositionOf(text, "- name: httpbin").Line, lens["range"]!["start"]!["line"]!.GetValue<int>());
        // Only the labelled workloads of mytest go through; the rest of mytest gets a 403 (still one namespace reaching it).
        Assert.Equal("reachable from 1 namespace · Explain", lens["command"]!["title"]!.GetValue<string>());
        var arguments = lens["command"]!["arguments"]!.AsArray();
        Assert.Equal(Uri, arguments[0]!["uri"]!.GetValue<string>());
        var explained = (await client.RequestAsync("workspace/executeCommand", new JsonObject
        {
            ["command"] = "egressLsp.explainReachability",
            ["arguments"] = new JsonArray(new JsonObject { ["uri"] = Uri }, arguments[1]!.GetValue<string>()),
        }))!.GetValue<string>();
        Assert.Contains("mytest/app=sleep-a → www.httpbin.org:80 (HTTP): allowed, through the egress gateway", explained, StringComparison.Ordinal);
        Assert.Contains("mytest → www.httpbin.org:80 (HTTP): refused: HTTP 403 (direct response)", explained, StringComparison.Ordinal);

        var answer = (await client.RequestAsync("workspace/executeCommand", new JsonObject
        {
            ["command"] = "egressLsp.reach",
            ["arguments"] = new JsonArray(new JsonObject { ["uri"] = Uri, ["from"] = "elsewhere", ["to"] = "www.httpbin.org:80" }),
        }))!.GetValue<string>();
        Assert.StartsWith("elsewhere → www.httpbin.org:80 (HTTP): refused: HTTP 502 (BlackHoleCluster: REGISTRY_ONLY)", answer, StringComparison.Ordinal);

        // Hovering the host says the same, in short.
        var hostAt = ActionDocuments.PositionOf(text, "- www.httpbin.org", 3);
        var hover = (await client.RequestAsync("textDocument/hover", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["position"] = ActionDocuments.Position(hostAt),
        }))!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("**Who can reach www.httpbin.org** (assuming outboundTrafficPolicy REGISTRY_ONLY)", hover, StringComparison.Ordinal);
        Assert.Contains("- through the egress gateway: `mytest/app=sleep-a`", hover, StringComparison.Ordinal);
        Assert.Contains("`mytest (403)`", hover[hover.IndexOf("- refused:", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
