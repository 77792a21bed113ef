using System.Text.Json.Nodes;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Tests.Expansion;
using EgressLsp.Tests.LanguageServer;

namespace EgressLsp.Tests.Istio;

/// <summary>Hand-written Istio resources: checked against the CRD schemas (IST0106), completed and documented from them.</summary>
public class IstioDocumentTests
{
    private const string ServiceEntry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: httpbin
        spec:
          hosts:
          - httpbin.org
          ports:
          - number: 80
            name: http
            protocol: HTTP
          resolution: DNS
          location: MESH_EXTERNAL

        """;

    private static DocumentAnalysis Analyse(string text, string path = "/work/istio.yaml") => new(path, text, AnalysisContext.Default);

    public static TheoryData<string> CleanTaskFiles => [.. Directory.GetFiles(Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze", "clean"), "*.yaml").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(CleanTaskFiles))]
    public void The_istio_io_egress_tasks_are_schema_valid(string file)
    {
        var analysis = Analyse(File.ReadAllText(Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze", "clean", file)));
        Assert.Contains(analysis.Documents, d => d.Kind.SchemaFor(d.Document) is not null);
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_expansion_analyses_clean_under_our_own_Istio_analysis(string name)
    {
        var run = GoldenCase.Get(name).Run();
        var analysis = new DocumentAnalysis("/work/expanded.yaml", run.Yaml,
            new AnalysisContext(Core.Configuration.ProjectConfig.Default.WithEnvironment(run.Environment), run.Workspace));
        // Schema, references, conflicts and the egress path: no error and no warning. Except IST0128/IST0129: TLS
        // origination without caCertificates, which istioctl still warns about though Istio 1.20+ verifies the server
        // against the proxy's system CAs when none is given (VERIFY_CERTIFICATE_AT_CLIENT); the peer suite's .allow
        // files accept it on the istio.io tasks too.
        Assert.Empty(analysis.Diagnostics
            .Where(d => d.Level is DiagnosticLevel.Error or DiagnosticLevel.Warning && d.Code is not ("IST0128" or "IST0129"))
            .Select(d => $"{d.Code} {d.Message.En}"));
    }

    [Fact]
    public void Schema_findings_are_IST0106_on_the_tight_range_with_the_did_you_mean_fix()
    {
        var text = ServiceEntry.Replace("    protocol: HTTP", "    protocl: HTTP").Replace("resolution: DNS", "resolution: DNSX");
        var diagnostics = Analyse(text).Diagnostics;
        Assert.All(diagnostics, d => Assert.Equal(("IST0106", DiagnosticLevel.Error), (d.Code, d.Level)));
        var unknown = Assert.Single(diagnostics, d => d.Message.En.StartsWith("Unknown field 'protocl'"));
        Assert.Equal("protocl", text.Substring(unknown.Span.Start, unknown.Span.Length));
        Assert.Equal("protocol", Assert.Single(unknown.Fixes).Edits.Single().NewText);
        Assert.Single(diagnostics, d => d.Message.En.StartsWith("'DNSX' is not an allowed value for 'resolution'"));
        Assert.Empty(Analyse(ServiceEntry).Diagnostics);
    }

    [Fact]
    public void Two_fields_of_one_protobuf_oneof_are_reported_on_the_second()
    {
        const string text = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: httpbin
            spec:
              hosts:
              - httpbin.org
              http:
              - match:
                - uri:
                    exact: /status
                    prefix: /status
                route:
                - destination:
                    host: httpbin.org

            """;
        var diagnostic = Assert.Single(Analyse(text).Diagnostics);
        Assert.Equal("IST0106", diagnostic.Code);
        Assert.Equal("Only one of 'exact', 'prefix', 'regex' may be set; 'exact' is set already.", diagnostic.Message.En);
        Assert.Equal("prefix", text.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Empty(Analyse(text.Replace("        prefix: /status\n", "")).Diagnostics);
    }

