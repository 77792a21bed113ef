using static EgressLsp.Tests.Analysis.AnalyzerHarness;

namespace EgressLsp.Tests.Analysis;

/// <summary>EGP040, EGP041, EGP043: the <c>from</c> entries against the workspace.</summary>
public class SourceTests
{
    /// <summary>A policy whose <c>from</c> list (from line 11) is <paramref name="from"/>.</summary>
    private static string Policy(string from) => $"""
        apiVersion: istio.alibabacloud.com/v1
        kind: ASMEgressTrafficPolicy
        metadata:
          name: egress-by-egressgateway
          namespace: istio-egress
        spec:
          byEgressGateway:
            name: egressgateway
          egressRules:
          - from:
        {from}    to:
            - name: httpbin
              hosts:
              - httpbin.org
              port:
                name: http
                number: 80
                protocol: HTTP
              byEgressGateway:
                port: 80

        """;

    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: mytest
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: payments
        ---
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
          name: nginx
          namespace: mytest
        spec:
          template:
            metadata:
              labels:
                app: nginx
        """;

    [Fact]
    public void EGP040_a_namespace_the_workspace_does_not_declare()
    {
        var yaml = Policy("    - namespace: mytset\n");
        var workspace = Workspace(Manifests);
        var result = Analyze(yaml, workspace);
        var diagnostic = result.Single("EGP040");
        Assert.Equal("11:18", result.Position(diagnostic));
        Assert.Equal("Namespace 'mytset' is not declared in the workspace.", diagnostic.Message.En);
        Assert.Equal(Policy("    - namespace: mytest\n"), ApplyFix(yaml, "EGP040", workspace: workspace));
    }

    [Fact]
    public void EGP040_not_reported_for_declared_or_built_in_namespaces_or_without_namespace_manifests()
    {
        var workspace = Workspace(Manifests);
        Assert.Empty(Analyze(Policy("    - namespace: payments\n    - namespace: default\n"), workspace).Diagnostics);
        var workloadsOnly = Workspace(Manifests[Manifests.IndexOf("apiVersion: apps/v1", StringComparison.Ordinal)..]);
        Assert.Empty(Analyze(Policy("    - namespace: elsewhere\n"), workloadsOnly).Diagnostics);
    }

    [Fact]
    public void EGP041_a_selector_matching_no_workload_lists_what_is_there()
    {
        var yaml = Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-b\n");
        var workspace = Workspace(Manifests);
        var result = Analyze(yaml, workspace);
        var diagnostic = result.Single("EGP041");
        Assert.Equal("12:7", result.Position(diagnostic));
        Assert.Equal("workloadSelector", result.Covered(diagnostic));
        Assert.Equal("workloadSelector {app: sleep-b} selects no workload in namespace 'mytest' (workloads there: sleep-a {app: sleep-a}; nginx {app: nginx}).",
            diagnostic.Message.En);
        Assert.Equal("Change to app: sleep-a", diagnostic.Fixes[0].Title.En);
        Assert.Equal(Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n"), ApplyFix(yaml, "EGP041", workspace: workspace));
    }

    [Fact]
    public void EGP041_not_reported_when_a_workload_matches_or_the_namespace_has_no_known_workloads()
    {
        var workspace = Workspace(Manifests);
        Assert.Empty(Analyze(Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n        version: v1\n"), workspace).Diagnostics);
        Assert.Empty(Analyze(Policy("    - namespace: payments\n      workloadSelector:\n        app: billing\n"), workspace).Diagnostics);
        Assert.Empty(Analyze(Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-b\n")).Diagnostics);
    }

    [Fact]
    public void EGP043_a_repeated_source_is_reported_and_removed()
    {
        var yaml = Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n    - namespace: payments\n    - namespace: mytest\n      workloadSelector: {app: sleep-a}\n");
        var result = Analyze(yaml);
        var diagnostic = result.Single("EGP043");
        Assert.Equal("15:7", result.Position(diagnostic));
        Assert.Equal("namespace: mytest", result.Covered(diagnostic));
        Assert.Equal("This 'from' entry repeats namespace 'mytest' with the same selector.", diagnostic.Message.En);
        Assert.Equal("11:18", Assert.Single(diagnostic.Related).Range.Start.ToString());
        Assert.Equal(Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n    - namespace: payments\n"), ApplyFix(yaml, "EGP043"));
    }

    [Fact]
    public void EGP043_not_reported_for_different_selectors()
    {
        var yaml = Policy("    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n    - namespace: mytest\n    - namespace: mytest\n      workloadSelector:\n        app: nginx\n");
        Assert.Empty(Analyze(yaml).Diagnostics);
    }
}
