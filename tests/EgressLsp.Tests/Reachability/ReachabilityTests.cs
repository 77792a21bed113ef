using System.Collections.Immutable;
using System.Text;
using EgressLsp.Cli.Formatting;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using EgressLsp.Tests.Conversion;
using EgressLsp.Tests.Expansion;
using EgressLsp.Tests.Golden;

namespace EgressLsp.Tests.Reachability;

/// <summary>
/// The reachability engine on every golden policy (through its expansion for each target's data plane) and every
/// hand-written Istio set of the conversion cases: listed sources are allowed through the gateway, other namespaces and
/// unselected workloads are refused (or reported as EGP042), hops name the real objects, and the answers are golden files.
/// </summary>
public class ReachabilityTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "reach");

    /// <summary>The case's policy and workspace as one workspace, with the case's environment.</summary>
    internal static EgressReachability ModelOf(GoldenRun run) =>
        EgressReachability.Build(run.Workspace.WithFile(WorkspaceFileFacts.Read("policy.yaml", run.File)), run.Environment);

    internal static EgressReachability ModelOf(ConversionCase golden) => EgressReachability.Build(golden.Workspace, golden.Environment);

    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void Every_source_a_policy_lists_is_allowed_through_the_gateway_and_no_other(string name, string target)
    {
        var golden = GoldenCase.Get(name);
        var run = golden.RunFor(target);
        // What the target cannot express is an error on the 'to' or 'from' that says it (EGP050), and is not generated.
        var errors = run.Result.Diagnostics.Where(d => d.Level == Core.Diagnostics.DiagnosticLevel.Error).Select(d => d.Span).ToArray();
        bool Unexpressed(YamlNode node) => errors.Any(e => e.Start >= node.Span.Start && e.End <= node.Span.End);
        var model = ModelOf(run);
        var generated = run.Result.Resources.Select(r => (r.Kind, r.Namespace, r.Name)).ToHashSet();
        var warned = run.Result.Diagnostics.Where(d => d.Code == "EGP042").Select(d => d.Message.En).ToArray();
        foreach (var host in run.Plan.Hosts)
        {
            foreach (var port in host.Ports.Where(p => !Unexpressed(p.Settings.Source.Node)))
            {
                var destination = new ReachDestination(host.Host, port.AppPort);
                foreach (var source in port.Sources.Where(s => !Unexpressed(s.Source.Node)))
                {
                    var workloads = run.Workspace.WorkloadsIn(source.Namespace).Where(w => w.Matches(source.Source.WorkloadSelector)).ToArray();
                    var asked = workloads.Length > 0
                        ? workloads.Select(w => new ReachSource(w.Namespace, w.PodLabels, w.ServiceAccount, $"{w.Kind} {w.Name}"))
                        : [new ReachSource(source.Namespace, source.Source.WorkloadSelector)];
                    foreach (var from in asked)
                    {
                        var answer = model.Answer(from, destination);
                        Assert.True(answer.IsAllowed && answer.Via == ReachVia.EgressGateway,
                            $"{name}: {from.Display} → {host.Host}:{port.AppPort} should go through the gateway:\n{ReachFormatter.Text(answer, "en")}");
                        Assert.All(answer.Hops.Select(h => h.Object).OfType<HopObject>(), at =>
                            Assert.True(at.Generated && generated.Contains((at.Kind, at.Namespace, at.Name)) && at.File == "policy.yaml", $"{at} is not a generated object"));
                    }
                    // A workload of the namespace the selector does not pick is refused, unless the mesh cannot tell it apart (EGP042).
                    foreach (var other in run.Workspace.WorkloadsIn(source.Namespace).Where(w => !port.Sources.Any(s => s.Namespace == w.Namespace && w.Matches(s.Source.WorkloadSelector))))
                    {
                        var answer = model.Answer(new ReachSource(other.Namespace, other.PodLabels, other.ServiceAccount), destination);
                        var unenforceable = warned.Any(w => w.Contains($"namespace '{other.Namespace}' to ", StringComparison.Ordinal) && w.Contains($"{host.Host}:{port.AppPort}", StringComparison.Ordinal));
                        Assert.True(!answer.IsAllowed || unenforceable, $"{name}: unselected {other.Kind} {other.Name} reaches {host.Host}:{port.AppPort}:\n{ReachFormatter.Text(answer, "en")}");
                    }
                }
                var refused = model.Answer(new ReachSource("intruders", []), destination);
                Assert.False(refused.IsAllowed, $"{name}: an unlisted namespace reaches {host.Host}:{port.AppPort}");
                Assert.StartsWith(IntruderSymptom(target, port.Kind), refused.Symptom!.Value.En, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The model reads a policy's expansion as nodes made in memory (<see cref="Core.Expansion.ManifestYaml"/>), not as
    /// its written manifest parsed back: both must give the mesh the same objects with the same content and value types.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void An_expansion_read_in_memory_is_what_its_written_manifest_parses_to(string name, string target)
    {
        var resources = GoldenCase.Get(name).RunFor(target).Result.Resources;
        var inMemory = YamlFile.Of([.. resources.Select(Core.Expansion.ManifestYaml.Document)]);
        var parsed = YamlFile.Parse(Core.Expansion.ManifestWriter.ToYaml(resources));

        Assert.Equal(Scalars(parsed), Scalars(inMemory));
        Assert.Equal(Mesh(parsed), Mesh(inMemory));
        Assert.Equal(resources.Length, Mesh(inMemory).Count());

        static IEnumerable<(string, YamlValueType)> Scalars(YamlFile file) => file.Documents.SelectMany(d => Walk(d.Root)).Select(s => (s.Value, s.ValueType));
        static IEnumerable<YamlScalar> Walk(YamlNode? node) => node switch
        {
            YamlScalar scalar => [scalar],
            YamlMapping mapping => mapping.Pairs.SelectMany(p => Walk(p.Key).Concat(Walk(p.Value))),
            YamlSequence sequence => sequence.Items.SelectMany(Walk),
            _ => [],
        };
        static IEnumerable<(string, string, string, ulong)> Mesh(YamlFile file) =>
            WorkspaceFileFacts.Read("x", file).Mesh.Select(r => (r.Kind, r.Namespace, r.Name, r.Fingerprint));
    }

    /// <summary>
    /// A policy's expansion is kept while only mesh resources change (an Istio file is edited) and made again when the
    /// identities it reads do: a new workload's service account in a whole-namespace source is admitted (osm-edge lists
    /// service accounts) as soon as the workload appears.
    /// </summary>
    [Fact]
    public void A_policy_is_expanded_again_when_the_identities_it_reads_change_and_not_when_an_istio_file_does()
    {
        var run = GoldenCase.Get("workspace-identities").RunFor("osm-edge");
        const string Entry = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: extra\n  namespace: curl\nspec:\n  hosts: [{0}]\n";
        var workspace = run.Workspace.WithFile(WorkspaceFileFacts.Read("policy.yaml", run.File))
            .WithFile(WorkspaceFileFacts.Read("istio.yaml", YamlFile.Parse(string.Format(Entry, "a.example.com"))));
        var reporter = new ReachSource("curl", [], "reporter");
        var destination = new ReachDestination("httpbin.org", 80);
        Assert.False(EgressReachability.Build(workspace, run.Environment).Answer(reporter, destination).IsAllowed);

        var istioEdit = workspace.WithFile(WorkspaceFileFacts.Read("istio.yaml", YamlFile.Parse(string.Format(Entry, "b.example.com"))));
        var workloadAdded = istioEdit.WithFile(WorkspaceFileFacts.Read("reporter.yaml", YamlFile.Parse(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reporter\n  namespace: curl\nspec:\n  template:\n    spec:\n      serviceAccountName: reporter\n")));

        Assert.Same(workspace.Identities, istioEdit.Identities);
        Assert.NotSame(istioEdit.Identities, workloadAdded.Identities);
        Assert.True(EgressReachability.Build(workloadAdded, run.Environment).Answer(reporter, destination).IsAllowed);
    }

    /// <summary>
    /// How a namespace no policy lists is refused: the sidecar's registry does not show it the host (502, reset); the
    /// waypoint's policy refuses it (403, reset); osm-edge's sidecar has no Egress for it (connection refused).
    /// </summary>
    private static string IntruderSymptom(string target, TrafficKind kind) => (target, kind) switch
    {
        ("istio-sidecar", TrafficKind.Http) => "HTTP 502",
        ("istio-ambient", TrafficKind.Http) => "HTTP 403",
        ("osm-edge", _) => "connection refused",
        _ => "connection reset",
    };

    /// <summary>No golden policy's expansion lets any source past the egress gateway: no cell of its matrix is a direct connection.</summary>
    [Theory]
    [MemberData(nameof(GoldenCase.AllWithTargets), MemberType = typeof(GoldenCase))]
    public void No_expansion_leaves_a_way_around_the_gateway(string name, string target)
    {
        var golden = GoldenCase.Get(name);
        var matrix = ModelOf(golden.RunFor(target)).Matrix();
        var bypasses = matrix.Answers.SelectMany(a => a).Where(a => a.Via == ReachVia.Direct).Select(a => $"{a.Source.Display} → {a.Host}:{a.Port}").ToList();
        Assert.True(bypasses.Count == 0, $"{name}: " + string.Join(", ", bypasses));
    }

    /// <summary>For hand-written sets, every source the conversion proposes is allowed through the gateway: the two readings of the traffic agree.</summary>
    [Theory]
    [MemberData(nameof(ConversionContractTests.Converted), MemberType = typeof(ConversionContractTests))]
    public void Every_source_a_conversion_proposes_is_allowed_through_the_gateway(string name)
    {
        var golden = ConversionCase.Get(name);
        var model = ModelOf(golden);
        foreach (var destination in golden.Convert().Destinations)
        {
            foreach (var source in destination.Sources)
            {
                var answer = model.Answer(new ReachSource(source.Namespace, source.WorkloadSelector), new ReachDestination(destination.Host, destination.Port));
                Assert.True(answer.IsAllowed && answer.Via == ReachVia.EgressGateway,
                    $"{name}: {source.Key} → {destination.Host}:{destination.Port}:\n{ReachFormatter.Text(answer, "en")}");
                Assert.All(answer.Hops.Select(h => h.Object).OfType<HopObject>(), at => Assert.Equal(ConversionCase.InputFile, at.File));
            }
        }
    }

    /// <summary>A broken hand-written set: the refusal names the hop that breaks, as the user would see it.</summary>
    [Theory]
    [InlineData("subset: stripe\n", "subset: stripes\n", "gateway-subset", "HTTP 503 (NC")]
    [InlineData("          sni: api.stripe.com\n", "          sni: stripe.com\n", "gateway-server", "HTTP 503 (UF")]
    [InlineData("        - api.stripe.com\n        - api.stripe.com:80\n", "        - api.stripe.org\n", "authorization", "HTTP 403")]
    [InlineData("      number: 80\n      name: https-80\n", "      number: 8080\n      name: https-80\n", "gateway-server", "HTTP 404 (NR at the egress gateway")]
    public void A_broken_set_is_refused_at_the_hop_that_breaks(string original, string replacement, string step, string symptom)
    {
        var golden = ConversionCase.Get("exportto-labels-authorization");
        Assert.Contains(original, golden.InputText);
        var broken = golden.InputText.Replace(original, replacement, StringComparison.Ordinal);
        var workspace = golden.Workspace.WithFile(WorkspaceFileFacts.Read(ConversionCase.InputFile, YamlFile.Parse(broken)));
        var model = EgressReachability.Build(workspace, golden.Environment);

        var answer = model.Answer(new ReachSource("team-b", []), new ReachDestination("api.stripe.com", 80));

        Assert.False(answer.IsAllowed, ReachFormatter.Text(answer, "en"));
        Assert.Equal(step, answer.Decisive!.Step);
        Assert.StartsWith(symptom, answer.Symptom!.Value.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_allow_any_an_unlisted_host_leaves_directly_and_the_answer_says_so()
    {
        var golden = ConversionCase.Get("exportto-labels-authorization");
        var model = EgressReachability.Build(golden.Workspace, golden.Environment with { OutboundTrafficPolicy = OutboundTrafficPolicy.AllowAny });

        var answer = model.Answer(new ReachSource("team-b", []), new ReachDestination("example.org", 443, ReachProtocol.Tls));

        Assert.Equal((ReachOutcome.Allowed, ReachVia.Direct), (answer.Outcome, answer.Via));
        Assert.Contains("PassthroughCluster", answer.Hops.Single().Detail.En, StringComparison.Ordinal);
        Assert.Equal(OutboundTrafficPolicy.AllowAny, answer.Assumed);
    }

    /// <summary>
    /// The matrix of every golden policy (one file per target) and hand-written set, and the hop chain of each of its
    /// cells: <c>golden/reach/expand-CASE.TARGET.reach.md</c>, <c>golden/reach/convert-CASE.reach.md</c>. Regenerate with <c>EGRESSLSP_UPDATE_GOLDEN=1 dotnet test --filter "FullyQualifiedName~Reachability"</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_match_the_golden_file(string name)
    {
        // expand-CASE.TARGET or convert-CASE
        var model = name.StartsWith("expand-", StringComparison.Ordinal)
            ? ModelOf(GoldenCase.Get(name["expand-".Length..name.LastIndexOf('.')]).RunFor(name[(name.LastIndexOf('.') + 1)..]))
            : ModelOf(ConversionCase.Get(name["convert-".Length..]));
        var matrix = model.Matrix();
        var text = new StringBuilder(ReachFormatter.MatrixTable(matrix, markdown: true)).Append('\n');
        foreach (var answer in matrix.Answers.SelectMany(a => a))
        {
            text.Append("```\n").Append(ReachFormatter.Text(answer, "en")).Append("```\n");
        }
        GoldenFile.AssertMatches(Path.Combine(Folder, name + ".reach.md"), text.ToString());
    }

    /// <summary>The egress map of the egress-test workspace: well-formed SVG, every source, gateway and destination drawn, links to the deciding objects.</summary>
    [Fact]
    public void The_egress_map_draws_every_source_gateway_and_destination_with_links()
    {
        var golden = ConversionCase.Get("exportto-labels-authorization");
        var matrix = ModelOf(golden).Matrix();

        var svg = EgressMap.Svg(matrix);

        var document = System.Xml.Linq.XDocument.Parse(svg);
        var texts = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToArray();
        Assert.All(matrix.Sources, source => Assert.Contains(source.Display, texts));
        Assert.All(matrix.Destinations, destination => Assert.Contains($"{destination.Host}:{destination.Port}", texts));
        Assert.Contains("egressgateway.istio-system", texts);
        var links = document.Descendants().Where(e => e.Name.LocalName == "a").Select(e => (string?)e.Attribute("href")).ToArray();
        Assert.Contains("input.yaml#L35", links);
        // One bypass per source namespace that sees port 443, drawn dashed; the allowed HTTP paths go through the gateway.
        var paths = document.Descendants().Where(e => e.Name.LocalName == "path").ToArray();
        Assert.Equal(3, paths.Count(p => (string?)p.Attribute("class") == "bypass"));
        Assert.Contains(paths, p => (string?)p.Attribute("class") == "ok");
        GoldenFile.AssertMatches(Path.Combine(Folder, "egress-map.svg"), svg);
    }

    public static TheoryData<string> Cases => new(GoldenCase.Names
        .SelectMany(n => TargetRegistry.Ids.Select(target => $"expand-{n}.{target}"))
        .Concat(ConversionCase.Names.Select(n => "convert-" + n)));
}
