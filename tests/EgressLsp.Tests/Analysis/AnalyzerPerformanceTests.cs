using System.Diagnostics;
using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;
using Xunit.Abstractions;

namespace EgressLsp.Tests.Analysis;

public class AnalyzerPerformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// A 5,000-line v1beta1 policy where most entries need a fix (missing gateway ports, shared TLS ports, repeated
    /// hosts and sources): a quadratic loop over entries or hosts shows up here as hundreds of milliseconds.
    /// </summary>
    [Fact]
    public void A_five_thousand_line_policy_with_many_findings_analyses_in_milliseconds()
    {
        var yaml = LargePolicy(entries: 440);
        var file = YamlFile.Parse(yaml);
        Assert.True(file.Text.LineCount >= 5000, $"{file.Text.LineCount} lines");
        var workspace = AnalyzerHarness.Workspace(PolicyConventionTests.GatewayManifests + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-0\n");
        var policy = EgressPolicy.Bind(file.Documents[0])!;
        var plan = EgressPlan.Build(policy);
        var diagnostics = PolicyAnalyzer.Analyze(policy, plan, file.Text, workspace, EgressEnvironment.Default);
        Assert.True(diagnostics.Length > 1000, $"{diagnostics.Length} diagnostics");

        // The fastest of several runs: the machine may be busy with other work, which only ever adds time.
        var fastest = double.MaxValue;
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            PolicyAnalyzer.Analyze(policy, plan, file.Text, workspace, EgressEnvironment.Default);
            fastest = Math.Min(fastest, watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"{file.Text.LineCount} lines, {diagnostics.Length} diagnostics: {fastest:F2} ms per analysis");
        // About 3 ms in Release on one core; the bound leaves room for Debug builds and slow CI, not for quadratic loops.
        Assert.True(fastest < 60, $"{fastest:F1} ms per analysis");
    }

    private static string LargePolicy(int entries)
    {
        var builder = new StringBuilder("""
            apiVersion: istio.alibabacloud.com/v1beta1
            kind: ASMEgressTrafficPolicy
            metadata:
              name: egress-by-egressgateway
              namespace: istio-egress
            spec:
              byEgressGateway:
                name: egressgateway
              egressRules:

            """);
        for (var rule = 0; rule < entries / 10; rule++)
        {
            builder.Append("  - from:\n");
            for (var source = 0; source < 4; source++)
            {
                builder.Append($"    - namespace: team-{source % 3}\n      workloadSelector:\n        app: client-{source % 3}\n");
            }
            builder.Append("    to:\n");
            for (var i = 0; i < 10; i++)
            {
                var n = rule * 10 + i;
                var tls = i % 2 == 0;
                builder.Append($"    - name: service-{n}\n      hosts:\n      - api-{n}.example.com\n      - www.api-{n}.example.com\n      - api-{n}.example.com\n");
                builder.Append($"      port:\n        name: {(tls ? "https" : "web")}\n        number: {(tls ? 443 : 80)}\n        protocol: {(tls ? "HTTPS" : "HTTP")}\n");
                if (i % 3 != 0)
                {
                    builder.Append($"      byEgressGateway:\n        port: {(tls ? 444 : 80)}\n");
                }
            }
        }
        return builder.ToString();
    }
}
