using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

public class NavigationTests
{
    private static readonly string Policy = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "https-upgrade.yaml"));

    private const string Gateway = """
        apiVersion: istio.alibabacloud.com/v1beta1
        kind: IstioGateway
        metadata:
          name: egressgateway
          namespace: istio-system
        spec:
          gatewayType: egress
          ports:
          - name: http
            port: 80
            protocol: HTTP

        """;

    private const string Namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytest\n";

    [Fact]
    public async Task Go_to_definition_leads_from_the_policy_into_workspace_manifests()
    {
        var folder = Directory.CreateTempSubdirectory("egresslsp-nav-").FullName;
        try
        {
            var gatewayPath = Path.Combine(folder, "k8s", "gateway.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(gatewayPath)!);
            File.WriteAllText(gatewayPath, Gateway);
            File.WriteAllText(Path.Combine(folder, "k8s", "namespaces.yaml"), Namespace);
            var uri = new Uri(Path.Combine(folder, "policy.yaml")).AbsoluteUri;
            var (client, capabilities) = await LspClient.StartInitializedAsync(rootFolder: folder);
            await using var _client = client;
            Assert.True(capabilities["definitionProvider"]!.GetValue<bool>());
            await client.OpenAsync(uri, Policy);

            // The workspace is indexed in the background: ask until the gateway is known.
            var gateway = await DefinitionAsync(client, uri, "name: egressgateway", "name: ".Length + 2);
            var location = Assert.Single(gateway)!;
            Assert.Equal(new Uri(gatewayPath).AbsoluteUri, location["uri"]!.GetValue<string>());
            Assert.Equal((3, 8, 21), (location["range"]!["start"]!["line"]!.GetValue<int>(),
                location["range"]!["start"]!["character"]!.GetValue<int>(), location["range"]!["end"]!["character"]!.GetValue<int>()));

            var ns = Assert.Single(await DefinitionAsync(client, uri, "namespace: mytest", "namespace: ".Length + 1))!;
            Assert.EndsWith("/k8s/namespaces.yaml", ns["uri"]!.GetValue<string>());
            Assert.Equal(3, ns["range"]!["start"]!["line"]!.GetValue<int>());

            Assert.Empty((await client.RequestAsync("textDocument/definition", HoverTests.At(uri, Policy, "protocol: HTTP", 1)))!.AsArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<JsonArray> DefinitionAsync(LspClient client, string uri, string anchor, int delta)
    {
        var deadline = DateTime.UtcNow + LspClient.Timeout;
        while (true)
        {
            var locations = (await client.RequestAsync("textDocument/definition", HoverTests.At(uri, Policy, anchor, delta)))!.AsArray();
            if (locations.Count > 0 || DateTime.UtcNow > deadline)
            {
                return locations;
            }
            await Task.Delay(50);
        }
    }
}