    [Fact]
    public void A_version_without_a_CRD_schema_and_unrelated_groups_are_left_alone()
    {
        Assert.Empty(Analyse(ServiceEntry.Replace("networking.istio.io/v1", "networking.istio.io/v1alpha9").Replace("resolution: DNS", "resolution: DNSX")).Diagnostics);
        Assert.Empty(Analyse(ServiceEntry.Replace("networking.istio.io/v1", "example.com/v1").Replace("resolution: DNS", "resolution: DNSX")).Diagnostics);
    }

    [Fact]
    public void Completion_offers_the_CRD_s_enum_values_and_hover_its_description()
    {
        var text = ServiceEntry.Replace("resolution: DNS", "resolution: ");
        var analysis = Analyse(text);
        var offset = text.IndexOf("resolution: ", StringComparison.Ordinal) + "resolution: ".Length;
        var labels = CompletionService.GetCompletions(analysis, offset).Items.Select(i => i.Label).ToArray();
        Assert.Superset(new HashSet<string> { "NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN", "DYNAMIC_DNS" }, labels.ToHashSet());

        var full = Analyse(ServiceEntry);
        var hover = HoverService.GetHover(full, ServiceEntry.IndexOf("location", StringComparison.Ordinal) + 2, "en");
        Assert.NotNull(hover);
        Assert.Contains("mesh", hover.Markdown, StringComparison.OrdinalIgnoreCase);
    }

    private const string EgressChain = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: istio-egressgateway
          namespace: istio-system
        spec:
          selector:
            istio: egressgateway
          servers:
          - port:
              number: 80
              name: http
              protocol: HTTP
            hosts:
            - httpbin.org
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: egressgateway-for-httpbin
          namespace: istio-system
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets:
          - name: httpbin
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: httpbin-through-egress
        spec:
          hosts:
          - httpbin.org
          gateways:
          - GATEWAY
          http:
          - route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
                subset: SUBSET

