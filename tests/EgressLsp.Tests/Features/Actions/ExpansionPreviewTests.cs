using EgressLsp.Core.Targets;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Actions;
using EgressLsp.Core.Text;
using EgressLsp.Tests.Cli;
using EgressLsp.Tests.Expansion;
using static EgressLsp.Tests.Features.Actions.ActionTestDocuments;

namespace EgressLsp.Tests.Features.Actions;

public class ExpansionPreviewTests
{
    [Theory]
    [MemberData(nameof(PolicyExamples), MemberType = typeof(ActionTestDocuments))]
    public void The_preview_is_what_egressctl_expand_writes(string example)
    {
        var preview = ExpansionPreview.Create(Example(example), target: null);

        var cli = CliRunner.Run(CliRunner.Examples, "expand", example);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.Stdout, preview.Yaml);
        Assert.NotEmpty(preview.Map);
        // The workspace is empty, so a TLS workloadSelector cannot be enforced: a warning, still expanded.
        Assert.All(preview.Diagnostics, d => Assert.Equal("EGP042", d.Code));
        Assert.False(preview.HasErrors);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Each_entry_covers_exactly_its_object_in_the_yaml(string name)
    {
        var analysis = GoldenInput(name);
        var resources = analysis.Expand().Resources;
        var preview = ExpansionPreview.Create(analysis, target: null);
        Assert.Equal(ManifestWriter.ToYaml(resources), preview.Yaml);
        Assert.Equal(resources.Length, preview.Map.Length);

        var lines = preview.Yaml.Split('\n');
        for (var i = 0; i < preview.Map.Length; i++)
        {
            var entry = preview.Map[i];
            var (first, last) = (entry.GeneratedRange.Start.Line, entry.GeneratedRange.End.Line);
            Assert.Equal((resources[i].Kind, resources[i].Namespace, resources[i].Name), (entry.Kind, entry.Namespace, entry.Name));
            Assert.Equal(0, entry.GeneratedRange.Start.Character);
            Assert.Equal(lines[last].Length, entry.GeneratedRange.End.Character);
            Assert.Equal($"apiVersion: {entry.ApiVersion}", lines[first]);
            Assert.Equal($"kind: {entry.Kind}", lines[first + 1]);
            Assert.Contains($"  name: {entry.Name}", lines[first..(last + 1)]);
            Assert.Contains($"  namespace: {entry.Namespace}", lines[first..(last + 1)]);
            // Each object's lines are exactly what the writer makes of it alone.
            Assert.Equal(ManifestWriter.ToYaml([resources[i]]), string.Join('\n', lines[first..(last + 1)]) + "\n");
            // Objects follow each other with one separator between them, and nothing after the last but the final line break.
            var next = i + 1 < preview.Map.Length ? preview.Map[i + 1].GeneratedRange.Start.Line : lines.Length;
            Assert.Equal(last + 2, next);
            Assert.Equal(i + 1 < preview.Map.Length ? "---" : "", lines[last + 1]);
        }
        Assert.Equal(0, Assert.IsType<PreviewEntry>(preview.Map.FirstOrDefault()).GeneratedRange.Start.Line);
    }

    [Fact]
    public void Sources_are_the_spans_of_the_to_entries_that_produced_each_object()
    {
        var analysis = GoldenInput("mixed-same-host");
        var policy = analysis.Policies.Single().Policy!;
        var preview = ExpansionPreview.Create(analysis, target: null);

        foreach (var (entry, resource) in preview.Map.Zip(analysis.Expand().Resources))
        {
            Assert.Equal(resource.SourcePaths.ToArray(), entry.SourcePaths.ToArray());
            Assert.Equal(entry.SourcePaths.Select(path => policy.Destinations.Single(d => d.Path == path).Node.Span).ToArray(), entry.SourceSpans.ToArray());
            Assert.Equal(resource.SourceSpan, entry.SourceSpans[0]);
        }
        // The origination DestinationRule comes from the upgraded destination only; the Gateway from all three.
        var origination = Assert.Single(preview.Map, e => e.Name.EndsWith("-tls", StringComparison.Ordinal));
        var upgraded = Assert.Single(origination.SourceSpans);
        Assert.StartsWith("name: example-upgrade\n", analysis.Text.Text[upgraded.Start..upgraded.End], StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(preview.Map, e => e.Kind == "Gateway").SourceSpans.Length);
    }

