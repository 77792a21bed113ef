using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Workspace;
using static EgressLsp.Tests.Features.FeatureFixtures;

namespace EgressLsp.Tests.Features.Hover;

public class HoverServiceTests
{
    private static readonly string Upgrade = Example("https-upgrade.yaml");
    private static readonly string Passthrough = Example("https-passthrough.yaml");

    /// <summary>The policy with every <c>to.byEgressGateway</c> removed: v1 auto-allocates the gateway ports.</summary>
    private static readonly string AutoAllocated = Passthrough.Replace("      byEgressGateway:\n        port: 444\n", "");

    private static (HoverInfo? Hover, string Covered) HoverAt(string text, string anchor, int delta = 0, string? locale = null,
        int occurrence = 1, string path = PolicyPath, WorkspaceIndex? workspace = null)
    {
        var (analysis, offset) = Open(Mark(text, anchor, delta, occurrence), path, workspace);
        var hover = HoverService.GetHover(analysis, offset, locale);
        return (hover, hover is null ? "" : analysis.Text.Text.Substring(hover.Span.Start, hover.Span.Length));
    }

    private static string MarkdownAt(string text, string anchor, int delta = 0, string? locale = null, int occurrence = 1,
        string path = PolicyPath, WorkspaceIndex? workspace = null) =>
        Assert.IsType<HoverInfo>(HoverAt(text, anchor, delta, locale, occurrence, path, workspace).Hover).Markdown;

    [Fact]
    public void An_enum_value_shows_the_field_docs_with_its_own_meaning_highlighted()
    {
        var (hover, covered) = HoverAt(Passthrough, "protocol: HTTPS", "protocol: ".Length + 2);
        Assert.Equal("HTTPS", covered);
        var markdown = hover!.Markdown;
        Assert.StartsWith("**Protocol** · `string`", markdown);
        Assert.Contains("one of Istio's protocol names", markdown);
        Assert.Contains("Allowed values (case-insensitive):", markdown);
        Assert.Contains("- **`HTTPS`** — **TLS (HTTPS) sent by the application;", markdown);
        Assert.Contains("- `HTTP` — Plain HTTP from the application;", markdown);
        Assert.Contains("Example:\n\n```yaml\nprotocol: HTTP\n```", markdown);
    }

    [Fact]
    public void A_Chinese_locale_gets_the_Chinese_description_and_labels()
    {
        var markdown = MarkdownAt(Passthrough, "protocol: HTTPS", 2, "zh-CN");
        Assert.Contains("取Istio的协议名之一", markdown);
        Assert.Contains("允许的取值(不区分大小写):", markdown);
        Assert.Contains("- **`HTTPS`** — **应用自行发送TLS(HTTPS)", markdown);
        Assert.Contains("示例:", markdown);
        Assert.DoesNotContain("Allowed values", markdown);
        // Any other language is English.
        Assert.Contains("Allowed values", MarkdownAt(Passthrough, "protocol: HTTPS", 2, "fr"));
    }

    [Fact]
    public void A_key_hover_covers_the_key_and_still_highlights_the_value_written()
    {
        var (hover, covered) = HoverAt(Passthrough, "protocol: HTTPS", 3);
        Assert.Equal("protocol", covered);
        Assert.Contains("- **`HTTPS`**", hover!.Markdown);
    }

    [Fact]
    public void Bounds_defaults_and_deprecations_are_shown()
    {
        Assert.Contains("Range: 1–65535", MarkdownAt(Passthrough, "number: 443", 1));
        Assert.Contains("Default: `false`", MarkdownAt(Upgrade, "enabled: true", 1));
        Assert.Contains("Items: 1–50", MarkdownAt(Upgrade, "hosts:", 1));
        Assert.Contains("长度:1–63", MarkdownAt(Upgrade, "namespace: istio-egress", 1, "zh"));
        var deprecated = Upgrade.Replace("        protocol: HTTP\n", "        protocol: HTTP\n        targetPort: 8080\n");
        var markdown = MarkdownAt(deprecated, "targetPort", 1);
        Assert.Contains("⚠️ Deprecated: `targetPort` is not used by the egress policy", markdown);
        Assert.Contains("⚠️ 已废弃:出口流量策略不使用`targetPort`", MarkdownAt(deprecated, "targetPort", 1, "zh"));
    }

    [Fact]
    public void The_first_key_of_a_to_entry_shows_the_traffic_path_of_each_host()
    {
        var (hover, covered) = HoverAt(Upgrade, "name: httpbin-service-http", 1);
        Assert.Equal("name", covered);
        Assert.StartsWith(
            "**Traffic path**\n\n" +
            "- sidecar :80 → mTLS → egressgateway :80 → www.httpbin.org :443 (TLS originated)\n" +
            "- sidecar :80 → mTLS → egressgateway :80 → httpbin.org :443 (TLS originated)\n\n---\n\n**Destination name**", hover!.Markdown);
    }