        """;

    /// <summary>The file analysed with itself as the workspace, as the language server does with an open file.</summary>
    internal static DocumentAnalysis AnalyseAsWorkspace(string path, string text)
    {
        var yaml = Core.Yaml.YamlFile.Parse(text);
        var workspace = Core.Workspace.WorkspaceIndex.Build([Core.Workspace.WorkspaceFileFacts.Read(path, yaml)]);
        return new DocumentAnalysis(path, yaml, new AnalysisContext(Core.Configuration.ProjectConfig.Default, workspace));
    }

    private static string[] CompletionLabels(string text, string marker)
    {
        var analysis = AnalyseAsWorkspace("/work/istio/egress.yaml", text.Replace(marker, ""));
        return [.. CompletionService.GetCompletions(analysis, text.IndexOf(marker, StringComparison.Ordinal)).Items.Select(i => i.Label)];
    }

    [Fact]
    public void A_VirtualService_completes_gateways_hosts_and_subsets_from_the_workspace()
    {
        var text = EgressChain + ServiceEntry.Insert(0, "---\n");
        Assert.Equal(["mesh", "istio-system/istio-egressgateway"], CompletionLabels(text, "GATEWAY"));
        Assert.Equal(["httpbin"], CompletionLabels(text, "SUBSET"));
        var hosts = CompletionLabels(text.Replace("    host: istio-egressgateway.istio-system.svc.cluster.local\n        subset", "    host: HOST\n        subset"), "HOST");
        Assert.Contains("httpbin.org", hosts);
    }

    [Fact]
    public void Completion_offers_namespaces_for_exportTo_and_the_ports_of_a_destination_and_of_the_gateway_workload()
    {
        var workload = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: istio-egressgateway
              namespace: istio-system
            spec:
              template:
                metadata:
                  labels:
                    istio: egressgateway
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: istio-egressgateway
              namespace: istio-system
            spec:
              selector:
                istio: egressgateway
              ports:
              - name: http2
                port: 80
              - name: https
                port: 443
            ---
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: cnn
            spec:
              hosts:
              - edition.cnn.com
              ports:
              - number: 80
                name: http-port
                protocol: HTTP
              - number: 443
                name: https
                protocol: HTTPS
            ---

            """;
        var exportTo = workload + "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: edition.cnn.com\n  exportTo:\n  - HERE\n";
        Assert.Equal([".", "*", "istio-system", "shop"], CompletionLabels(exportTo, "HERE"));
        var gateway = workload + "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  selector:\n    istio: egressgateway\n  servers:\n  - port:\n      number: HERE\n";
        Assert.Equal(["80", "443"], CompletionLabels(gateway, "HERE"));
        var route = workload + "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  hosts:\n  - edition.cnn.com\n  http:\n  - route:\n    - destination:\n        host: edition.cnn.com\n        port:\n          number: HERE\n";
        Assert.Equal(["80", "443"], CompletionLabels(route, "HERE"));
    }

    [Fact]
    public void Go_to_definition_follows_a_VirtualService_to_its_Gateway_host_and_subset()
    {
        var text = (EgressChain + ServiceEntry.Insert(0, "---\n")).Replace("GATEWAY", "istio-system/istio-egressgateway").Replace("SUBSET", "httpbin");
        var analysis = AnalyseAsWorkspace("/work/istio/egress.yaml", text);
        string Target(int offset)
        {
            var location = Assert.Single(Core.Features.Navigation.DefinitionService.GetDefinition(analysis, offset + 1));
            return $"{text.Substring(location.Span.Start, location.Span.Length)} on line {location.Range.Start.Line + 1}";
        }
        int LineOf(string line) => text.Split('\n').ToList().IndexOf(line) + 1;

        Assert.Equal($"istio-egressgateway on line {LineOf("  name: istio-egressgateway")}", Target(text.IndexOf("istio-system/istio-egressgateway", StringComparison.Ordinal)));
        Assert.Equal($"httpbin on line {LineOf("  - name: httpbin")}", Target(text.IndexOf("subset: httpbin", StringComparison.Ordinal) + "subset: ".Length));
        var virtualServiceHost = text.IndexOf("  - httpbin.org", text.IndexOf("kind: VirtualService", StringComparison.Ordinal), StringComparison.Ordinal) + 4;
        var serviceEntryHost = text.LastIndexOf("  - httpbin.org", StringComparison.Ordinal);
        Assert.Equal($"httpbin.org on line {text[..serviceEntryHost].Count(c => c == '\n') + 1}", Target(virtualServiceHost));
    }

    [Fact]
    public void A_VirtualService_naming_a_Gateway_that_does_not_exist_is_IST0101_as_in_Istio_s_peer_case()
    {
        var path = Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze", "virtualservice_gateways.yaml");
        var text = File.ReadAllText(path);
        var diagnostic = Assert.Single(AnalyseAsWorkspace(path, text).Diagnostics, d => d.Code == "IST0101");
        Assert.Equal("httpbin-gateway-bogus", text.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Equal("Referenced gateway not found: 'httpbin-gateway-bogus' (looked up in namespace 'default').", diagnostic.Message.En);
    }

    [Fact]
    public void Gateway_references_resolve_by_namespace_mesh_and_Gateway_API_and_need_a_workspace_with_gateways()
    {
        var text = (EgressChain + ServiceEntry.Insert(0, "---\n")).Replace("SUBSET", "httpbin");
        Assert.DoesNotContain(AnalyseAsWorkspace("/w/a.yaml", text.Replace("GATEWAY", "istio-system/istio-egressgateway\n  - mesh")).Diagnostics, d => d.Code == "IST0101");
        // A bare name is looked up in the VirtualService's namespace (default), not the Gateway's (istio-system).
        Assert.Single(AnalyseAsWorkspace("/w/a.yaml", text.Replace("GATEWAY", "istio-egressgateway")).Diagnostics, d => d.Code == "IST0101");
        var gatewayApi = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: my-gateway\n  namespace: default\nspec:\n  gatewayClassName: istio\n  listeners: []\n---\n";
        Assert.DoesNotContain(AnalyseAsWorkspace("/w/a.yaml", gatewayApi + text.Replace("GATEWAY", "default/my-gateway")).Diagnostics, d => d.Code == "IST0101");
        // Checked alone, without any Gateway in its workspace, a VirtualService's gateways are not judged.
        var alone = text[text.IndexOf("apiVersion: networking.istio.io/v1\nkind: VirtualService", StringComparison.Ordinal)..].Replace("GATEWAY", "elsewhere/gw");
        Assert.DoesNotContain(AnalyseAsWorkspace("/w/vs.yaml", alone).Diagnostics, d => d.Code == "IST0101");
    }

    private const string GatewaySubsetRule = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: egressgateway-for-cnn
          namespace: default
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets:
          - name: SUBSET

        """;

    private const string SidecarRoute = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: cnn-through-egress-gateway
          namespace: default
        spec:
          hosts:
          - edition.cnn.com
          http:
          - route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
                subset: cnn

        """;

    [Fact]
    public async Task Editing_a_DestinationRule_in_one_open_file_updates_the_finding_in_another()
    {
        const string routeUri = "file:///work/istio/route.yaml";
        const string ruleUri = "file:///work/istio/rule.yaml";
        var (client, _) = await LspClient.StartInitializedAsync(locale: "en-US");
        await using var _client = client;
        await client.OpenAsync(ruleUri, GatewaySubsetRule.Replace("SUBSET", "cnn"));
        await client.OpenAsync(routeUri, SidecarRoute);
        Assert.Empty(await client.WaitForDiagnosticsAsync(routeUri, 1));

        // Renaming the subset in the DestinationRule's file leaves the route in the other file pointing at nothing.
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = ruleUri, ["version"] = 2 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = GatewaySubsetRule.Replace("SUBSET", "cnn-v2") }),
        });
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p["uri"]!.GetValue<string>() == routeUri && p["diagnostics"]!.AsArray().Count > 0);
        var diagnostic = Assert.Single(published["diagnostics"]!.AsArray())!;
        Assert.Equal("IST0101", diagnostic["code"]!.GetValue<string>());
        Assert.Contains("istio-egressgateway.istio-system.svc.cluster.local+cnn", diagnostic["message"]!.GetValue<string>());

        // And back: the finding goes away without touching the route's file.
        await client.NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = ruleUri, ["version"] = 3 },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = GatewaySubsetRule.Replace("SUBSET", "cnn") }),
        });
        await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p["uri"]!.GetValue<string>() == routeUri && p["diagnostics"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task The_language_server_reports_completes_and_documents_an_Istio_file()
    {
        const string uri = "file:///work/istio/httpbin-se.yaml";
        var (client, _) = await LspClient.StartInitializedAsync(locale: "en-US");
        await using var _client = client;
        var text = ServiceEntry.Replace("resolution: DNS", "resolution: DNSX");
        await client.OpenAsync(uri, text);
        var diagnostic = Assert.Single(await client.WaitForDiagnosticsAsync(uri));
        Assert.Equal("IST0106", diagnostic!["code"]!.GetValue<string>());

        var hover = await client.RequestAsync("textDocument/hover", HoverTests.At(uri, text, "location", 2));
        Assert.Contains("mesh", hover!["contents"]!["value"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var completion = await client.RequestAsync("textDocument/completion", HoverTests.At(uri, text, "DNSX", 0));
        var items = completion is JsonArray array ? array : completion!["items"]!.AsArray();
        Assert.Contains(items, i => i!["label"]!.GetValue<string>() == "DNS_ROUND_ROBIN");
    }
}
