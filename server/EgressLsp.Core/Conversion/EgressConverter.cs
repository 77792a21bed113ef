using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Traffic;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Conversion;

/// <summary>
/// Proposes <c>ASMEgressTrafficPolicy</c> objects for hand-written Istio egress resources (expansion.md, "Reverse"):
/// every host and port of every ServiceEntry is followed through the mesh (<see cref="HostPortTrace"/>); what goes
/// through an egress gateway becomes a <c>to</c> entry of that gateway's policy, grouped into rules by identical
/// sources. One pure function over a workspace snapshot: the CLI, the code action and the tests call it alike.
/// </summary>
public static class EgressConverter
{
    /// <param name="inScope">
    /// Which files to convert (by the paths the workspace knows them by): a host is converted, and its findings
    /// reported, when the traffic crosses an object of such a file. The rest of the workspace is context.
    /// </param>
    public static ConversionResult Convert(WorkspaceIndex workspace, EgressEnvironment environment, Func<string, bool> inScope)
    {
        var mesh = workspace.MeshFor(environment.ClusterDomain);
        var traced = new List<(HostTraffic Traffic, TraceResult Trace)>();
        foreach (var declaration in HostTraffic.Declarations(mesh))
        {
            var traffic = new HostTraffic(mesh, environment, declaration);
            var trace = new HostPortTrace(workspace, environment, traffic).Run();
            if (trace.Objects.Any(o => inScope(o.Path)))
            {
                traced.Add((traffic, trace));
            }
        }
        var (destinations, findings) = WithoutUpgradePorts(traced);
        var environmentProposal = ProposeEnvironment(destinations, environment, findings);
        var policies = destinations
            .GroupBy(d => d.Gateway.Name, StringComparer.Ordinal)
            .Select(gateway => new ProposedPolicy(gateway.Key, Rules(gateway)))
            .ToImmutableArray();
        var distinct = findings
            .DistinctBy(f => (f.Location.Path, f.Location.Span, f.Diagnostic.Code, f.Diagnostic.Message.En))
            .OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.Span.Start).ThenBy(f => f.Diagnostic.Code, StringComparer.Ordinal);
        return new ConversionResult(policies, environmentProposal, [.. destinations], [.. distinct]);
    }

    /// <summary>
    /// The traces' destinations and findings, but for the ServiceEntry ports the gateway upgrades to (U of an
    /// <c>httpsUpgrade</c>): declared for the gateway's sake, they are not destinations of their own, nor "not converted".
    /// Where the sources see such a port too, they can open TLS to H:U past the gateway; the policy's expansion declares
    /// U only as the target port of A, which is stricter (EGC003).
    /// </summary>
    private static (List<ConvertedDestination> Destinations, List<ConversionFinding> Findings) WithoutUpgradePorts(
        List<(HostTraffic Traffic, TraceResult Trace)> traced)
    {
        var upgrades = traced.SelectMany(t => t.Trace.Destinations).Where(d => d.UpgradePort is { } port && port != d.Port).ToArray();
        var upgraded = upgrades.Select(d => (d.Host, Port: d.UpgradePort!.Value)).ToHashSet();
        var destinations = new List<ConvertedDestination>();
        var findings = new List<ConversionFinding>();
        foreach (var (traffic, trace) in traced)
        {
            var isUpgradePort = upgraded.Contains((traffic.Host, traffic.Port));
            destinations.AddRange(trace.Destinations.Where(_ => !isUpgradePort));
            findings.AddRange(trace.Findings.Where(f => !isUpgradePort || f.Diagnostic.Code != DiagnosticCatalog.EGC002.Code));
        }
        foreach (var upgrade in upgrades)
        {
            var exposed = traced.Select(t => t.Traffic)
                .FirstOrDefault(t => t.Host == upgrade.Host && t.Port == upgrade.UpgradePort && upgrade.Sources.Any(s => t.IsVisibleTo(s.Namespace)));
            if (exposed is not null)
            {
                var at = exposed.Declaration.Host.Location;
                findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC003.Create(at.Span, upgrade.Host, upgrade.Port,
                    new LocalizedText(
                        $"port {upgrade.UpgradePort}, declared for the gateway's TLS origination, is visible to the sources too, so they can open TLS to {upgrade.Host}:{upgrade.UpgradePort} past the gateway",
                        $"为网关发起 TLS 而声明的端口 {upgrade.UpgradePort} 对来源也可见,它们可以绕过网关直接向 {upgrade.Host}:{upgrade.UpgradePort} 建立 TLS 连接"),
                    new LocalizedText(
                        $"declares {upgrade.UpgradePort} only as the target port of port {upgrade.Port}, which no sidecar can dial",
                        $"只把 {upgrade.UpgradePort} 声明为端口 {upgrade.Port} 的目标端口,Sidecar 无法直接访问它"))));
            }
        }
        return (destinations, findings);
    }

    /// <summary>
    /// The environment that makes each policy's gateway the one the resources use. It is one per project, so a gateway
    /// needing other settings than the first one's is not converted (EGC005).
    /// </summary>
    private static ProposedEnvironment ProposeEnvironment(List<ConvertedDestination> destinations, EgressEnvironment environment, List<ConversionFinding> findings)
    {
        var defaults = EgressEnvironment.Default;
        ProposedEnvironment? chosen = null;
        GatewayIdentity? chosenGateway = null;
        foreach (var gateway in destinations.Select(d => d.Gateway).Distinct().ToArray())
        {
            var proposal = new ProposedEnvironment(
                gateway.Namespace == defaults.GatewayNamespace ? null : gateway.Namespace,
                gateway.Service == gateway.Name ? null : gateway.Service,
                gateway.Selector.SequenceEqual([new Label(Manifest.GatewayLabelKey, gateway.Name)]) ? null : gateway.Selector,
                environment.ClusterDomain == defaults.ClusterDomain ? null : environment.ClusterDomain,
                environment.TrustDomain == defaults.TrustDomain ? null : environment.TrustDomain);
            if (chosen is null)
            {
                (chosen, chosenGateway) = (proposal, gateway);
                continue;
            }
            if (SameEnvironment(chosen, proposal))
            {
                continue;
            }
            foreach (var destination in destinations.Where(d => d.Gateway == gateway))
            {
                var at = destination.Objects.OfType<GatewayModel>().First().Location;
                findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC005.Create(at.Span,
                    $"{gateway.Service}.{gateway.Namespace}", Describe(proposal), Describe(chosen), $"{chosenGateway!.Service}.{chosenGateway.Namespace}")));
            }
            destinations.RemoveAll(d => d.Gateway == gateway);
        }
        return chosen ?? new ProposedEnvironment(null, null, null, null, null);
    }

    private static bool SameEnvironment(ProposedEnvironment a, ProposedEnvironment b) =>
        a.GatewayNamespace == b.GatewayNamespace && a.GatewayService == b.GatewayService &&
        (a.GatewaySelector ?? []).SequenceEqual(b.GatewaySelector ?? []);

    private static string Describe(ProposedEnvironment environment) =>
        $"gatewayNamespace {environment.GatewayNamespace ?? EgressEnvironment.Default.GatewayNamespace}, gatewayService {environment.GatewayService ?? "(its name)"}, " +
        $"gatewaySelector {(environment.GatewaySelector is { } selector ? string.Join(",", selector.Select(l => $"{l.Key}={l.Value}")) : "(istio: its name)")}";

    /// <summary>
    /// <c>to</c> entries join hosts that agree on everything (group, port, gateway port, upgrade, sources); rules join
    /// <c>to</c> entries with the same sources; both in the order the resources first name them.
    /// </summary>
    private static ImmutableArray<ProposedRule> Rules(IEnumerable<ConvertedDestination> destinations)
    {
        var tos = destinations
            .GroupBy(d => (d.Group, d.Port, d.Protocol, d.PortName, d.GatewayPort, d.UpgradePort, Sources: SourcesKey(d.Sources)))
            .Select(g => (g.Key.Sources, g.First().Sources, To: new ProposedTo(g.First().ToName, [.. g.Select(d => d.Host).Distinct(StringComparer.Ordinal)],
                g.Key.PortName, g.Key.Port, g.Key.Protocol, g.Key.GatewayPort, g.Key.UpgradePort)))
            .ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tos.Count; i++)
        {
            var to = tos[i].To;
            var name = to.Name is null || names.Add(to.Name) ? to.Name : UniqueName($"{to.Name}-{to.Port}", names);
            tos[i] = tos[i] with { To = to with { Name = name } };
        }
        return [.. tos.GroupBy(t => t.Item1, StringComparer.Ordinal).Select(g => new ProposedRule(g.First().Item2, [.. g.Select(t => t.To)]))];
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}-{i}";
        }
        return candidate;
    }

    private static string SourcesKey(ImmutableArray<ProposedSource> sources) => string.Join(";", sources.Select(s => s.Key));
}