    [Fact]
    public void With_two_policies_in_a_document_each_object_maps_into_its_own_policy()
    {
        var http = File.ReadAllText(ExamplePath("http.yaml"));
        var passthrough = File.ReadAllText(ExamplePath("https-passthrough.yaml")).Replace("name: egress-by-egressgateway", "name: second", StringComparison.Ordinal);
        var analysis = Analyse("two.yaml", http + "---\n" + passthrough);
        var policies = analysis.Policies.ToArray();
        var preview = ExpansionPreview.Create(analysis, target: null);

        // Both policies use the path spec.egressRules[0].to[0]: the span tells them apart.
        Assert.Equal(ManifestWriter.ToYaml(analysis.Expand().Resources), preview.Yaml);
        foreach (var entry in preview.Map)
        {
            var owner = entry.Name.StartsWith("second", StringComparison.Ordinal) ? policies[1] : policies[0];
            Assert.All(entry.SourceSpans, span => Assert.True(owner.Document.Span.Contains(span.Start)));
        }
        Assert.Contains(preview.Map, e => e.Name.StartsWith("second", StringComparison.Ordinal));
        Assert.Contains(preview.Map, e => !e.Name.StartsWith("second", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_target_shows_its_own_findings_instead_of_the_configured_ones()
    {
        // No workspace: the TLS selector cannot be enforced on istio-sidecar (EGP042, a warning of the configured target).
        var analysis = GoldenInput("tls-selector-without-workspace");
        Assert.Contains(analysis.Diagnostics, d => d.Code == "EGP042");

        var sidecar = ExpansionPreview.Create(analysis, TargetRegistry.IstioSidecar);
        Assert.Contains(sidecar.Diagnostics, d => d.Code == "EGP042");

        var osm = ExpansionPreview.Create(analysis, TargetRegistry.Find("osm-edge"));
        Assert.Equal("", osm.Yaml);
        Assert.Empty(osm.Map);
        Assert.DoesNotContain(osm.Diagnostics, d => d.Code == "EGP042");
        Assert.Equal("EGP050", Assert.Single(osm.Diagnostics).Code);
        Assert.True(osm.HasErrors);
    }

    [Fact]
    public void A_policy_with_errors_still_previews_with_its_errors()
    {
        var analysis = Analyse("broken.yaml", UnknownSpecField);
        var preview = ExpansionPreview.Create(analysis, target: null);

        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "http.yaml").Stdout, preview.Yaml);
        Assert.NotEmpty(preview.Map);
        Assert.True(preview.HasErrors);
        // Infos (EGP027 here) stay in the editor, as with egressctl expand.
        Assert.Contains(analysis.Diagnostics, d => d.Level == Core.Diagnostics.DiagnosticLevel.Info);
        Assert.Same(Single(analysis, "EGP002"), Assert.Single(preview.Diagnostics));
    }

    [Fact]
    public void A_document_without_policies_previews_nothing()
    {
        var preview = ExpansionPreview.Create(Example("ambient-httpbin.yaml"), target: null);
        Assert.Equal("", preview.Yaml);
        Assert.Empty(preview.Map);
    }

    [Fact]
    public void A_document_over_the_editor_limit_is_not_expanded_in_the_editor_and_says_why()
    {
        // The http example's rule repeated until the document passes 2 MiB.
        var example = File.ReadAllText(ExamplePath("http.yaml"));
        var rule = example[example.IndexOf("  - from:", StringComparison.Ordinal)..];
        var copies = ExpansionPreview.MaxEditorExpansionChars / (rule.Length - "mytest".Length) + 1;
        var text = example + string.Concat(Enumerable.Range(0, copies).Select(i => rule.Replace("mytest", $"ns{i}")));
        Assert.True(text.Length > ExpansionPreview.MaxEditorExpansionChars, $"{text.Length} characters, rule {rule.Length}");
        var analysis = Analyse("/work/big.yaml", text);

        var preview = ExpansionPreview.Create(analysis, null);
        Assert.Equal("", preview.Yaml);
        var reason = Assert.Single(preview.Diagnostics);
        Assert.Equal("EGP060", reason.Code);
        Assert.StartsWith("Not expanded in the editor: the document is over 2 MiB", reason.Message.En);

        var lens = Assert.Single(CodeLensService.GetLenses(analysis));
        Assert.Null(lens.Command);
        Assert.Equal(reason.Message.En, lens.Title.En + ".");
        Assert.DoesNotContain(CodeActionService.GetActions(analysis, new TextSpan(0, 0)), a => a.CreatesFile is not null);
    }
}