    [Fact]
    public void The_traffic_path_of_https_passthrough_and_in_Chinese()
    {
        Assert.Contains("- sidecar :443 → mTLS → egressgateway :444 → httpbin.org :443 (TLS from the application, passed through)",
            MarkdownAt(Passthrough, "- name: httpbin-service-https", 0));
        Assert.Contains("- Sidecar :443 → 双向 TLS → egressgateway :444 → httpbin.org :443(应用发起的 TLS,透传)",
            MarkdownAt(Passthrough, "- name: httpbin-service-https", 0, "zh-CN"));
        Assert.Contains("- Sidecar :80 → 双向 TLS → egressgateway :80 → httpbin.org :443(由网关发起 TLS)",
            MarkdownAt(Upgrade, "hosts:", 1, "zh"));
        Assert.Contains("- sidecar :80 → mTLS → egressgateway :80 → httpbin.org :80 (plain HTTP)",
            MarkdownAt(Example("http.yaml"), "hosts:", 1));
    }

    [Theory]
    [InlineData("istio-ambient", "- ztunnel :80 → HBONE (mTLS) → waypoint egressgateway → httpbin.org :443 (TLS originated)")]
    [InlineData("osm-edge", "- sidecar :80 (http) → egress gateway egressgateway.istio-system → httpbin.org :80 (osm-edge cannot originate TLS: EGP050)")]
    public void The_traffic_path_follows_the_configured_target(string target, string path)
    {
        var config = EgressLsp.Core.Configuration.ProjectConfig.Parse("egresslsp.yaml", $"environment:\n  target: {target}\n");
        var analysis = new EgressLsp.Core.Analysis.DocumentAnalysis(PolicyPath, Upgrade, new EgressLsp.Core.Analysis.AnalysisContext(config, WorkspaceIndex.Empty));
        var offset = Upgrade.IndexOf("hosts:", StringComparison.Ordinal) + 1;
        Assert.Contains(path, HoverService.GetHover(analysis, offset, locale: null)!.Markdown);
    }

    [Fact]
    public void The_dash_of_a_to_entry_is_a_hover_target_of_its_own()
    {
        var (hover, covered) = HoverAt(Passthrough, "- name: httpbin-service-https", 0);
        Assert.Equal("-", covered);
        Assert.Contains("**Destination** · `object`", hover!.Markdown);
        Assert.Contains("```yaml\n- name: httpbin-service-http\n  hosts:\n", hover.Markdown);
    }

    [Fact]
    public void An_auto_allocated_gateway_port_says_so()
    {
        var markdown = MarkdownAt(AutoAllocated, "name: httpbin-service-https", 1);
        Assert.Matches(@"- sidecar :443 → mTLS → egressgateway :1\d{4} \(auto-allocated\) → httpbin\.org :443 \(TLS from the application, passed through\)", markdown);
        Assert.Matches(@"egressgateway :1\d{4}\(自动分配\) →", MarkdownAt(AutoAllocated, "name: httpbin-service-https", 1, "zh"));
    }

    [Fact]
    public void A_host_shows_only_its_own_path()
    {
        var (hover, covered) = HoverAt(Upgrade, "- httpbin.org", 3);
        Assert.Equal("httpbin.org", covered);
        Assert.Contains("- sidecar :80 → mTLS → egressgateway :80 → httpbin.org :443 (TLS originated)", hover!.Markdown);
        Assert.DoesNotContain("www.httpbin.org :443", hover.Markdown);
        Assert.Contains("**Host** · `string`", hover.Markdown);
    }

    [Fact]
    public void An_entry_without_protocol_has_no_path_yet_and_deeper_fields_keep_to_their_docs()
    {
        var incomplete = Passthrough.Replace("        protocol: HTTPS\n", "");
        Assert.Contains("No traffic path yet: the entry needs `port.number` and `port.protocol`.", MarkdownAt(incomplete, "hosts:", 1));
        Assert.DoesNotContain("Traffic path", MarkdownAt(Passthrough, "number: 443", 1));
    }

    [Fact]
    public void The_gateway_name_shows_what_the_workspace_knows_about_the_gateway()
    {
        var (hover, covered) = HoverAt(Upgrade, "name: egressgateway", "name: ".Length + 1);
        Assert.Equal("egressgateway", covered);
        Assert.StartsWith(
            "**Egress gateway `egressgateway`**\n\n" +
            "Sidecars send to `egressgateway.istio-system.svc.cluster.local`\n\n" +
            "In the workspace:\n" +
            "- IstioGateway in `istio-system` · ports 80/HTTP, 444/HTTPS · `../k8s/gateway.yaml:17`\n" +
            "- Service labelled `istio: egressgateway` in `istio-system` · ports 80/TCP · `../k8s/gateway.yaml:4`\n\n---\n\n" +
            "**Gateway name**", hover!.Markdown);
        Assert.Contains("- IstioGateway,位于 `istio-system` · 端口 80/HTTP、444/HTTPS", MarkdownAt(Upgrade, "name: egressgateway", 1, "zh"));
    }

