using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Yaml;
using static EgressLsp.Tests.Features.Completion.CompletionTestText;

namespace EgressLsp.Tests.Features.Completion;

public class CompletionServiceTests
{
    private const string Head = "apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress-by-egressgateway\n  namespace: istio-egress\n";

    private const string Rule = Head + "spec:\n  byEgressGateway:\n    name: egressgateway\n  egressRules:\n  - from:\n    - namespace: mytest\n    to:\n";

    [Fact]
    public void Keys_of_a_to_entry_are_offered_except_the_present_ones_with_docs_in_both_languages()
    {
        var list = Complete(Rule + "    - name: x\n      |\n");
        Assert.DoesNotContain("name", list.Labels());
        Assert.Contains("hosts", list.Labels());
        Assert.Contains("httpsUpgrade", list.Labels());
        var hosts = list.Single("hosts");
        Assert.Equal(CompletionEntryKind.Property, hosts.Kind);
        Assert.Equal("hosts:\n      - ", hosts.InsertText);
        Assert.Contains("External host names", hosts.Documentation!.Value.En);
        Assert.Contains("主机名", hosts.Documentation!.Value.Zh);
        Assert.Contains("```yaml\nhosts:\n  - www.httpbin.org", hosts.Documentation!.Value.En);
        Assert.Equal("port:\n        ", list.Single("port").InsertText);
        Assert.False(hosts.IsSnippet);
        // Required keys sort first.
        Assert.True(string.CompareOrdinal(hosts.SortText, list.Single("httpsUpgrade").SortText) < 0);
    }

    [Fact]
    public void The_to_level_gateway_reference_offers_only_its_port()
    {
        var list = Complete(Rule + "    - hosts: [a.com]\n      byEgressGateway:\n        |\n");
        Assert.Equal(["port"], list.Labels());
        var spec = Complete(Head + "spec:\n  byEgressGateway:\n    |\n");
        Assert.Equal(["name"], spec.Labels());
    }

    [Fact]
    public void A_partial_key_is_replaced_and_the_result_parses_to_the_intended_place()
    {
        var marked = Rule + "    - name: x\n      hos|\n";
        var hosts = Complete(marked).Single("hosts");
        var applied = Apply(marked, hosts with { InsertText = hosts.InsertText + "a.com" });
        var file = YamlFile.Parse(applied);
        Assert.Empty(file.Diagnostics);
        var location = NodeLocator.Find(file.Documents[0], applied.IndexOf("a.com", StringComparison.Ordinal))!;
        Assert.Equal("spec.egressRules[0].to[0].hosts[0]", location.PathText);
    }

    [Fact]
    public void Metadata_offers_authored_fields_not_the_ones_the_cluster_writes()
    {
        var list = Complete("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: x\n  |\n");
        Assert.Contains("namespace", list.Labels());
        Assert.Contains("labels", list.Labels());
        Assert.DoesNotContain("uid", list.Labels());
        Assert.DoesNotContain("managedFields", list.Labels());
        Assert.DoesNotContain("name", list.Labels());
    }

    [Fact]
    public void Protocol_values_come_from_the_enum_in_canonical_case_with_their_descriptions()
    {
        var marked = Rule + "    - hosts: [a.com]\n      port:\n        number: 80\n        protocol: ht|\n";
        var list = Complete(marked);
        var http = list.Single("HTTP");
        Assert.Equal(CompletionEntryKind.Value, http.Kind);
        Assert.Equal("HTTP", http.InsertText);
        Assert.NotNull(http.Documentation);
        Assert.NotEqual(http.Documentation!.Value.En, http.Documentation!.Value.Zh);
        Assert.Contains("GRPC-WEB", list.Labels());
        var (text, _) = Split(marked);
        Assert.Equal("ht", text[http.ReplaceSpan.Start..http.ReplaceSpan.End]);
    }

    [Fact]
    public void Right_after_a_colon_values_get_their_space()
    {
        var list = Complete(Rule + "    - hosts: [a.com]\n      httpsUpgrade:\n        enabled:|\n");
        Assert.Equal(["true", "false"], list.Labels());
        Assert.Equal(" true", list.Single("true").InsertText);
    }

    [Fact]
    public void Kind_and_api_version_values_are_offered_while_the_document_is_being_written()
    {
        Assert.Equal(["ASMEgressTrafficPolicy"], Complete("apiVersion: istio.alibabacloud.com/v1\nkind: |\n").Labels());
        Assert.Equal(["istio.alibabacloud.com/v1", "istio.alibabacloud.com/v1beta1"], Complete("apiVersion: |\n").Labels());
    }

