using System.Text.Json.Nodes;
using EgressLsp.Core.Analysis;
using EgressLsp.Tests.Cli;
using EgressLsp.Tests.Expansion;

namespace EgressLsp.Tests.LanguageServer;

public class PreviewTests
{
    private const string Uri = "file:///egresslsp-tests/policies/policy.yaml";

    private static Task<JsonNode?> PreviewAsync(LspClient client, string uri, string? target = null) =>
        client.RequestAsync("egressLsp/preview", target is null
            ? new JsonObject { ["uri"] = uri }
            : new JsonObject { ["uri"] = uri, ["target"] = target });

    [Fact]
    public async Task The_preview_maps_each_generated_object_to_its_lines_and_to_the_policy_entries_it_came_from()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        var text = File.ReadAllText(GoldenCase.Get("mixed-same-host").InputPath);
        await client.OpenAsync(Uri, text);
        var expected = new DocumentAnalysis("policy.yaml", text, AnalysisContext.Default).Expand().Resources;

        var preview = (await PreviewAsync(client, Uri))!;

        var yaml = preview["yaml"]!.GetValue<string>();
        Assert.Equal(Core.Expansion.ManifestWriter.ToYaml(expected), yaml);
        var yamlLines = yaml.Split('\n');
        var policyLines = text.Split('\n');
        var entries = preview["entries"]!.AsArray();
        Assert.Equal(expected.Select(r => $"{r.Kind} {r.Namespace}/{r.Name}"),
            entries.Select(e => $"{e!["kind"]} {e["namespace"]}/{e["name"]}"));
        foreach (var entry in entries)
        {
            var range = entry!["generatedRange"]!;
            var (first, last) = (range["start"]!["line"]!.GetValue<int>(), range["end"]!["line"]!.GetValue<int>());
            Assert.Equal($"kind: {entry["kind"]}", yamlLines[first + 1]);
            Assert.Contains($"  name: {entry["name"]}", yamlLines[first..(last + 1)]);
            Assert.Equal(yamlLines[last].Length, range["end"]!["character"]!.GetValue<int>());
            // Every source is a `to` entry of the policy: its range starts at the entry's first key, "name: example-…".
            Assert.All(entry["sourceRanges"]!.AsArray(), source =>
            {
                var line = policyLines[source!["start"]!["line"]!.GetValue<int>()];
                Assert.StartsWith("name: example-", line[source["start"]!["character"]!.GetValue<int>()..], StringComparison.Ordinal);
                Assert.Equal("    - ", line[..source["start"]!["character"]!.GetValue<int>()]);
            });
        }
        var origination = entries.Single(e => e!["name"]!.GetValue<string>().EndsWith("-tls", StringComparison.Ordinal))!;
        var upgraded = origination["sourceRanges"]!.AsArray().Single()!;
        Assert.Equal(ActionDocuments.PositionOf(text, "name: example-upgrade").Line, upgraded["start"]!["line"]!.GetValue<int>());
        Assert.Empty(preview["diagnostics"]!.AsArray());
    }

    [Fact]
    public async Task Source_ranges_count_utf16_columns_after_non_ascii_text()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        // A flow-style rule whose `to` entry follows an astral character (two UTF-16 code units) on the same line.
        var text = string.Join('\n', File.ReadAllText(ActionDocuments.Example("http.yaml")).Split('\n').TakeWhile(l => l != "  egressRules:")) +
            "\n  egressRules:\n  - {name: \"出口 😀\", from: [{namespace: mytest}], to: [{name: httpbin-service-http, hosts: [httpbin.org], " +
            "port: {name: http, number: 80, protocol: HTTP}, byEgressGateway: {port: 80}}]}\n";
        await client.OpenAsync(Uri, text);

        var preview = (await PreviewAsync(client, Uri))!;

        var source = preview["entries"]![0]!["sourceRanges"]![0]!["start"]!;
        var line = text.Split('\n')[source["line"]!.GetValue<int>()];
        Assert.Contains("😀", line, StringComparison.Ordinal);
        Assert.Matches("^\\{?name: httpbin-service-http", line[source["character"]!.GetValue<int>()..]);
    }

    [Fact]
    public async Task Another_target_and_a_broken_policy_report_their_diagnostics()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, File.ReadAllText(ActionDocuments.Example("http.yaml")));

        var osm = (await PreviewAsync(client, Uri, "osm-edge"))!;
        Assert.Equal("", osm["yaml"]!.GetValue<string>());
        Assert.Empty(osm["entries"]!.AsArray());
        var egp050 = osm["diagnostics"]!.AsArray().Single()!;
        Assert.Equal("EGP050", egp050["code"]!.GetValue<string>());
        Assert.Equal(1, egp050["severity"]!.GetValue<int>());

        await client.OpenAsync("file:///egresslsp-tests/broken.yaml", ActionDocuments.UnknownSpecField);
        var broken = (await PreviewAsync(client, "file:///egresslsp-tests/broken.yaml"))!;
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "http.yaml").Stdout, broken["yaml"]!.GetValue<string>());
        Assert.NotEmpty(broken["entries"]!.AsArray());
        // A copy of the open policy at another URI: one namespace and name for two policies is EGP044.
        Assert.Equal(["EGP002", "EGP044"], broken["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_preview_follows_the_configured_target_and_refuses_unknown_documents()
    {
        var (client, _) = await LspClient.StartInitializedAsync(initializationOptions: new JsonObject { ["target"] = "osm-edge" }, pullConfiguration: false);
        await using var _client = client;
        await client.OpenAsync(Uri, File.ReadAllText(ActionDocuments.Example("http.yaml")));

        Assert.Equal("EGP050", (await PreviewAsync(client, Uri))!["diagnostics"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "http.yaml").Stdout,
            (await PreviewAsync(client, Uri, "istio-sidecar"))!["yaml"]!.GetValue<string>());
        Assert.Equal(-32602, (await Assert.ThrowsAsync<LspErrorException>(() => PreviewAsync(client, "file:///egresslsp-tests/closed.yaml"))).Code);
        Assert.Equal(-32602, (await Assert.ThrowsAsync<LspErrorException>(() => PreviewAsync(client, Uri, "nope"))).Code);
    }
}