    [Fact]
    public void An_unknown_gateway_name_lists_the_known_ones()
    {
        var other = Upgrade.Replace("name: egressgateway", "name: egressgateway-a");
        Assert.Contains("Not found in the workspace (known gateways: `egressgateway`).", MarkdownAt(other, "egressgateway-a", 2));
        Assert.Contains("The workspace has no egress gateway manifest.", MarkdownAt(other, "egressgateway-a", 2, workspace: WorkspaceIndex.Empty));
    }

    [Fact]
    public void A_source_namespace_shows_the_workloads_the_source_selects()
    {
        var markdown = MarkdownAt(Upgrade, "namespace: mytest", "namespace: ".Length + 1);
        Assert.StartsWith(
            "**Workloads selected in `mytest` by `app: sleep-a`**\n\n" +
            "Namespace `mytest` is declared in `../k8s/apps.yaml:4`.\n\n" +
            "- Deployment `sleep-a` · service account `sleep` · `../k8s/apps.yaml:9`\n\n---\n\n**Source namespace**", markdown);
        Assert.DoesNotContain("sleep-b", markdown);

        var wholeNamespace = Upgrade.Replace("      workloadSelector:\n        app: sleep-a\n", "");
        var all = MarkdownAt(wholeNamespace, "namespace: mytest", 1);
        Assert.Contains("**Workloads selected in `mytest`**", all);
        Assert.Contains("- Deployment `sleep-a` · service account `sleep`", all);
        Assert.Contains("- Deployment `sleep-b` · service account `default`", all);
    }

    [Fact]
    public void The_dash_of_a_from_entry_shows_what_it_selects_above_the_source_docs()
    {
        var (hover, covered) = HoverAt(Upgrade, "- namespace: mytest", 0);
        Assert.Equal("-", covered);
        Assert.StartsWith("**Workloads selected in `mytest` by `app: sleep-a`**", hover!.Markdown);
        Assert.Contains("\n\n---\n\n**Source** · `object`", hover.Markdown);
    }

    [Fact]
    public void A_workload_selector_label_shows_the_selected_workloads_in_Chinese()
    {
        var (hover, covered) = HoverAt(Upgrade, "app: sleep-a", 1, "zh-TW");
        Assert.Equal("app", covered);
        Assert.StartsWith("**`mytest` 中被 `app: sleep-a` 选中的工作负载**\n\n命名空间 `mytest` 声明于 `../k8s/apps.yaml:4`。", hover!.Markdown);
        Assert.Contains("- Deployment `sleep-a` · 服务账号 `sleep`", hover.Markdown);
        // A label is documented by its selector.
        Assert.Contains("**Workload selector** · `string 映射`", hover.Markdown);
    }

    [Fact]
    public void A_source_that_selects_nothing_says_what_is_there()
    {
        var unmatched = Upgrade.Replace("app: sleep-a", "app: sleep-c");
        Assert.Contains("No workload there carries these labels (workloads there: `sleep-a`, `sleep-b`).", MarkdownAt(unmatched, "sleep-c", 1));
        var unknown = Upgrade.Replace("namespace: mytest", "namespace: nowhere");
        var markdown = MarkdownAt(unknown, "nowhere", 1);
        Assert.Contains("Namespace `nowhere` is not declared in the workspace.", markdown);
        Assert.Contains("The workspace knows no workload in `nowhere`.", markdown);
    }

    [Fact]
    public void A_rule_code_in_the_project_config_shows_the_code_and_its_default_level()
    {
        const string config = "rules:\n  EGP010: off\n  EGI404: info\nenvironment:\n  target: osm-edge\n";
        const string path = "/workspace/egresslsp.yaml";
        var (hover, covered) = HoverAt(config, "EGP010", 2, path: path);
        Assert.Equal("EGP010", covered);
        Assert.StartsWith("**EGP010** · Namespace is not istio-egress\n\nDefault level: `warning`\n\n---\n\n**Diagnostic level**", hover!.Markdown);
        Assert.Contains("- **`off`** — **Not reported at all.**", hover.Markdown);
        Assert.Contains("默认级别:`warning`", MarkdownAt(config, ": off", 3, "zh", path: path));
        Assert.StartsWith("`EGI404` is not a diagnostic code of this version of EgressLsp.", MarkdownAt(config, "EGI404", 1, path: path));
        var target = MarkdownAt(config, "osm-edge", 1, path: path);
        Assert.StartsWith("**Expansion target** · `string`", target);
        Assert.Contains("- **`osm-edge`** — **osm-edge:", target);
        Assert.Contains("Default: `istio-sidecar`", target);
    }

    [Fact]
    public void Nothing_to_say_gives_no_hover()
    {
        Assert.Null(HoverAt(Upgrade, "  egressRules", 1).Hover);              // indentation
        Assert.Null(HoverAt(Upgrade + "  unknownKey: 1\n", "unknownKey", 1).Hover);
        const string mixed = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sleep\n---\n";
        Assert.Null(HoverAt(mixed + Upgrade, "name: sleep", 1).Hover);
        // The policy after the Deployment still has its hovers.
        Assert.Contains("**Protocol**", MarkdownAt(mixed + Upgrade, "protocol", 1));
    }
}