    [Fact]
    public void Snippets_for_each_traffic_shape_are_offered_at_a_new_to_item()
    {
        var marked = Rule + "    - |\n";
        var list = Complete(marked);
        Assert.Contains("to: HTTP", list.Labels());
        Assert.Contains("to: HTTP upgraded to HTTPS", list.Labels());
        Assert.Contains("to: HTTPS passthrough", list.Labels());
        Assert.Contains("hosts", list.Labels());

        var http = list.Single("to: HTTP");
        Assert.True(http.IsSnippet);
        Assert.Equal(CompletionEntryKind.Snippet, http.Kind);
        Assert.Equal(
            "name: ${1:httpbin-service-http}\n      hosts:\n      - ${2:httpbin.org}\n      port:\n        name: http\n        number: 80\n        protocol: HTTP\n      byEgressGateway:\n        port: ${3:80}",
            http.InsertText);
        Assert.Contains("httpsUpgrade:\n        enabled: true\n        port: 443", list.Single("to: HTTP upgraded to HTTPS").InsertText);
        var https = list.Single("to: HTTPS passthrough").InsertText;
        Assert.Contains("number: 443", https);
        Assert.Contains("protocol: HTTPS", https);
        Assert.Contains("port: ${3:444}", https);

        // With the placeholders filled in, the snippet is a valid destination at the right place.
        var applied = Apply(marked, http).Replace("${1:httpbin-service-http}", "web").Replace("${2:httpbin.org}", "a.com").Replace("${3:80}", "80");
        var file = YamlFile.Parse(applied);
        Assert.Empty(file.Diagnostics);
        Assert.Equal("spec.egressRules[0].to[0].port.number",
            NodeLocator.Find(file.Documents[0], applied.IndexOf("80", applied.IndexOf("number", StringComparison.Ordinal), StringComparison.Ordinal))!.PathText);
    }

    [Fact]
    public void An_https_snippet_takes_the_next_free_gateway_port()
    {
        var list = Complete(Rule + "    - hosts: [a.com]\n      port: {number: 443, protocol: HTTPS}\n      byEgressGateway: {port: 444}\n    - |\n");
        Assert.Contains("port: ${3:445}", list.Single("to: HTTPS passthrough").InsertText);
    }

    [Fact]
    public void Snippets_leave_out_the_gateway_port_when_the_policy_relies_on_automatic_allocation()
    {
        var list = Complete(Rule + "    - hosts: [a.com]\n      port: {number: 80, protocol: HTTP}\n    - |\n");
        Assert.DoesNotContain("byEgressGateway", list.Single("to: HTTP").InsertText);
    }

    [Fact]
    public void On_an_empty_line_under_to_the_snippet_brings_its_dash()
    {
        var list = Complete(Rule + "      |\n");
        Assert.StartsWith("- name: ${1:httpbin-service-http}\n        hosts:", list.Single("to: HTTP").InsertText);
        Assert.Equal("- hosts:\n        - ", list.Single("hosts").InsertText);
    }

    [Fact]
    public void A_rule_snippet_is_offered_at_a_new_rule_and_next_to_the_spec_keys()
    {
        var marked = Rule + "    - hosts: [a.com]\n      port: {number: 80, protocol: HTTP}\n      byEgressGateway: {port: 80}\n  |\n";
        var list = Complete(marked);
        var rule = list.Single("egress rule");
        Assert.StartsWith("- from:\n    - namespace: ${1:default}\n    to:\n    - name: ${2:httpbin-service-http}\n", rule.InsertText);
        Assert.DoesNotContain("byEgressGateway", list.Labels().Where(l => l == "egressRules"));
        Assert.DoesNotContain("egressRules", list.Labels());
        Assert.DoesNotContain("byEgressGateway", list.Labels());

        var dashed = Complete(Head + "spec:\n  egressRules:\n  - |\n");
        Assert.StartsWith("from:\n    - namespace:", dashed.Single("egress rule").InsertText);
        Assert.Contains("from", dashed.Labels());
    }

