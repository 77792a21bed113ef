using System.Text.Json.Nodes;
using EgressLsp.Tests.Conversion;

namespace EgressLsp.Tests.Cli;

/// <summary><c>egressctl reach</c>: the answer hop by hop, its exit code, JSON, the matrix, usage errors.</summary>
public class CliReachTests
{
    private static string Folder => ConversionCase.Get("exportto-labels-authorization").CaseFolder;

    [Fact]
    public void An_allowed_source_is_exit_0_with_the_hops_and_a_refused_one_exit_1_with_the_refusal()
    {
        var allowed = CliRunner.Run(Folder, "reach", "--from", "team-a/app=billing", "--to", "api.stripe.com", ".");
        Assert.Equal(0, allowed.ExitCode);
        Assert.StartsWith("team-a/app=billing → api.stripe.com:80 (HTTP): allowed, through the egress gateway\nassuming outboundTrafficPolicy REGISTRY_ONLY\n", allowed.Stdout, StringComparison.Ordinal);
        Assert.Contains("authorization    AuthorizationPolicy istio-system/egress-allow (input.yaml:132): admits 'team-a' (service account billing)", allowed.Stdout, StringComparison.Ordinal);

        var refused = CliRunner.Run(Folder, "reach", "--from", "team-a/app=web", "--to", "api.stripe.com:80", ".");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused: HTTP 403 (direct response)", refused.Stdout, StringComparison.Ordinal);
        Assert.Contains("route http[1] 'stripe-deny' answers 403 itself", refused.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_outcome_the_symptom_and_each_hop_with_its_object()
    {
        var run = CliRunner.Run(Folder, "reach", "--from", "elsewhere", "--to", "api.stripe.com:80", "--format", "json", ".");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("refused", json["outcome"]!.GetValue<string>());
        Assert.Null(json["via"]);
        Assert.Equal("HTTP 502 (BlackHoleCluster: REGISTRY_ONLY)", json["symptom"]!.GetValue<string>());
        var hop = json["hops"]!.AsArray().Single()!;
        Assert.Equal("registry", hop["step"]!.GetValue<string>());
        Assert.Equal("ServiceEntry", hop["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(7, hop["object"]!["line"]!.GetValue<int>());

        var passthrough = JsonNode.Parse(CliRunner.Run(Folder, "reach", "--from", "team-b", "--to", "example.org:443", "--protocol", "tls",
            "--outbound-traffic-policy", "ALLOW_ANY", "--format", "json", ".").Stdout)!;
        Assert.Equal(("allowed", "direct"), (passthrough["outcome"]!.GetValue<string>(), passthrough["via"]!.GetValue<string>()));
        Assert.Equal("ALLOW_ANY", passthrough["outboundTrafficPolicy"]!.GetValue<string>());
    }

    /// <summary>--target follows the policy through that target's data plane; the answer says what it makes of the outbound policy.</summary>
    [Theory]
    [InlineData("istio-sidecar", "sidecar", null)]
    [InlineData("istio-ambient", "waypoint", "ztunnel does not enforce it")]
    [InlineData("osm-edge", "egress-gateway", "osm-edge: enableEgress false")]
    public void The_target_decides_the_data_plane_a_policy_is_followed_through(string target, string step, string? note)
    {
        var folder = EgressLsp.Tests.Expansion.GoldenCase.Get("http").CaseFolder;

        var run = CliRunner.Run(folder, "reach", "--from", "mytest/app=sleep-a", "--to", "httpbin.org:80", "--target", target, "--format", "json",
            "policy.yaml", "workspace.yaml");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(("allowed", "egress-gateway"), (json["outcome"]!.GetValue<string>(), json["via"]!.GetValue<string>()));
        Assert.Contains(json["hops"]!.AsArray(), hop => hop!["step"]!.GetValue<string>() == step);
        Assert.Equal(note is null, json["note"] is null);
        Assert.StartsWith(note ?? "", json["note"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void The_matrix_lists_every_source_against_every_destination()
    {
        var text = CliRunner.Run(Folder, "reach", "--matrix", ".");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("team-a/app=billing  gateway", text.Stdout, StringComparison.Ordinal);

        var markdown = CliRunner.Run(Folder, "reach", "--matrix", "--format", "markdown", ".");
        Assert.StartsWith("| source | api.stripe.com:80 | api.stripe.com:443 |\n|---|---|---|\n", markdown.Stdout, StringComparison.Ordinal);

        var svg = CliRunner.Run(Folder, "reach", "--matrix", "--format", "svg", ".");
        Assert.Equal(0, svg.ExitCode);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg.Stdout, StringComparison.Ordinal);
        Assert.Contains("api.stripe.com:443", svg.Stdout, StringComparison.Ordinal);

        var json = JsonNode.Parse(CliRunner.Run(Folder, "reach", "--matrix", "--format", "json", ".").Stdout)!;
        Assert.Equal(json["sources"]!.AsArray().Count * json["destinations"]!.AsArray().Count, json["cells"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("reach", "--to", "api.stripe.com")]
    [InlineData("reach", "--from", "a", "--to", "host:99999")]
    [InlineData("reach", "--from", "a/notalabel", "--to", "host")]
    [InlineData("reach", "--from", "a", "--to", "host", "--format", "markdown")]
    [InlineData("reach", "--from", "a", "--to", "host", "--format", "svg")]
    [InlineData("reach", "--from", "a", "--to", "host", "--outbound-traffic-policy", "SOMETIMES")]
    public void Usage_errors_are_exit_2(params string[] args)
    {
        var run = CliRunner.Run(Folder, args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("egressctl: ", run.Stderr, StringComparison.Ordinal);
    }
}
