using System.Collections.Immutable;
using EgressLsp.Core.Conversion;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;

namespace EgressLsp.Tests.Expansion;

/// <summary>
/// Checks expansion.md's numbered points for <c>istio-sidecar</c> on the output of every golden input, over the
/// output model (not the text), whatever names the translator chose: for every rule, <c>to</c> entry T and host H,
/// follow a source's request the way Istio would route it, and check each object on the way.
/// </summary>
public class ExpansionContractTests
{
    private const string Mesh = "mesh";

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_destination_meets_the_istio_sidecar_contract(string name)
    {
        var run = GoldenCase.Get(name).Run();
        Assert.Empty(run.Plan.Conflicts);
        var failures = new ContractChecker(run).Check();
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_object_is_named_labelled_traceable_and_in_order(string name)
    {
        var run = GoldenCase.Get(name).Run();
        var policy = run.Plan.Policy;
        var resources = run.Result.Resources;
        string[] kindOrder = ["ServiceEntry", "Gateway", "DestinationRule", "VirtualService", "AuthorizationPolicy"];
        Assert.Equal(resources.Select(r => Array.IndexOf(kindOrder, r.Kind)).Order(), resources.Select(r => Array.IndexOf(kindOrder, r.Kind)));
        Assert.Equal(resources.Length, resources.Select(r => (r.Kind, r.Namespace, r.Name)).Distinct().Count());
        var destinationPaths = policy.Destinations.ToDictionary(d => d.Path, d => d);
        foreach (var resource in resources)
        {
            var manifest = resource.Manifest;
            var metadata = manifest.GetMapping("metadata")!;
            Assert.Equal(["apiVersion", "kind", "metadata", "spec"], manifest.Keys);
            Assert.Equal(resource.ApiVersion, manifest.GetString("apiVersion"));
            Assert.Equal(resource.Kind, manifest.GetString("kind"));
            Assert.Equal(resource.Name, metadata.GetString("name"));
            Assert.Equal(resource.Namespace, metadata.GetString("namespace"));
            Assert.Equal(resource.Kind == "AuthorizationPolicy" ? "security.istio.io/v1" : "networking.istio.io/v1", resource.ApiVersion);
            Assert.True(ResourceNames.IsDnsLabel(resource.Name), $"{resource.Kind} name '{resource.Name}' is not a DNS-1123 label of at most 63 characters");
            var labels = metadata.GetMapping("labels")!;
            Assert.Equal("egress-lsp", labels.GetString("app.kubernetes.io/managed-by"));
            Assert.True(ResourceNames.IsLabelValue(labels.GetString("egress-lsp.io/policy")!));
            Assert.NotEmpty(resource.SourcePaths);
            Assert.All(resource.SourcePaths, path => Assert.True(destinationPaths.ContainsKey(path), path));
            Assert.Equal(destinationPaths[resource.SourcePaths[0]].Node.Span, resource.SourceSpan);
            Assert.Equal(
                $"{policy.Namespace ?? "istio-egress"}/{policy.Name}: {string.Join(", ", resource.SourcePaths)}",
                metadata.GetMapping("annotations")!.GetString("egress-lsp.io/source"));
        }
    }

    /// <summary>The checker itself: breaking one contract point in a correct expansion must be noticed.</summary>
    [Theory]
    [InlineData("http", "DestinationRule", "sni", "wrong.example.com")]
    [InlineData("http", "ServiceEntry", "exportTo", null)]
    [InlineData("http", "Gateway", "protocol", "HTTP")]
    [InlineData("http", "VirtualService", "directResponse", null)]
    [InlineData("http", "VirtualService", "sourceNamespace", "other")]
    [InlineData("whole-namespaces", "AuthorizationPolicy", "namespaces", "intruder")]
    [InlineData("https-upgrade", "DestinationRule", "mode", "DISABLE")]
    [InlineData("https-passthrough", "VirtualService", "sniHosts", "other.example.com")]
    [InlineData("https-passthrough", "Gateway", "mode", "SIMPLE")]
    public void A_broken_expansion_fails_the_contract(string name, string kind, string key, string? replacement)
    {
        var run = GoldenCase.Get(name).Run();
        var broken = run.Result.Resources.Select(r => r.Kind == kind ? r with { Manifest = (ManifestMapping)Rewrite(r.Manifest, key, replacement) } : r);
        var failures = new ContractChecker(run with { Result = run.Result with { Resources = [.. broken] } }).Check();
        Assert.NotEmpty(failures);
    }

    /// <summary>Replaces every value under <paramref name="key"/> (a sequence's items, or a scalar) with <paramref name="replacement"/>, or removes it.</summary>
    /// <summary>The destinations an EGP042 names for namespace <paramref name="ns"/>: "… from namespace 'ns' to h1:p1, h2:p2: reason".</summary>
    private static string[] WarnedDestinations(Diagnostic diagnostic, string ns)
    {
        var text = diagnostic.Message.En;
        var marker = $"namespace '{ns}' to ";
        var start = text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }
        start += marker.Length;
        var end = text.IndexOf(": ", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)].Split(", ");
    }

    private static ManifestNode Rewrite(ManifestNode node, string key, string? replacement) => node switch
    {
        ManifestMapping mapping => new ManifestMapping(mapping.Entries
            .Where(e => e.Key != key || replacement is not null)
            .Select(e => e.Key != key
                ? e with { Value = Rewrite(e.Value, key, replacement) }
                : e with { Value = e.Value is ManifestSequence items ? ManifestSequence.OfStrings(items.Items.Select(_ => replacement!)) : replacement! })),
        ManifestSequence sequence => new ManifestSequence(sequence.Items.Select(item => Rewrite(item, key, replacement))),
        _ => node,
    };

    /// <summary>
    /// Walks the contract for one expansion and collects what does not hold. With <paramref name="handWritten"/>, the
    /// resources are hand-written ones converted into <c>run.Plan</c>'s policy (the conversion tests): the differences
    /// the conversion reported for a host relax the contract points they name, and the forms Istio reads alike are
    /// accepted (a subset's whole-destination TLS for its port's, no <c>sni</c> on an originating rule: Istio's auto SNI,
    /// no route for a refused workload: Envoy's 404 NR).
    /// </summary>
    internal sealed class ContractChecker(GoldenRun run, IReadOnlyDictionary<string, HashSet<ProposalDifference>>? handWritten = null)
    {
        private bool HandWritten => handWritten is not null;

        private bool Relaxed(string host, ProposalDifference difference) => handWritten is not null && handWritten.TryGetValue(host, out var set) && set.Contains(difference);

        private readonly List<string> _failures = [];
        private readonly Dictionary<string, string> _hostBySubset = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Host, int AppPort), int> _clusterPorts = [];
        private readonly ImmutableArray<GeneratedResource> _resources = run.Result.Resources;
        private readonly string _gatewayNamespace = run.Environment.GatewayNamespace;
        private readonly string _gatewayHost = run.Environment.GatewayHostFor(run.Plan.Policy.GatewayName!);
        private readonly Dictionary<string, string> _gatewaySelector = run.Environment.GatewaySelectorFor(run.Plan.Policy.GatewayName!)
            .ToDictionary(l => l.Key, l => l.Value);

        public List<string> Check()
        {
            foreach (var rule in run.Plan.Policy.Rules)
            {
                foreach (var to in rule.To)
                {
                    var planned = run.Plan.Find(to)!;
                    foreach (var host in to.Hosts.Select(h => h.Host).Distinct())
                    {
                        CheckDestination(rule, planned, host);
                    }
                }
            }
            CheckGatewayPortNames();
            return _failures;
        }

        private void Fail(string message) => _failures.Add(message);

        private void CheckDestination(EgressRule rule, PlannedDestination planned, string host)
        {
            var to = planned.Source;
            var at = $"{to.Path} {host}";
            var appPort = to.PortNumber!.Value;
            var gatewayPort = planned.GatewayPort;
            var upstreamPort = planned.UpstreamPort;
            var kind = planned.Kind;
            var hostNamespaces = NamespacesAllowedOn(host, port: null);
            var portNamespaces = NamespacesAllowedOn(host, appPort);

            // 1. Registry.
            var serviceEntries = Of("ServiceEntry").Where(se => Strings(Spec(se), "hosts").Contains(host)).ToList();
            if (serviceEntries.Count != 1)
            {
                Fail($"{at}: expected one ServiceEntry declaring the host, found {serviceEntries.Count}");
                return;
            }
            var serviceEntry = serviceEntries[0];
            var seSpec = Spec(serviceEntry);
            Expect(seSpec.GetString("location") == "MESH_EXTERNAL" && seSpec.GetString("resolution") == "DNS", $"{at}: ServiceEntry must be MESH_EXTERNAL with DNS resolution");
            var sePorts = seSpec.GetSequence("ports")!.Mappings.ToList();
            Expect(sePorts.Any(p => p.GetInteger("number") == appPort && string.Equals(p.GetString("protocol"), to.Protocol, StringComparison.OrdinalIgnoreCase)),
                $"{at}: ServiceEntry lacks port {appPort} {to.Protocol}");
            // An upgrade's upstream port is the target port of port A (Istio's "Egress TLS origination" task), not a port of its
            // own: a port U visible to the sources would let them open TLS to H:U past the gateway.
            Expect(upstreamPort == appPort || sePorts.Any(p => p.GetInteger("number") == appPort && p.GetInteger("targetPort") == upstreamPort) ||
                HandWritten && sePorts.Any(p => p.GetInteger("number") == upstreamPort), $"{at}: ServiceEntry lacks upstream port {upstreamPort}");
            Expect(HandWritten || upstreamPort == appPort || run.Plan.Hosts.Single(h => h.Host == host).Ports.Any(p => p.AppPort == upstreamPort) ||
                !sePorts.Any(p => p.GetInteger("number") == upstreamPort), $"{at}: ServiceEntry declares upstream port {upstreamPort}, which the sources could dial past the gateway");
            foreach (var source in rule.From)
            {
                Expect(IsVisible(serviceEntry, source.Namespace!), $"{at}: ServiceEntry not visible to source namespace {source.Namespace}");
            }
            Expect(IsVisible(serviceEntry, _gatewayNamespace), $"{at}: ServiceEntry not visible to the gateway namespace");
            if (!Relaxed(host, ProposalDifference.SourcesDiffer))
            {
                ExpectExportedOnlyTo(serviceEntry, hostNamespaces, at);
            }

            foreach (var source in rule.From)
            {
                CheckSource(at, source, host, planned, portNamespaces);
            }

            // 7. A namespace that sees H but is not allowed on port A is never sent straight to H.
            foreach (var ns in hostNamespaces.Except(portNamespaces))
            {
                var destination = MeshRoute(at, host, kind, appPort, ns, []);
                Expect(destination?.Host != host, $"{at}: namespace {ns}, not allowed on port {appPort}, is routed straight to the host");
            }

            CheckGatewayHop(at, host, planned);
            CheckOrigination(at, host, planned);
            if (!Relaxed(host, ProposalDifference.NoGatewayAuthorization))
            {
                CheckAuthorization(at, host, planned, portNamespaces);
            }
        }

        private void CheckSource(string at, RuleSource source, string host, PlannedDestination planned, ISet<string> portNamespaces)
        {
            var to = planned.Source;
            var ns = source.Namespace!;
            var appPort = to.PortNumber!.Value;
            var kind = planned.Kind;
            var selected = source.WorkloadSelector.ToDictionary(l => l.Key, l => l.Value);

            // 2. Sidecar → gateway, for a workload the selector selects.
            var destination = MeshRoute(at, host, kind, appPort, ns, selected);
            var plain = Relaxed(host, ProposalDifference.PlainHopToGateway);
            if (destination is null || destination.Host != _gatewayHost || destination.Port != planned.GatewayPort || destination.Subset is null && !plain)
            {
                Fail($"{at}: a selected workload in {ns} is not routed to {_gatewayHost} port {planned.GatewayPort} with a subset (got {destination})");
                return;
            }
            // Without TLS to the gateway nothing tells hosts apart on the way there (a subset may serve several), and
            // there is no mutual TLS to check: the conversion reported it (EGC003).
            if (!plain)
            {
                CheckGatewaySubset(at, ns, host, destination, planned);
            }

            // 7. A workload of the namespace that the selector does not select.
            if (selected.Count == 0 || AllowsWholeNamespace(host, appPort, ns))
            {
                return;
            }
            var unselected = MeshRoute(at, host, kind, appPort, ns, []);
            if (kind == TrafficKind.Http)
            {
                Expect(unselected?.DirectStatus == 403 || HandWritten && (unselected is null || unselected.DirectStatus is not null),
                    $"{at}: an unselected workload in {ns} does not get a 403 (got {unselected})");
            }
            else if (HandWritten)
            {
                Expect(unselected?.Host == _gatewayHost || unselected?.DirectStatus is not null, $"{at}: an unselected workload in {ns} is sent past the gateway (got {unselected})");
            }
            else
            {
                Expect(unselected?.Host == _gatewayHost, $"{at}: an unselected workload in {ns} is not sent to the gateway (got {unselected})");
                // The warning sits on the selector that could not be enforced; another source of the namespace may be the one that did.
                var egp042 = run.Result.Diagnostics.Where(d => d.Code == "EGP042" && WarnedDestinations(d, ns).Contains($"{host}:{appPort}")).ToList();
                var admitsNamespace = ApplicableRules(host, planned).Any(rule => FromNamespaces(rule).Contains(ns));
                Expect(!admitsNamespace || egp042.Count > 0, $"{at}: the gateway admits all of {ns} for a label-scoped TLS source without EGP042");
                Expect(admitsNamespace || !egp042.Any(d => d.Span == source.WorkloadSelectorNode!.Span),
                    $"{at}: EGP042 reported for {source.Path} although the gateway admits only principals");
            }
        }

        // 3. Mutual TLS to the gateway, from a DestinationRule on the source's lookup path; a subset serves one host.
        private void CheckGatewaySubset(string at, string ns, string host, RouteTarget destination, PlannedDestination planned)
        {
            if (_hostBySubset.TryGetValue(destination.Subset!, out var other) && other != host)
            {
                Fail($"{at}: subset {destination.Subset} serves both {other} and {host}");
            }
            _hostBySubset[destination.Subset!] = host;

            var lookupPath = new[] { ns, _gatewayNamespace, run.Environment.RootNamespace };
            var subsets = Of("DestinationRule")
                .Where(dr => Spec(dr).GetString("host") == _gatewayHost && lookupPath.Contains(dr.Namespace) && IsVisible(dr, ns))
                .SelectMany(dr => Spec(dr).GetSequence("subsets")?.Mappings ?? [])
                .Where(subset => subset.GetString("name") == destination.Subset)
                .ToList();
            var portSettings = subsets
                .SelectMany(subset => subset.GetMapping("trafficPolicy")?.GetSequence("portLevelSettings")?.Mappings ?? [])
                .Where(setting => setting.GetMapping("port")?.GetInteger("number") == planned.GatewayPort)
                .ToList();
            if (HandWritten && portSettings.Count == 0)
            {
                portSettings = [.. subsets.Select(subset => subset.GetMapping("trafficPolicy")).OfType<ManifestMapping>().Where(policy => policy.GetMapping("tls") is not null)];
            }
            Expect(portSettings.Count == 1 && portSettings[0].GetMapping("tls") is { } tls && tls.GetString("mode") == "ISTIO_MUTUAL" && tls.GetString("sni") == host,
                $"{at}: no DestinationRule visible to {ns} gives subset {destination.Subset} ISTIO_MUTUAL with sni {host} on port {planned.GatewayPort}");
        }

        // 4 and 5. The gateway listener and the hop to the external host.
        private void CheckGatewayHop(string at, string host, PlannedDestination planned)
        {
            var appPort = planned.Source.PortNumber!.Value;
            var isHttp = planned.Kind == TrafficKind.Http;
            var meshServices = VirtualServicesFor(host).Where(vs => Strings(Spec(vs), "gateways").Contains(Mesh)).ToList();
            // Hand-written sets may route the two hops in two VirtualServices: any of the host's names the Gateway.
            var references = (HandWritten ? VirtualServicesFor(host).ToList() : meshServices)
                .SelectMany(vs => Strings(Spec(vs), "gateways")).Where(g => g != Mesh).Distinct().ToList();
            var gateways = Of("Gateway").Where(g => references.Contains($"{g.Namespace}/{g.Name}")).ToList();
            var servers = gateways
                .Where(g => Spec(g).GetMapping("selector") is { } selector && SameLabels(selector, _gatewaySelector))
                .SelectMany(g => Spec(g).GetSequence("servers")!.Mappings.Select(server => (Gateway: g, Server: server)))
                .Where(s => s.Server.GetMapping("port")!.GetInteger("number") == planned.GatewayPort && Strings(s.Server, "hosts").Any(h => Covers(h, host)))
                .ToList();
            if (servers.Count != 1)
            {
                Fail($"{at}: expected one Gateway server selecting the gateway pods on port {planned.GatewayPort} for {host}, found {servers.Count}");
                return;
            }
            var (gateway, server) = servers[0];
            if (!Relaxed(host, ProposalDifference.PlainHopToGateway))
            {
                Expect(server.GetMapping("tls")?.GetString("mode") == "ISTIO_MUTUAL", $"{at}: gateway server is not ISTIO_MUTUAL");
                Expect(server.GetMapping("port")!.GetString("protocol") == (isHttp ? "HTTPS" : "TLS"), $"{at}: gateway server protocol should be {(isHttp ? "HTTPS" : "TLS")}");
            }

            var reference = $"{gateway.Namespace}/{gateway.Name}";
            var hopServices = VirtualServicesFor(host).Where(vs => Strings(Spec(vs), "gateways").Contains(reference) && IsVisible(vs, _gatewayNamespace)).ToList();
            var authority = appPort == 80 ? host : $"{host}:{appPort}";
            string[] blocks = isHttp ? ["http"] : HandWritten ? ["tcp", "tls"] : ["tcp"];
            var hop = hopServices.SelectMany(vs => blocks.Select(block => FirstRoute(vs, block, reference, planned.GatewayPort, _gatewayNamespace, [], host, authority)))
                .FirstOrDefault(d => d is not null);
            var clusterPort = hop?.Port ?? DefaultPortOf(host);
            if (clusterPort is { } known)
            {
                _clusterPorts[(host, appPort)] = known;
            }
            Expect(hop?.Host == host && clusterPort is { } cluster && (TargetPortOf(host, cluster) ?? cluster) == planned.UpstreamPort,
                $"{at}: the gateway does not route {host} arriving on port {planned.GatewayPort} to {host}:{planned.UpstreamPort} (got {hop})");
        }

        // 6. TLS origination, only where upgraded.
        private void CheckOrigination(string at, string host, PlannedDestination planned)
        {
            var originating = Of("DestinationRule")
                .Where(dr => Spec(dr).GetString("host") == host)
                .SelectMany(dr => (Spec(dr).GetMapping("trafficPolicy")?.GetSequence("portLevelSettings")?.Mappings ?? [])
                    .Select(setting => (Rule: dr, Setting: setting)))
                .Where(s => s.Setting.GetMapping("port")?.GetInteger("number") == _clusterPorts.GetValueOrDefault((host, planned.Source.PortNumber!.Value), planned.UpstreamPort))
                .ToList();
            Expect(Of("DestinationRule").Where(dr => Spec(dr).GetString("host") == host).All(dr => Spec(dr).GetMapping("trafficPolicy")?.GetMapping("tls") is null),
                $"{at}: a DestinationRule originates TLS on every port of {host}");
            if (!planned.OriginatesTls)
            {
                Expect(originating.Count == 0, $"{at}: a DestinationRule originates TLS on {host}:{planned.UpstreamPort} without httpsUpgrade");
                return;
            }
            var serviceNamespace = Of("ServiceEntry").First(se => Strings(Spec(se), "hosts").Contains(host)).Namespace;
            var lookupPath = new[] { _gatewayNamespace, serviceNamespace, run.Environment.RootNamespace };
            Expect(originating.Count == 1 && lookupPath.Contains(originating[0].Rule.Namespace) && IsVisible(originating[0].Rule, _gatewayNamespace) &&
                   originating[0].Setting.GetMapping("tls") is { } tls && tls.GetString("mode") == "SIMPLE" &&
                   (tls.GetString("sni") == host || HandWritten && tls.GetString("sni") is null),
                $"{at}: expected one DestinationRule visible to the gateway with SIMPLE TLS, sni {host}, on port {planned.UpstreamPort}");
        }

        // 8. Authorization at the gateway admits exactly the listed sources.
        private void CheckAuthorization(string at, string host, PlannedDestination planned, ISet<string> portNamespaces)
        {
            var appPort = planned.Source.PortNumber!.Value;
            var rules = ApplicableRules(host, planned);
            if (rules.Count == 0)
            {
                Fail($"{at}: no ALLOW rule of an AuthorizationPolicy on the gateway pods covers {host}:{appPort}");
                return;
            }
            var principalPrefix = $"{run.Environment.TrustDomain}/ns/";
            foreach (var rule in rules)
            {
                foreach (var ns in FromNamespaces(rule).Concat(FromPrincipals(rule).Select(p => p[principalPrefix.Length..].Split('/')[0])))
                {
                    Expect(portNamespaces.Contains(ns) || Relaxed(host, ProposalDifference.SourcesDiffer),
                        $"{at}: the gateway admits namespace {ns}, which no rule lists for {host}:{appPort}");
                }
            }
            foreach (var source in run.Plan.Hosts.Single(h => h.Host == host).Ports.Single(p => p.AppPort == appPort).Sources.Select(s => s.Source))
            {
                var ns = source.Namespace!;
                var admitted = rules.Any(rule => FromNamespaces(rule).Contains(ns) || FromPrincipals(rule).Any(p => p.StartsWith($"{principalPrefix}{ns}/sa/", StringComparison.Ordinal)));
                Expect(admitted, $"{at}: the gateway does not admit source {source.Path} ({ns})");
                if (!source.SelectsWholeNamespace && !AllowsWholeNamespace(host, appPort, ns))
                {
                    var expected = run.Workspace.WorkloadsIn(ns).Where(w => w.Matches(source.WorkloadSelector))
                        .Select(w => run.Environment.PrincipalFor(ns, w.ServiceAccount)).ToHashSet();
                    var granted = rules.SelectMany(FromPrincipals).Where(p => p.StartsWith($"{principalPrefix}{ns}/sa/", StringComparison.Ordinal)).ToHashSet();
                    Expect(granted.Count == 0 || granted.SetEquals(expected), $"{at}: principals for {source.Path} are {string.Join(", ", granted)}, expected {string.Join(", ", expected)}");
                }
            }
        }

        private void CheckGatewayPortNames()
        {
            foreach (var gateway in Of("Gateway"))
            {
                var ports = Spec(gateway).GetSequence("servers")!.Mappings.Select(s => s.GetMapping("port")!).ToList();
                Expect(ports.Select(p => p.GetString("name")).Distinct().Count() == ports.Count, $"Gateway {gateway.Name}: port names are not unique");
                Expect(ports.GroupBy(p => p.GetInteger("number")).All(g => g.Select(p => p.GetString("protocol")).Distinct().Count() == 1),
                    $"Gateway {gateway.Name}: a port carries two kinds of traffic");
            }
        }

        // ----- routing as Istio does it

        private sealed record RouteTarget(string? Host, int? Port, string? Subset, long? DirectStatus)
        {
            public override string ToString() => DirectStatus is { } status ? $"directResponse {status}" : $"{Host}:{Port} subset {Subset}";
        }

        /// <summary>Where a sidecar in <paramref name="ns"/> with <paramref name="labels"/> sends H:A, or null for no route.</summary>
        private RouteTarget? MeshRoute(string at, string host, TrafficKind kind, int appPort, string ns, Dictionary<string, string> labels)
        {
            var services = VirtualServicesFor(host).Where(vs => Strings(Spec(vs), "gateways").Contains(Mesh) && IsVisible(vs, ns)).ToList();
            if (services.Count > 1)
            {
                Fail($"{at}: {services.Count} mesh VirtualServices for {host} are visible to {ns}");
            }
            var section = kind switch { TrafficKind.Http => "http", TrafficKind.Tls => "tls", _ => "tcp" };
            var authority = appPort == 80 ? host : $"{host}:{appPort}";
            return services.Select(vs => FirstRoute(vs, section, Mesh, appPort, ns, labels, host, authority)).FirstOrDefault();
        }

        /// <summary>The first route of <paramref name="section"/> whose match applies, as Envoy evaluates them in order.</summary>
        private RouteTarget? FirstRoute(GeneratedResource service, string section, string gateway, int port, string ns,
            Dictionary<string, string> labels, string host, string authority)
        {
            var bound = Strings(Spec(service), "gateways");
            foreach (var route in Spec(service).GetSequence(section)?.Mappings ?? [])
            {
                var matches = route.GetSequence("match")?.Mappings.ToList() ?? [];
                if (matches.Count > 0 && !matches.Any(Applies))
                {
                    continue;
                }
                if (route.GetMapping("directResponse") is { } direct)
                {
                    return new RouteTarget(null, null, null, direct.GetInteger("status"));
                }
                // A weighted split: the heaviest destination (a proposal keeps that one and says so, EGC001).
                var destination = route.GetSequence("route")?.Mappings.OrderByDescending(r => r.GetInteger("weight") ?? 0).First().GetMapping("destination");
                return new RouteTarget(destination?.GetString("host"), (int?)destination?.GetMapping("port")?.GetInteger("number"), destination?.GetString("subset"), null);
            }
            return null;

            bool Applies(ManifestMapping match) =>
                (match.GetSequence("gateways") is { } gateways ? gateways.Strings.Contains(gateway) : bound.Contains(gateway)) &&
                (match.GetInteger("port") is not { } matchPort || matchPort == port) &&
                (match.GetString("sourceNamespace") is not { } sourceNamespace || sourceNamespace == ns) &&
                (match.GetMapping("sourceLabels") is not { } sourceLabels || sourceLabels.Entries.All(e => labels.GetValueOrDefault(e.Key) == ((ManifestScalar)e.Value).Text)) &&
                (match.GetSequence("sniHosts") is not { } sniHosts || sniHosts.Strings.Any(s => Covers(s, host))) &&
                (match.GetMapping("authority")?.GetString("exact") is not { } exact || exact == authority);
        }

        private List<ManifestMapping> ApplicableRules(string host, PlannedDestination planned)
        {
            var appPort = planned.Source.PortNumber!.Value;
            var authority = appPort == 80 ? host : $"{host}:{appPort}";
            return [.. Of("AuthorizationPolicy")
                .Where(ap => ap.Namespace == _gatewayNamespace && (Spec(ap).GetString("action") ?? "ALLOW") == "ALLOW" &&
                    Spec(ap).GetMapping("selector")?.GetMapping("matchLabels") is { } matchLabels && SameLabels(matchLabels, _gatewaySelector))
                .SelectMany(ap => Spec(ap).GetSequence("rules")!.Mappings)
                .Where(rule => planned.Kind == TrafficKind.Http
                    ? (rule.GetSequence("to")?.Mappings ?? []).Any(t => t.GetMapping("operation") is { } operation && Strings(operation, "hosts").Contains(authority))
                    : (rule.GetSequence("when")?.Mappings ?? []).Any(c => c.GetString("key") == "connection.sni" && Strings(c, "values").Contains(host)))];
        }

        private static IEnumerable<string> FromNamespaces(ManifestMapping rule) =>
            (rule.GetSequence("from")?.Mappings ?? []).SelectMany(f => Strings(f.GetMapping("source")!, "namespaces"));

        private static IEnumerable<string> FromPrincipals(ManifestMapping rule) =>
            (rule.GetSequence("from")?.Mappings ?? []).SelectMany(f => Strings(f.GetMapping("source")!, "principals"));

        // ----- the policy's side

        /// <summary>Source namespaces of every rule routing <paramref name="host"/> (on <paramref name="port"/>, when given).</summary>
        private HashSet<string> NamespacesAllowedOn(string host, int? port) =>
            [.. run.Plan.Hosts.Where(h => h.Host == host).SelectMany(h => h.Ports).Where(p => port is null || p.AppPort == port)
                .SelectMany(p => p.Sources).Select(s => s.Namespace)];

        private bool AllowsWholeNamespace(string host, int appPort, string ns) =>
            run.Plan.Hosts.Single(h => h.Host == host).Ports.Single(p => p.AppPort == appPort).Sources
                .Any(s => s.Namespace == ns && s.Source.SelectsWholeNamespace);

        // ----- the output's side

        private IEnumerable<GeneratedResource> Of(string kind) => _resources.Where(r => r.Kind == kind);

        private IEnumerable<GeneratedResource> VirtualServicesFor(string host) =>
            Of("VirtualService").Where(vs => Strings(Spec(vs), "hosts").Any(h => Covers(h, host)));

        /// <summary>A written host naming <paramref name="host"/>: the same name, or, hand-written, a wildcard covering it.</summary>
        private bool Covers(string written, string host) => written == host || HandWritten && MeshHost.SubsetOf(host, written);

        /// <summary>The port the endpoints of H's cluster on <paramref name="port"/> listen on, when the ServiceEntry remaps it (<c>targetPort</c>).</summary>
        private int? TargetPortOf(string host, int port) =>
            (int?)Of("ServiceEntry").Where(se => Strings(Spec(se), "hosts").Contains(host))
                .SelectMany(se => Spec(se).GetSequence("ports")?.Mappings ?? [])
                .FirstOrDefault(p => p.GetInteger("number") == port)?.GetInteger("targetPort");

        /// <summary>A route without a port goes to the destination's only port (Istio refuses it on a host with several, IST0112).</summary>
        private int? DefaultPortOf(string host) =>
            HandWritten && Of("ServiceEntry").FirstOrDefault(se => Strings(Spec(se), "hosts").Contains(host)) is { } entry &&
            Spec(entry).GetSequence("ports")?.Mappings.ToList() is [var only] ? (int?)only.GetInteger("number") : null;

        private static ManifestMapping Spec(GeneratedResource resource) => resource.Manifest.GetMapping("spec")!;

        private static List<string> Strings(ManifestMapping mapping, string key) => mapping.GetSequence(key)?.Strings.ToList() ?? [];

        /// <summary>Istio's exportTo: absent or "*" means everywhere, "." the object's own namespace.</summary>
        private static bool IsVisible(GeneratedResource resource, string ns)
        {
            var exportTo = Strings(Spec(resource), "exportTo");
            return exportTo.Count == 0 || exportTo.Contains("*") || exportTo.Contains(ns) || (exportTo.Contains(".") && resource.Namespace == ns);
        }

        private void ExpectExportedOnlyTo(GeneratedResource resource, ISet<string> sources, string at)
        {
            var exportTo = Strings(Spec(resource), "exportTo");
            Expect(exportTo.Count > 0 && exportTo.All(ns => ns == _gatewayNamespace || sources.Contains(ns)),
                $"{at}: {resource.Kind} {resource.Name} is exported beyond the sources and the gateway: [{string.Join(", ", exportTo)}]");
        }

        private static bool SameLabels(ManifestMapping labels, Dictionary<string, string> expected) =>
            labels.Count == expected.Count && labels.Entries.All(e => expected.GetValueOrDefault(e.Key) == ((ManifestScalar)e.Value).Text);

        private void Expect(bool condition, string message)
        {
            if (!condition)
            {
                Fail(message);
            }
        }
    }
}
