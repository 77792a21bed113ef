using System.Text.Json.Nodes;
using EgressLsp.Tests.Cli;

namespace EgressLsp.Tests.LanguageServer;

/// <summary>"Convert to egress policy" through the real server: the code actions on hand-written Istio, and the commands.</summary>
public class ConversionTests
{
    private const string Uri = "file:///egresslsp-tests/istio/cnn.yaml";

    private static string CnnText => File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "istio-sidecar-tls-origination-cnn.yaml"));

    private static Task<JsonNode?> ExecuteAsync(LspClient client, string command, string uri) =>
        client.RequestAsync("workspace/executeCommand", new JsonObject { ["command"] = command, ["arguments"] = new JsonArray(new JsonObject { ["uri"] = uri }) });

    [Fact]
    public async Task On_hand_written_Istio_converting_and_writing_the_policy_beside_it_are_offered()
    {
        var client = await ActionDocuments.StartWithWorkspaceEditsAsync();
        await using var _client = client;
        var text = CnnText;
        await client.OpenAsync(Uri, text);

        var actions = await ActionDocuments.CodeActionsAsync(client, Uri, ActionDocuments.PositionOf(text, "kind: VirtualService"));

        var convert = actions.Single(a => a["title"]!.GetValue<string>() == "Convert to egress policy");
        Assert.Equal("refactor", convert["kind"]!.GetValue<string>());
        Assert.Equal("egressLsp.showConversion", convert["command"]!["command"]!.GetValue<string>());
        Assert.Equal(Uri, convert["command"]!["arguments"]![0]!["uri"]!.GetValue<string>());

        var write = actions.Single(a => a["kind"]!.GetValue<string>() == "source");
        Assert.Equal("Write egress policy to cnn.egress-policy.yaml", write["title"]!.GetValue<string>());
        var changes = write["edit"]!["documentChanges"]!.AsArray();
        Assert.Equal("file:///egresslsp-tests/istio/cnn.egress-policy.yaml", changes[0]!["uri"]!.GetValue<string>());
        var written = changes[1]!["edits"]!.AsArray().Single()!["newText"]!.GetValue<string>();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "cnn.yaml"), text);
        Assert.Equal(CliRunner.Run(folder.Path, "convert", "cnn.yaml").Stdout, written);
        Assert.False(Directory.Exists("/egresslsp-tests"));
    }

    [Fact]
    public async Task The_commands_give_the_proposal_with_its_findings_and_convert_refuses_what_does_not_convert()
    {
        var (client, _) = await LspClient.StartInitializedAsync();
        await using var _client = client;
        await client.OpenAsync(Uri, CnnText);
        var direct = "file:///egresslsp-tests/istio/direct.yaml";
        await client.OpenAsync(direct, File.ReadAllText(Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze", "clean", "wildcard-direct.yaml")));

        var proposal = (await ExecuteAsync(client, "egressLsp.convert", Uri))!.GetValue<string>();
        Assert.Contains("kind: ASMEgressTrafficPolicy\n", proposal, StringComparison.Ordinal);
        Assert.Contains("# /egresslsp-tests/istio/cnn.yaml:98:7: EGC006 DestinationRule default/originate-tls-for-edition-cnn-com originates TLS", proposal, StringComparison.Ordinal);
        Assert.Equal(proposal, (await ExecuteAsync(client, "egressLsp.showConversion", Uri))!.GetValue<string>());

        var refused = await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, "egressLsp.convert", direct));
        Assert.Equal(-32803, refused.Code);
        var why = (await ExecuteAsync(client, "egressLsp.showConversion", direct))!.GetValue<string>();
        Assert.StartsWith("# Nothing converted", why, StringComparison.Ordinal);
        Assert.Contains("EGC002 *.wikipedia.org:443 is not converted", why, StringComparison.Ordinal);

        // A policy file has nothing to convert and no conversion action.
        var policy = "file:///egresslsp-tests/policies/http.yaml";
        var policyText = File.ReadAllText(ActionDocuments.Example("http.yaml"));
        await client.OpenAsync(policy, policyText);
        Assert.Equal(-32803, (await Assert.ThrowsAsync<LspErrorException>(() => ExecuteAsync(client, "egressLsp.convert", policy))).Code);
        var actions = await ActionDocuments.CodeActionsAsync(client, policy, ActionDocuments.PositionOf(policyText, "egressRules"));
        Assert.DoesNotContain(actions, a => a["title"]!.GetValue<string>() == "Convert to egress policy");
    }
}
