using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Conversion;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using EgressLsp.Tests.Expansion;

namespace EgressLsp.Tests.Conversion;

/// <summary>
/// A proposal is faithful: the hand-written input meets the istio-sidecar contract of the proposed policy (the same
/// sources, hosts, ports, gateway ports and TLS), checked by following the traffic as <see cref="ExpansionContractTests"/>
/// does, relaxed only where the conversion reported the proposal stricter or narrower; expanding the proposal meets
/// the same contract; and converting the expansion of every golden policy gives that policy back.
/// </summary>
public class ConversionContractTests
{
    public static TheoryData<string> Converted => new(ConversionCase.Names.Where(name => !ConversionCase.Get(name).Convert().Policies.IsEmpty));

    [Theory]
    [MemberData(nameof(Converted))]
    public void The_input_meets_the_contract_of_its_proposal(string name)
    {
        var golden = ConversionCase.Get(name);
        var result = golden.Convert();
        foreach (var (run, differences) in InputRuns(golden, result, result.ToYaml()))
        {
            var failures = new ExpansionContractTests.ContractChecker(run, differences).Check();
            Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
        }
    }

    /// <summary>The check can fail: a proposal listing another source, port or gateway port than the input's is refused.</summary>
    [Theory]
    [InlineData("exportto-labels-authorization", "    - namespace: team-b\n", "    - namespace: team-b\n    - namespace: intruders\n")]
    [InlineData("exportto-labels-authorization", "        app: billing\n", "        app: web\n")]
    [InlineData("one-virtualservice-per-hop-custom-gateway", "        port: 8443\n", "        port: 9443\n")]
    [InlineData("seed-002-tls-origination-mtls", "        port: 443\n", "        port: 8443\n")]
    [InlineData("clean-egress-gateway-https-passthrough", "        number: 443\n", "        number: 8443\n")]
    public void A_proposal_that_says_something_else_fails_the_contract(string name, string original, string replacement)
    {
        var golden = ConversionCase.Get(name);
        var result = golden.Convert();
        var yaml = result.ToYaml();
        Assert.Contains(original, yaml);
        var failures = InputRuns(golden, result, yaml.Replace(original, replacement, StringComparison.Ordinal))
            .SelectMany(r => new ExpansionContractTests.ContractChecker(r.Run, r.Differences).Check());
        Assert.NotEmpty(failures);
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void Expanding_the_proposal_meets_the_contract(string name)
    {
        var golden = ConversionCase.Get(name);
        var result = golden.Convert();
        var environment = GoldenConversionTests.ProposedEnvironmentOf(result.Environment, golden.Environment);
        foreach (var (run, _) in InputRuns(golden, result, result.ToYaml()))
        {
            var expansion = EgressExpander.Expand(run.Plan, environment, golden.Workspace);
            Assert.NotEmpty(expansion.Resources);
            var failures = new ExpansionContractTests.ContractChecker(run with { Result = expansion }).Check();
            Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
        }
    }

    /// <summary>
    /// Converting the istio-sidecar expansion of each golden policy gives back what that expansion enforces: the same
    /// hosts, ports, protocols, gateway ports, upgrades and sources, through the same gateway (names aside). Where the
    /// expansion could not narrow a TLS source to its workloads (EGP042), the namespace is what it enforces.
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Converting_an_expansion_gives_its_policy_back(string name)
    {
        var golden = GoldenCase.Get(name);
        var run = golden.RunFor("istio-sidecar");
        var files = new List<WorkspaceFileFacts> { WorkspaceFileFacts.Read("expansion.yaml", YamlFile.Parse(run.Yaml)) };
        if (File.Exists(golden.WorkspacePath))
        {
            files.Add(WorkspaceFileFacts.Read("workspace.yaml", YamlFile.Parse(File.ReadAllText(golden.WorkspacePath))));
        }
        var result = EgressConverter.Convert(WorkspaceIndex.Build(files), run.Environment, path => path == "expansion.yaml");
        Assert.DoesNotContain(result.Findings, f => f.Diagnostic.Code is "EGC001" or "EGC002" or "EGC005");

        Assert.Equal(Enforced(run), Proposed(result));
        var policy = Assert.Single(result.Policies);
        var environment = GoldenConversionTests.ProposedEnvironmentOf(result.Environment, run.Environment);
        Assert.Equal(run.Environment.GatewayHostFor(run.Plan.Policy.GatewayName!), environment.GatewayHostFor(policy.GatewayName));
        Assert.Equal(run.Environment.GatewaySelectorFor(run.Plan.Policy.GatewayName!).AsEnumerable(), environment.GatewaySelectorFor(policy.GatewayName).AsEnumerable());
    }

    /// <summary>host:port protocol → gateway port, upgrade and sorted sources, as the golden expansion enforces them.</summary>
    private static SortedDictionary<string, string> Enforced(GoldenRun run)
    {
        var warned = run.Result.Diagnostics.Where(d => d.Code == "EGP042").Select(d => d.Message.En).ToArray();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in run.Plan.Hosts)
        {
            foreach (var port in host.Ports)
            {
                var sources = port.Sources.Select(s =>
                    warned.Any(w => w.Contains($"namespace '{s.Namespace}' to ", StringComparison.Ordinal) && w.Contains($"{host.Host}:{port.AppPort}", StringComparison.Ordinal))
                        ? s.Namespace
                        : new ProposedSource(s.Namespace, s.Source.WorkloadSelector).Key);
                var settings = port.Settings;
                result[$"{host.Host}:{port.AppPort} {settings.Source.Protocol}"] =
                    $"gateway {port.GatewayPort} upgrade {(port.OriginatesTls ? port.UpstreamPort : null)} from {string.Join(" ", sources.Distinct().Order(StringComparer.Ordinal))}";
            }
        }
        return result;
    }

