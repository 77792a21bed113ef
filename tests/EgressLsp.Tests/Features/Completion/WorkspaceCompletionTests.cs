using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Workspace;
using static EgressLsp.Tests.Features.Completion.CompletionTestText;

namespace EgressLsp.Tests.Features.Completion;

/// <summary>Values the workspace's manifests know: namespaces, workload labels, gateways and their ports.</summary>
public class WorkspaceCompletionTests
{
    private const string Policy = "apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress-by-egressgateway-a\n  namespace: istio-egress\nspec:\n  byEgressGateway:\n    name: egressgateway-a\n  egressRules:\n";

    private static readonly WorkspaceIndex Cluster = Workspace(
        ("/w/namespaces.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytest\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"),
        ("/w/sleep.yaml", """
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
                    version: v1
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sleep-b
              namespace: mytest
            spec:
              template:
                metadata:
                  labels:
                    app: sleep-b
                    version: v1
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: other
            spec:
              template:
                metadata:
                  labels:
                    app: web
            """),
        ("/w/gateway.yaml", """
            apiVersion: istio.alibabacloud.com/v1beta1
            kind: IstioGateway
            metadata:
              name: egressgateway-a
              namespace: istio-system
            spec:
              ports:
              - name: http
                port: 80
                protocol: HTTP
              - name: https
                port: 444
                protocol: HTTPS
            """));

    [Fact]
    public void Source_namespaces_come_from_the_workspace()
    {
        var list = Complete(Policy + "  - from:\n    - namespace: |\n", Cluster);
        Assert.Equal(["mytest", "other"], list.Labels().Order());
        var mytest = list.Single("mytest");
        Assert.Equal(CompletionEntryKind.Reference, mytest.Kind);
        Assert.Equal("namespace · 2 workloads", mytest.Detail);
    }

    [Fact]
    public void Workload_selector_keys_are_the_label_pairs_of_that_namespace_s_workloads()
    {
        var marked = Policy + "  - from:\n    - namespace: mytest\n      workloadSelector:\n        |\n";
        var list = Complete(marked, Cluster);
        Assert.Equal(["app: sleep-a", "app: sleep-b", "version: v1"], list.Labels());
        var sleepA = list.Single("app: sleep-a");
        Assert.Equal("app: sleep-a", sleepA.InsertText);
        Assert.Equal("Deployment sleep-a", sleepA.Detail);
        Assert.Equal("Deployment sleep-a +1", list.Single("version: v1").Detail);
        Assert.Contains("mytest/sleep-a", sleepA.Documentation!.Value.En);
        Assert.DoesNotContain("app: web", list.Labels());
    }

    [Fact]
    public void Workload_selector_pairs_whose_key_is_written_are_not_offered_again()
    {
        var list = Complete(Policy + "  - from:\n    - namespace: mytest\n      workloadSelector:\n        version: v1\n        |\n", Cluster);
        Assert.Equal(["app: sleep-a", "app: sleep-b"], list.Labels());
    }

    [Fact]
    public void A_workload_selector_value_is_one_of_that_label_s_values_in_the_namespace()
    {
        var list = Complete(Policy + "  - from:\n    - namespace: mytest\n      workloadSelector:\n        app: |\n", Cluster);
        Assert.Equal(["sleep-a", "sleep-b"], list.Labels());
        var other = Complete(Policy + "  - from:\n    - namespace: other\n      workloadSelector: {app: |}\n", Cluster);
        Assert.Equal(["web"], other.Labels());
    }

    [Fact]
    public void Gateway_names_come_from_the_workspace()
    {
        var list = Complete("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nspec:\n  byEgressGateway:\n    name: |\n", Cluster);
        var gateway = list.Single("egressgateway-a");
        Assert.Equal("IstioGateway in istio-system", gateway.Detail);
        Assert.Contains("444 (HTTPS)", gateway.Documentation!.Value.En);
    }

    [Fact]
    public void Gateway_ports_of_the_named_gateway_come_with_their_protocol()
    {
        var list = Complete(Policy + "  - from:\n    - namespace: mytest\n    to:\n    - hosts: [a.com]\n      byEgressGateway:\n        port: |\n", Cluster);
        Assert.Equal(["80", "444"], list.Labels());
        Assert.Equal("444 — HTTPS", list.Single("444").Detail);
        Assert.Equal("80 — HTTP", list.Single("80").Detail);
    }

    [Fact]
    public void Without_a_known_gateway_the_ports_are_the_schema_examples()
    {
        var list = Complete(Policy.Replace("egressgateway-a", "unknown") + "  - to:\n    - byEgressGateway:\n        port: |\n", Cluster);
        Assert.Equal(["80", "444"], list.Labels());
        Assert.Equal(CompletionEntryKind.Value, list.Single("444").Kind);
    }

    [Fact]
    public void The_rule_snippet_offers_the_workspace_namespaces_as_a_choice()
    {
        var list = Complete(Policy + "  - |\n", Cluster);
        Assert.StartsWith("from:\n    - namespace: ${1|mytest,other|}\n", list.Single("egress rule").InsertText);
    }

    [Fact]
    public void The_https_snippet_prefers_a_port_the_gateway_declares()
    {
        var list = Complete(Policy + "  - from:\n    - namespace: mytest\n    to:\n    - |\n", Cluster);
        Assert.Contains("port: ${3:444}", list.Single("to: HTTPS passthrough").InsertText);
    }
}