    [Fact]
    public void An_empty_document_gets_a_whole_policy_snippet()
    {
        var list = Complete("|");
        var policy = list.Single("egress policy");
        Assert.StartsWith("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress-by-${1:egressgateway}\n", policy.InsertText);
        Assert.Contains("    name: $1\n", policy.InsertText);
        Assert.Contains("apiVersion", list.Labels());

        var afterApiVersion = Complete("apiVersion: istio.alibabacloud.com/v1\n|").Single("egress policy");
        Assert.StartsWith("kind: ASMEgressTrafficPolicy\n", afterApiVersion.InsertText);
        Assert.DoesNotContain("egress policy", Complete(Head + "|").Labels());
    }

    [Fact]
    public void Documents_that_are_not_policies_get_nothing()
    {
        Assert.Empty(Complete("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  |\n").Items);
        Assert.Empty(Complete("name: ci\non:\n  push: {}\njobs:\n  |\n").Items);
        Assert.Empty(Complete("apiVersion: apps/v1\nkind: Deployment\n---\n" + Head + "---\napiVersion: v1\nkind: Service\nspec:\n  |\n").Items);
        // The policy in the same file still completes.
        Assert.Contains("spec", Complete("apiVersion: apps/v1\nkind: Deployment\n---\n" + Head + "|\n").Labels());
    }

    [Fact]
    public void Hosts_declared_elsewhere_in_the_file_are_offered_except_this_entry_s_own()
    {
        var marked = Rule + "    - hosts: [a.example.com, b.example.com]\n      port: {number: 80, protocol: HTTP}\n"
            + "    - hosts:\n      - b.example.com\n      - |\n---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se\nspec:\n  hosts: [c.example.com]\n";
        var list = Complete(marked);
        Assert.Contains("a.example.com", list.Labels());
        Assert.Contains("c.example.com", list.Labels());
        Assert.DoesNotContain("b.example.com", list.Labels());
        Assert.Equal(CompletionEntryKind.Reference, list.Single("a.example.com").Kind);
    }

    [Fact]
    public void Hosts_declared_in_other_workspace_files_are_offered_with_their_file()
    {
        var workspace = Workspace(
            ("/w/external.yaml", "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se\nspec:\n  hosts: [api.partner.example]\n"),
            ("/w/other-policy.yaml", Rule.Replace("|", "") + "    - hosts: [pay.example.com]\n      port: {number: 443, protocol: HTTPS}\n"));
        var list = Complete(Rule + "    - hosts:\n      - |\n", workspace);
        Assert.Equal("ServiceEntry host in external.yaml", list.Single("api.partner.example").Detail);
        Assert.Equal("host in other-policy.yaml", list.Single("pay.example.com").Detail);
    }

    [Fact]
    public void Metadata_namespace_offers_the_conventional_namespace_first()
    {
        var workspace = Workspace(("/w/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytest\n"));
        var list = Complete("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  namespace: |\n", workspace);
        var ordered = list.Items.OrderBy(i => i.SortText, StringComparer.Ordinal).Select(i => i.Label).ToArray();
        Assert.Equal(["istio-egress", "mytest"], ordered);
    }

    [Fact]
    public void Metadata_name_follows_the_gateway_name()
    {
        var list = Complete("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: |\nspec:\n  byEgressGateway:\n    name: egressgateway-a\n");
        Assert.Equal(["egress-by-egressgateway-a"], list.Labels());
    }

    [Fact]
    public void The_config_file_completes_its_keys_targets_codes_and_levels()
    {
        const string path = "/work/egresslsp.yaml";
        Assert.Equal(["environment", "rules"], Complete("|", path: path).Labels().Order());
        Assert.Equal(["istio-ambient", "istio-sidecar", "osm-edge"], Complete("environment:\n  target: |\n", path: path).Labels().Order());

        var codes = Complete("rules:\n  EGP010: off\n  |\n", path: path);
        Assert.DoesNotContain("EGP010", codes.Labels());
        var egp020 = codes.Single("EGP020");
        Assert.Equal("EGP020: ", egp020.InsertText);
        Assert.Contains("httpsUpgrade", egp020.Detail);
        Assert.Contains("默认级别", egp020.Documentation!.Value.Zh);
        // Every code a project can set, and only those: egress tests' yes, conversion findings (which have no levels) no.
        Assert.Contains("EGT001", codes.Labels());
        Assert.DoesNotContain("EGC001", codes.Labels());

        var levels = Complete("rules:\n  EGP010: |\n", path: path);
        Assert.Equal(["error", "warning", "info", "off"], levels.Labels());
        Assert.Equal("\"off\"", levels.Single("off").InsertText);
    }
}