    private static SortedDictionary<string, string> Proposed(ConversionResult result) =>
        new(result.Destinations.ToDictionary(
            d => $"{d.Host}:{d.Port} {d.Protocol}",
            d => $"gateway {d.GatewayPort} upgrade {d.UpgradePort} from {string.Join(" ", d.Sources.Select(s => s.Key).Order(StringComparer.Ordinal))}"),
            StringComparer.Ordinal);

    /// <summary>
    /// One contract run per proposed policy: its plan and environment, with the hand-written input as the resources to
    /// check, and the differences the conversion reported per host.
    /// </summary>
    private static IEnumerable<(GoldenRun Run, Dictionary<string, HashSet<ProposalDifference>> Differences)> InputRuns(ConversionCase golden, ConversionResult result,
        string proposalYaml)
    {
        var environment = GoldenConversionTests.ProposedEnvironmentOf(result.Environment, golden.Environment);
        var resources = HandWritten(golden.InputText, environment.ClusterDomain);
        var differences = result.Destinations
            .GroupBy(d => d.Host)
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.Differences).ToHashSet());
        var file = YamlFile.Parse(proposalYaml);
        foreach (var document in file.Documents)
        {
            var policy = EgressPolicy.Bind(document) ?? throw new InvalidOperationException("the proposal holds something other than a policy");
            yield return (new GoldenRun(file, EgressPlan.Build(policy), environment, golden.Workspace, new ExpansionResult(resources, [])), differences);
        }
    }

    /// <summary>
    /// The Istio objects of a hand-written file as the contract checker reads generated ones, with what Istio fills in
    /// written out: the <c>default</c> namespace, <c>MESH_EXTERNAL</c>, <c>mesh</c> for a VirtualService without
    /// gateways, gateway references and short hosts made full, <c>.</c> in exportTo as the namespace, Gateway hosts
    /// without their namespace part.
    /// </summary>
    private static ImmutableArray<GeneratedResource> HandWritten(string text, string clusterDomain)
    {
        var resources = ImmutableArray.CreateBuilder<GeneratedResource>();
        foreach (var document in YamlFile.Parse(text).Documents)
        {
            if (document.Root?.Resolved is not YamlMapping root || root.GetString("kind") is not { } kind || root.GetString("apiVersion") is not { } apiVersion ||
                !apiVersion.Contains(".istio.io/", StringComparison.Ordinal))
            {
                continue;
            }
            var ns = root.GetMapping("metadata")?.GetString("namespace") ?? Manifest.DefaultNamespace;
            var manifest = (ManifestMapping)ToManifest(root);
            var spec = manifest.GetMapping("spec") ?? ManifestMapping.Empty;
            spec = Normalise(kind, ns, spec, clusterDomain);
            var entries = manifest.Entries.Select(e => e.Key == "spec" ? e with { Value = spec } : e)
                .Select(e => e.Key == "metadata" ? e with { Value = WithNamespace((ManifestMapping)e.Value, ns) } : e);
            resources.Add(new GeneratedResource(apiVersion, kind, ns, root.GetMapping("metadata")!.GetString("name")!, new ManifestMapping(entries), [], default));
        }
        return resources.ToImmutable();
    }

    private static ManifestMapping WithNamespace(ManifestMapping metadata, string ns) =>
        metadata.GetString("namespace") is null ? new ManifestMapping(metadata.Entries.Append(new ManifestEntry("namespace", ns))) : metadata;

    private static ManifestMapping Normalise(string kind, string ns, ManifestMapping spec, string clusterDomain)
    {
        string Fqdn(string host) => MeshHost.ToFqdn(host, ns, clusterDomain);
        string GatewayReference(string gateway) => gateway == VirtualServiceModel.MeshGatewayName || gateway.Contains('/') ? gateway : $"{ns}/{gateway}";
        ManifestNode Rewrite(ManifestNode node, string? key) => node switch
        {
            ManifestMapping mapping => new ManifestMapping(mapping.Entries.Select(e => e with { Value = Rewrite(e.Value, e.Key) })),
            ManifestSequence sequence when key == "gateways" => ManifestSequence.OfStrings(sequence.Strings.Select(GatewayReference)),
            ManifestSequence sequence when key == "exportTo" => ManifestSequence.OfStrings(sequence.Strings.Select(e => e == "." ? ns : e)),
            ManifestSequence sequence when key == "hosts" && kind == "Gateway" => ManifestSequence.OfStrings(sequence.Strings.Select(h => h.Contains('/') ? h[(h.IndexOf('/') + 1)..] : h)),
            ManifestSequence sequence when key == "hosts" => ManifestSequence.OfStrings(sequence.Strings.Select(Fqdn)),
            ManifestSequence sequence => new ManifestSequence(sequence.Items.Select(item => Rewrite(item, null))),
            ManifestScalar { Kind: ManifestScalarKind.String } scalar when key == "host" => ManifestScalar.String(Fqdn(scalar.Text)),
            _ => node,
        };
        var rewritten = (ManifestMapping)Rewrite(spec, null);
        var added = new List<ManifestEntry>();
        if (kind == "ServiceEntry" && rewritten.GetString("location") is null)
        {
            added.Add(new ManifestEntry("location", "MESH_EXTERNAL"));
        }
        if (kind == "VirtualService" && rewritten.GetSequence("gateways") is null)
        {
            added.Add(new ManifestEntry("gateways", ManifestSequence.OfStrings([VirtualServiceModel.MeshGatewayName])));
        }
        return new ManifestMapping(rewritten.Entries.Concat(added));
    }

    private static ManifestNode ToManifest(YamlNode node) => node.Resolved switch
    {
        YamlMapping mapping => new ManifestMapping(mapping.Pairs.Where(p => p.KeyText is not null).Select(p => new ManifestEntry(p.KeyText!, ToManifest(p.Value)))),
        YamlSequence sequence => new ManifestSequence(sequence.Items.Select(ToManifest)),
        YamlScalar { Style: YamlScalarStyle.Plain } scalar when scalar.TryGetInt64(out var number) => ManifestScalar.Integer(number),
        YamlScalar { Style: YamlScalarStyle.Plain } scalar when scalar.TryGetBoolean(out var flag) => ManifestScalar.Boolean(flag),
        YamlScalar scalar => ManifestScalar.String(scalar.Value),
        _ => ManifestScalar.String(""),
    };
}
