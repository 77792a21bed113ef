using EgressLsp.Core.Configuration;
using EgressLsp.Core.Policy;
using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP007, EGP010–EGP012: status, namespace and name conventions, the gateway name.</summary>
public class PolicyConventionTests
{

    internal const string GatewayManifests = """
        apiVersion: istio.alibabacloud.com/v1beta1
        kind: IstioGateway
        metadata:
          name: egressgateway-a
          namespace: istio-system
        spec:
          gatewayType: egress
          ports:
          - name: http
            port: 80
            protocol: HTTP
          - name: https
            port: 443
            protocol: HTTPS
          - name: https-444
            port: 444
            protocol: HTTPS
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istio-ingressgateway
          namespace: istio-system
        spec:
          template:
            metadata:
              labels:
                istio: ingressgateway
        """;

    [Fact]
    public void A_conventional_policy_has_no_diagnostics()
    {
        Assert.Empty(Analyze(TestPolicies.Conventional).Diagnostics);
    }

    [Fact]
    public void Status_in_the_source_is_reported_on_its_key_and_removed_by_the_fix()
    {
        var yaml = TestPolicies.Conventional + """
            status:
              conditions:
              - type: Ready
                status: "True"

            """;
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP007");
        Assert.Equal("22:1", result.Position(diagnostic));
        Assert.Equal("status", result.Covered(diagnostic));
        Assert.Equal("'status' is written by the controller; remove it from the source file.", diagnostic.Message.En);
        Assert.Equal(TestPolicies.Conventional, ApplyFix(yaml, "EGP007"));
    }

    [Fact]
    public void Status_between_other_keys_is_removed_with_its_block_only()
    {
        var yaml = TestPolicies.Conventional.Replace("spec:\n", "status:\n  observedGeneration: 2\nspec:\n");
        Assert.Equal(TestPolicies.Conventional, ApplyFix(yaml, "EGP007"));
    }

    [Fact]
    public void A_namespace_other_than_istio_egress_is_reported_on_its_value()
    {
        var yaml = TestPolicies.Conventional.Replace("namespace: istio-egress", "namespace: default");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP010");
        Assert.Equal("5:14", result.Position(diagnostic));
        Assert.Equal("By convention egress policies live in namespace 'istio-egress'; this one is in 'default'.", diagnostic.Message.En);
        Assert.Equal("按照约定,出口流量策略应位于命名空间“istio-egress”;此策略位于“default”。", diagnostic.Message.Zh);
        Assert.Equal(TestPolicies.Conventional, ApplyFix(yaml, "EGP010"));
    }

    [Fact]
    public void A_missing_namespace_is_reported_on_metadata_and_the_fix_inserts_it_after_the_name()
    {
        var yaml = TestPolicies.Conventional.Replace("  namespace: istio-egress\n", "");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP010");
        Assert.Equal("3:1", result.Position(diagnostic));
        Assert.Equal("metadata", result.Covered(diagnostic));
        Assert.Contains("sets no namespace", diagnostic.Message.En);
        Assert.Equal(TestPolicies.Conventional, ApplyFix(yaml, "EGP010"));
    }

    [Fact]
    public void A_name_not_following_the_gateway_is_reported_and_renamed()
    {
        var yaml = TestPolicies.Conventional.Replace("name: egress-by-egressgateway", "name: httpbin-egress");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP011");
        Assert.Equal("4:9", result.Position(diagnostic));
        Assert.Equal("By convention this policy is named 'egress-by-egressgateway' after its egress gateway, not 'httpbin-egress'.", diagnostic.Message.En);
        Assert.Equal(TestPolicies.Conventional, ApplyFix(yaml, "EGP011"));
    }

    [Fact]
    public void A_quoted_name_keeps_its_quotes_when_renamed()
    {
        var yaml = TestPolicies.Conventional.Replace("name: egress-by-egressgateway", "name: \"egress\"");
        Assert.Contains("name: \"egress-by-egressgateway\"", ApplyFix(yaml, "EGP011"));
    }

    [Fact]
    public void Gateway_names_are_checked_only_when_the_workspace_has_gateways()
    {
        Assert.Empty(Analyze(TestPolicies.Conventional).Coded("EGP012"));
        Assert.Empty(Analyze(TestPolicies.Conventional, Workspace("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytest\n")).Coded("EGP012"));
    }

    [Fact]
    public void An_unknown_gateway_is_reported_with_the_found_ones_and_fixed_with_the_closest_name()
    {
        var workspace = Workspace(GatewayManifests);
        var result = Analyze(TestPolicies.Conventional, workspace);
        var diagnostic = result.Single("EGP012");
        Assert.Equal("8:11", result.Position(diagnostic));
        Assert.Equal("No egress gateway named 'egressgateway' was found in the workspace (found: 'egressgateway-a').", diagnostic.Message.En);
        Assert.Equal("工作区中没有名为“egressgateway”的出口网关(已找到:“egressgateway-a”)。", diagnostic.Message.Zh);
        var fix = Assert.Single(diagnostic.Fixes);
        Assert.Equal("Change to egressgateway-a (and rename the policy)", fix.Title.En);
        var fixedText = ApplyFix(TestPolicies.Conventional, "EGP012", workspace: workspace);
        Assert.Contains("name: egressgateway-a", fixedText);
        Assert.Contains("name: egress-by-egressgateway-a", fixedText);
        Assert.Empty(Analyze(fixedText, workspace).Diagnostics);
    }

    [Fact]
    public void A_known_gateway_is_not_reported_and_ingress_gateways_do_not_count()
    {
        var known = TestPolicies.Conventional.Replace("egressgateway", "egressgateway-a");
        Assert.Empty(Analyze(known, Workspace(GatewayManifests)).Coded("EGP012"));
        var onlyIngress = Workspace(GatewayManifests[GatewayManifests.IndexOf("apiVersion: apps/v1", StringComparison.Ordinal)..]);
        Assert.Empty(Analyze(TestPolicies.Conventional, onlyIngress).Coded("EGP012"));
    }

    [Fact]
    public void A_configured_gateway_selector_replaces_the_name_check()
    {
        var environment = EgressEnvironment.Default with { GatewaySelector = [new Label("app", "my-egress")] };
        Assert.Empty(Analyze(TestPolicies.Conventional, Workspace(GatewayManifests), environment).Coded("EGP012"));
    }
}
