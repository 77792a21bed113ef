using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Workspace;
using Diagnostic = EgressLsp.Core.Diagnostics.Diagnostic;

namespace EgressLsp.Tests.Golden;

public class ConfigAndSuppressionTests
{
    private static readonly string Policy = File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", "http.yaml"))
        .Replace("namespace: istio-egress", "namespace: egress");

    private static DocumentAnalysis Analyze(string text, ProjectConfig? config = null) =>
        new("policy.yaml", text, new AnalysisContext(config ?? ProjectConfig.Default, WorkspaceIndex.Empty));

    /// <summary>The namespace convention (EGP010) is what these tests switch; other codes are not their business.</summary>
    private static Diagnostic[] NamespaceDiagnostics(DocumentAnalysis analysis) => [.. analysis.Diagnostics.Where(d => d.Code == "EGP010")];

    [Fact]
    public void The_config_schema_offers_exactly_the_registered_targets_with_the_default_first()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "egresslsp-config.schema.json")));
        var target = schema.RootElement.GetProperty("properties").GetProperty("environment").GetProperty("properties").GetProperty("target");
        Assert.Equal(Core.Targets.TargetRegistry.Ids, target.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Core.Targets.TargetRegistry.Default.Id, target.GetProperty("default").GetString());
        Assert.Equal(Core.Targets.TargetRegistry.All.Length, target.GetProperty("x-enum-descriptions").GetArrayLength());
    }

    [Fact]
    public void The_default_level_applies_without_a_config()
    {
        var diagnostic = Assert.Single(NamespaceDiagnostics(Analyze(Policy)));
        Assert.Equal(("EGP010", DiagnosticLevel.Warning), (diagnostic.Code, diagnostic.Level));
    }

    [Fact]
    public void The_project_config_changes_levels_and_can_switch_a_code_off()
    {
        var raised = ProjectConfig.Parse("egresslsp.yaml", "rules:\n  EGP010: error\n");
        Assert.Equal(DiagnosticLevel.Error, Assert.Single(NamespaceDiagnostics(Analyze(Policy, raised))).Level);
        Assert.True(Analyze(Policy, raised).HasErrors);
        var off = ProjectConfig.Parse("egresslsp.yaml", "rules:\n  egp010: off\n");
        Assert.Empty(NamespaceDiagnostics(Analyze(Policy, off)));
        Assert.NotEmpty(Analyze(Policy, off).Diagnostics);
    }

    [Fact]
    public void An_inline_comment_suppresses_the_next_line_only_for_the_codes_it_names()
    {
        var suppressed = Policy.Replace("  namespace: egress", "  # egress-lsp-disable-next-line EGP010\n  namespace: egress");
        Assert.Empty(NamespaceDiagnostics(Analyze(suppressed)));
        var other = Policy.Replace("  namespace: egress", "  # egress-lsp-disable-next-line EGP011\n  namespace: egress");
        Assert.Single(NamespaceDiagnostics(Analyze(other)));
        var all = Policy.Replace("  namespace: egress", "  # egress-lsp-disable-next-line\n  namespace: egress");
        Assert.Empty(NamespaceDiagnostics(Analyze(all)));
        // Only the next line: the hosts further down keep their EGP027.
        Assert.Contains(Analyze(all).Diagnostics, d => d.Code == "EGP027");
    }

    [Fact]
    public void The_config_file_reads_the_environment_and_reports_its_own_mistakes()
    {
        var config = ProjectConfig.Parse("egresslsp.yaml", """
            environment:
              target: istio-sidecar
              gatewayNamespace: egress-system
              gatewaySelector:
                app: egress
              clusterDomain: corp.local
            rules:
              EGP010: off
              EGP999X: warning
            """);
        Assert.Equal("egress-system", config.Environment.GatewayNamespace);
        Assert.Equal("egressgateway.egress-system.svc.corp.local", config.Environment.GatewayHostFor("egressgateway"));
        Assert.Equal("app: egress", Assert.Single(config.Environment.GatewaySelectorFor("egressgateway")).ToString());
        Assert.Contains(config.Diagnostics, d => d.Code == "EGP002" && d.Message.En.Contains("EGP999X"));
        var analysis = new DocumentAnalysis("/project/egresslsp.yaml", "environment:\n  target: linkerd\n", AnalysisContext.Default);
        Assert.Equal("EGP005", Assert.Single(analysis.Diagnostics).Code);
    }

    [Fact]
    public void The_config_is_found_by_walking_up_from_the_document()
    {
        var existing = new HashSet<string> { Path.GetFullPath("/repo/egresslsp.yaml") };
        Assert.Equal(Path.GetFullPath("/repo/egresslsp.yaml"), ProjectConfig.FindFor("/repo/policies/team-a/policy.yaml", existing.Contains));
        Assert.Null(ProjectConfig.FindFor("/elsewhere/policy.yaml", existing.Contains));
    }

    [Fact]
    public void Documents_that_are_not_policies_get_no_diagnostics()
    {
        var deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  name: y\nspec: {unknownField: 1}\n";
        Assert.Empty(Analyze(deployment).Diagnostics);
        Assert.Empty(Analyze("name: [unclosed\n").Diagnostics);
        var mixed = deployment + "---\n" + Policy;
        Assert.Equal(["EGP010", "EGP027"], Analyze(mixed).Diagnostics.Select(d => d.Code));
    }
}
