using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Tests.Expansion;

/// <summary>
/// expansion.md's contracts for <c>istio-ambient</c> and <c>osm-edge</c>, checked on every golden input's output model
/// whatever names the translator chose: for every rule, <c>to</c> entry and host, follow a source's connection the way
/// ztunnel and the waypoint (or osm-edge's sidecar and egress gateway) would, and check each object on the way.
/// </summary>
public class TargetContractTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_destination_meets_the_istio_ambient_contract(string name)
    {
        var run = GoldenCase.Get(name).RunFor("istio-ambient");
        var failures = AmbientFailures(run);
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.All), MemberType = typeof(GoldenCase))]
    public void Every_destination_meets_the_osm_edge_contract(string name)
    {
        var run = GoldenCase.Get(name).RunFor("osm-edge");
        var failures = OsmFailures(run);
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
    }

    /// <summary>The checkers themselves: breaking one contract point in a correct expansion must be noticed.</summary>
    [Theory]
    [InlineData("istio-ambient", "http", "Gateway", "protocol", "HTTP")]
    [InlineData("istio-ambient", "http", "ServiceEntry", "istio.io/use-waypoint", "other")]
    [InlineData("istio-ambient", "whole-namespaces", "AuthorizationPolicy", "namespaces", "intruder")]
    [InlineData("istio-ambient", "http", "AuthorizationPolicy", "action", "DENY")]
    [InlineData("istio-ambient", "https-upgrade", "ServiceEntry", "targetPort", null)]
    [InlineData("istio-ambient", "https-upgrade", "DestinationRule", "mode", "DISABLE")]
    [InlineData("istio-ambient", "workspace-identities", "AuthorizationPolicy", "principals", "cluster.local/ns/payments/sa/ledger")]
    [InlineData("osm-edge", "workspace-identities", "Egress", "protocol", "HTTP")]
    [InlineData("osm-edge", "http", "Egress", "namespace", "intruder")]
    [InlineData("osm-edge", "http", "Egress", "number", "8080")]
    [InlineData("osm-edge", "workspace-identities", "Egress", "name", "intruder")]
    [InlineData("osm-edge", "workspace-identities", "EgressGateway", "service", "elsewhere")]
    public void A_broken_expansion_fails_the_contract(string target, string name, string kind, string key, string? replacement)
    {
        var run = GoldenCase.Get(name).RunFor(target);
        Assert.Empty(target == "osm-edge" ? OsmFailures(run) : AmbientFailures(run));
        var broken = run.Result.Resources.Select(r => r.Kind == kind ? r with { Manifest = (ManifestMapping)Rewrite(r.Manifest, key, replacement) } : r);
        var brokenRun = run with { Result = run.Result with { Resources = [.. broken] } };
        Assert.NotEmpty(target == "osm-edge" ? OsmFailures(brokenRun) : AmbientFailures(brokenRun));
    }

    private static ManifestNode Rewrite(ManifestNode node, string key, string? replacement) => node switch
    {
        ManifestMapping mapping => new ManifestMapping(mapping.Entries
            .Where(e => e.Key != key || replacement is not null)
            .Select(e => e.Key == key
                ? new ManifestEntry(e.Key, e.Value is ManifestSequence sequence ? ManifestSequence.OfStrings(sequence.Items.Select(_ => replacement!)) : ManifestScalar.String(replacement!))
                : new ManifestEntry(e.Key, Rewrite(e.Value, key, replacement)))),
        ManifestSequence sequence => new ManifestSequence(sequence.Items.Select(item => Rewrite(item, key, replacement))),
        _ => node,
    };

    /// <summary>Every (rule, to, host, from) the policy allows, with its application port and traffic.</summary>
    private static IEnumerable<(EgressRule Rule, Destination To, string Host, RuleSource From)> Allowed(EgressPolicy policy) =>
        from rule in policy.Rules
        from to in rule.To
        where to.PortNumber is not null && to.TrafficKind != TrafficKind.Unknown
        from host in to.Hosts.Select(h => h.Host).Distinct(StringComparer.Ordinal)
        from source in rule.From
        where source.Namespace is not null
        select (rule, to, host, source);

    private static ImmutableArrayOfStrings Strings(ManifestMapping? mapping, string key) => new(mapping?.GetSequence(key)?.Strings ?? []);

    private readonly record struct ImmutableArrayOfStrings(IEnumerable<string> Values)
    {
        public bool Contains(string value) => Values.Contains(value, StringComparer.Ordinal);
    }

    // ----- istio-ambient (expansion.md, "The contract for istio-ambient")

    private static List<string> AmbientFailures(GoldenRun run)
    {
        var failures = new List<string>();
        var policy = run.Plan.Policy;
        var resources = run.Result.Resources;
        var policyNamespace = policy.Namespace ?? "istio-egress";
        var waypoint = ResourceNames.ToDnsLabel(policy.GatewayName!);
        // 1. The waypoint.
        var gateway = resources.FirstOrDefault(r => r.Kind == "Gateway" && r.ApiVersion == "gateway.networking.k8s.io/v1" && r.Name == waypoint && r.Namespace == policyNamespace);
        var gatewaySpec = gateway?.Manifest.GetMapping("spec");
        if (gatewaySpec?.GetString("gatewayClassName") != "istio-waypoint" ||
            gateway!.Manifest.GetMapping("metadata")!.GetMapping("labels")?.GetString("istio.io/waypoint-for") is not ("service" or "all") ||
            !gatewaySpec.GetSequence("listeners")!.Mappings.Any(l => l.GetString("name") == "mesh" && l.GetInteger("port") == 15008 && l.GetString("protocol") == "HBONE"))
        {
            failures.Add($"1: no waypoint Gateway {policyNamespace}/{waypoint} of class istio-waypoint for services with an HBONE listener 'mesh' on 15008");
        }
        foreach (var (rule, to, host, from) in Allowed(policy))
        {
            var port = to.PortNumber!.Value;
            var where = $"{to.Path} {host}:{port} from {from.Path}";
            // 2. A ServiceEntry bound to the waypoint declares H with port A (and its upgrade).
            var serviceEntry = resources.FirstOrDefault(r => r.Kind == "ServiceEntry" && r.Namespace == policyNamespace &&
                Strings(r.Manifest.GetMapping("spec"), "hosts").Contains(host));
            var sePort = serviceEntry?.Manifest.GetMapping("spec")!.GetSequence("ports")!.Mappings.FirstOrDefault(p => p.GetInteger("number") == port);
            if (serviceEntry is null || serviceEntry.Manifest.GetMapping("metadata")!.GetMapping("labels")?.GetString("istio.io/use-waypoint") != waypoint ||
                sePort is null || sePort.GetString("protocol") != to.Protocol ||
                serviceEntry.Manifest.GetMapping("spec")!.GetString("resolution") != "DNS")
            {
                failures.Add($"2: {where}: no DNS ServiceEntry in {policyNamespace} using waypoint {waypoint} declares the host with port {port} {to.Protocol}");
                continue;
            }
            var upgraded = to.UpgradeEnabled && to.UpgradePort is not null && to.TrafficKind == TrafficKind.Http;
            if ((sePort.GetInteger("targetPort") ?? port) != (upgraded ? to.UpgradePort!.Value : port))
            {
                failures.Add($"2: {where}: the ServiceEntry port sends to {sePort.GetInteger("targetPort") ?? port}, not {(upgraded ? to.UpgradePort : port)}");
            }
            var originates = resources.Any(r => r.Kind == "DestinationRule" && r.Manifest.GetMapping("spec")!.GetString("host") == host &&
                (r.Manifest.GetMapping("spec")!.GetMapping("trafficPolicy")?.GetSequence("portLevelSettings")?.Mappings ?? [])
                    .Any(s => s.GetMapping("port")?.GetInteger("number") == port && s.GetMapping("tls")?.GetString("mode") == "SIMPLE" && s.GetMapping("tls")?.GetString("sni") == host));
            if (originates != upgraded)
            {
                failures.Add($"2: {where}: TLS origination is {(originates ? "" : "not ")}configured, but the policy {(upgraded ? "upgrades" : "does not upgrade")} it");
            }
            // 3. An ALLOW AuthorizationPolicy targeting that ServiceEntry admits the source on port A.
            var rules = AmbientRulesFor(resources, serviceEntry, port).ToArray();
            var principals = from.SelectsWholeNamespace ? null : WorkloadIdentities.Of(run.Workspace, from.Namespace!, from.WorkloadSelector, out _);
            var admitted = rules.Any(r => (r.GetSequence("from")?.Mappings ?? []).Any(f =>
                Strings(f.GetMapping("source"), "namespaces").Contains(from.Namespace!) ||
                (principals is { } known && known.All(sa => Strings(f.GetMapping("source"), "principals").Contains(run.Environment.PrincipalFor(from.Namespace!, sa))))));
            if (!admitted)
            {
                failures.Add($"3: {where}: no ALLOW AuthorizationPolicy targeting the ServiceEntry admits the source on port {port}");
            }
            // 4. Narrowing that identity cannot carry is reported.
            if (!from.SelectsWholeNamespace && principals is null && !run.Result.Diagnostics.Any(d => d.Code == "EGP042" && d.Span == (from.WorkloadSelectorNode ?? from.Node).Span))
            {
                failures.Add($"4: {where}: the workloadSelector cannot be enforced and no EGP042 says so");
            }
        }
        // 3. Exactly the listed sources: no namespace admitted on a host's port that the policy does not list for it.
        foreach (var serviceEntry in resources.Where(r => r.Kind == "ServiceEntry"))
        {
            foreach (var sePort in serviceEntry.Manifest.GetMapping("spec")!.GetSequence("ports")!.Mappings)
            {
                var port = (int)sePort.GetInteger("number")!.Value;
                var hosts = Strings(serviceEntry.Manifest.GetMapping("spec"), "hosts");
                var listed = Allowed(policy).Where(a => a.To.PortNumber == port && hosts.Contains(a.Host)).Select(a => a.From.Namespace!).ToHashSet();
                foreach (var f in AmbientRulesFor(resources, serviceEntry, port).SelectMany(r => r.GetSequence("from")?.Mappings ?? []))
                {
                    var source = f.GetMapping("source");
                    var namespaces = (source?.GetSequence("namespaces")?.Strings ?? []).Concat(
                        (source?.GetSequence("principals")?.Strings ?? []).Select(p => p.Split("/ns/")[1].Split('/')[0]));
                    failures.AddRange(namespaces.Where(ns => !listed.Contains(ns)).Select(ns => $"3: {serviceEntry.Name} port {port} admits namespace '{ns}', which no rule lists"));
                }
            }
        }
        return failures;
    }

    /// <summary>The ALLOW rules of AuthorizationPolicies targeting <paramref name="serviceEntry"/> that apply to port A.</summary>
    private static IEnumerable<ManifestMapping> AmbientRulesFor(IEnumerable<GeneratedResource> resources, GeneratedResource serviceEntry, int port) =>
        resources.Where(r => r.Kind == "AuthorizationPolicy" && r.Namespace == serviceEntry.Namespace &&
                r.Manifest.GetMapping("spec")!.GetString("action") == "ALLOW" &&
                (r.Manifest.GetMapping("spec")!.GetSequence("targetRefs")?.Mappings ?? []).Any(t =>
                    t.GetString("kind") == "ServiceEntry" && t.GetString("group") == "networking.istio.io" && t.GetString("name") == serviceEntry.Name))
            .SelectMany(r => r.Manifest.GetMapping("spec")!.GetSequence("rules")!.Mappings)
            .Where(rule => rule.GetSequence("to") is not { } to ||
                to.Mappings.Any(t => Strings(t.GetMapping("operation"), "ports").Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    // ----- osm-edge (expansion.md, "The contract for osm-edge")

    private static List<string> OsmFailures(GoldenRun run)
    {
        var failures = new List<string>();
        var policy = run.Plan.Policy;
        var resources = run.Result.Resources;
        var gatewayService = run.Environment.GatewayServiceFor(policy.GatewayName!);
        foreach (var (rule, to, host, from) in Allowed(policy))
        {
            var port = to.PortNumber!.Value;
            var where = $"{to.Path} {host}:{port} from {from.Path}";
            var expressible = !(to.UpgradeEnabled && to.TrafficKind == TrafficKind.Http);
            var egresses = resources.Where(r => r.Kind == "Egress" && r.SourcePaths.Contains(to.Path)).ToArray();
            if (!expressible)
            {
                if (egresses.Length > 0 || !run.Result.Diagnostics.Any(d => d.Code == "EGP050" && to.Node.Span.Contains(d.Span.Start)))
                {
                    failures.Add($"{where}: httpsUpgrade cannot be carried by osm-edge: the entry must get no Egress and an EGP050 on it");
                }
                continue;
            }
            var serviceAccounts = WorkloadIdentities.Of(run.Workspace, from.Namespace!, from.WorkloadSelector, out _);
            if (serviceAccounts is null)
            {
                if (!run.Result.Diagnostics.Any(d => d.Code == "EGP050" && from.Node.Span.Contains(d.Span.Start)))
                {
                    failures.Add($"{where}: the source's service accounts are unknown and no EGP050 on that 'from' says so");
                }
                continue;
            }
            // An Egress admits the source's service accounts to H on port A with osm-edge's protocol name.
            var egress = egresses.FirstOrDefault(e =>
            {
                var spec = e.Manifest.GetMapping("spec")!;
                return Strings(spec, "hosts").Contains(host) &&
                    spec.GetSequence("ports")!.Mappings.Any(p => p.GetInteger("number") == port && p.GetString("protocol") == OsmProtocol(to.TrafficKind)) &&
                    serviceAccounts.Value.All(sa => spec.GetSequence("sources")!.Mappings.Any(s =>
                        s.GetString("kind") == "ServiceAccount" && s.GetString("name") == sa && s.GetString("namespace") == from.Namespace));
            });
            if (egress is null)
            {
                failures.Add($"{where}: no Egress admits service accounts {string.Join(", ", serviceAccounts)} of '{from.Namespace}' to the host on port {port}/{OsmProtocol(to.TrafficKind)}");
                continue;
            }
            // Only the rule's own sources.
            var ruleAccounts = rule.From.Where(f => f.Namespace is not null)
                .SelectMany(f => (WorkloadIdentities.Of(run.Workspace, f.Namespace!, f.WorkloadSelector, out _) ?? []).Select(sa => (f.Namespace, sa))).ToHashSet();
            foreach (var source in egress.Manifest.GetMapping("spec")!.GetSequence("sources")!.Mappings)
            {
                if (!ruleAccounts.Contains((source.GetString("namespace"), source.GetString("name")!)))
                {
                    failures.Add($"{where}: Egress {egress.Name} admits {source.GetString("namespace")}/{source.GetString("name")}, which the rule does not select");
                }
            }
            // The EgressGateway routes that Egress to the gateway Service.
            var routed = resources.Where(r => r.Kind == "EgressGateway").SelectMany(g => g.Manifest.GetMapping("spec")!.GetSequence("rules")?.Mappings ?? [])
                .Any(r => r.GetSequence("egressPolicies")!.Mappings.Any(p => p.GetString("name") == egress.Name && p.GetString("namespace") == egress.Namespace) &&
                          r.GetSequence("egressGateways")!.Mappings.Any(g => g.GetString("service") == gatewayService && g.GetString("namespace") == run.Environment.GatewayNamespace));
            if (!routed)
            {
                failures.Add($"{where}: no EgressGateway routes Egress {egress.Name} through {run.Environment.GatewayNamespace}/{gatewayService}");
            }
        }
        return failures;
    }

    private static string OsmProtocol(TrafficKind kind) => kind switch
    {
        TrafficKind.Http => "http",
        TrafficKind.Tls => "https",
        _ => "tcp",
    };
}
