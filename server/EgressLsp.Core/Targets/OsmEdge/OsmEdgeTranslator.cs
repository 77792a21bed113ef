using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Targets.OsmEdge;

/// <summary>
/// The <c>osm-edge</c> target: an <c>Egress</c> per rule and destination admits the service accounts the rule's
/// <c>from</c> entries stand for, and one <c>EgressGateway</c> sends those Egress policies through the egress gateway
/// Service (seed 004; expansion.md, "The contract for osm-edge"; osm-edge v1.3.9 <c>pkg/catalog/egress.go</c> and
/// <c>egress_gateway.go</c>, read for the semantics).
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Egress <c>{N}-{to.name}</c> (or <c>{N}-{slug(hosts[0])}-{A}</c>) in PN per rule and <c>to</c>:
/// <c>sources</c> the service accounts, sorted, each <c>{kind: ServiceAccount, name, namespace}</c>; <c>hosts</c> as
/// written; one port <c>{number: A, protocol}</c> with the protocol as osm-edge's controller knows it (it lower-cases
/// and ignores anything but http, https, tcp, tcp-server-first): HTTP, HTTP2, GRPC, GRPC-WEB → <c>http</c>;
/// HTTPS, TLS → <c>https</c> (matched by SNI); TCP, MONGO, MYSQL, REDIS → <c>tcp</c>.</item>
/// <item>A <c>from</c> stands for the service accounts of the workloads it selects (a whole namespace: every workload's
/// and every ServiceAccount object's); where the workspace cannot name them, EGP050 on that <c>from</c> says what to
/// add, and the rule's Egress objects leave it out.</item>
/// <item>What osm-edge cannot carry is EGP050 on the field that says it, and that <c>to</c> gets no Egress:
/// <c>httpsUpgrade</c> (an Egress cannot originate TLS). <c>byEgressGateway.port</c> has no osm-edge meaning: the
/// gateway Service's port is the gateway's own.</item>
/// <item>EgressGateway <c>{N}</c> in PN: one rule naming every Egress, through the gateway Service
/// (<c>{service}</c> in the gateway namespace).</item>
/// </list>
/// </remarks>
internal sealed class OsmEdgeTranslator
{
    public const string ApiVersion = "policy.openservicemesh.io/v1alpha1";

    private readonly EgressEnvironment _environment;
    private readonly PolicyObjects _objects;
    private readonly string _gatewayName;
    private readonly ImmutableArray<PlannedEgress> _egresses;

    private OsmEdgeTranslator(EgressEnvironment environment, PolicyObjects objects, string gatewayName, ImmutableArray<PlannedEgress> egresses,
        ImmutableArray<Diagnostic> diagnostics)
    {
        _environment = environment;
        _objects = objects;
        _gatewayName = gatewayName;
        _egresses = egresses;
        Diagnostics = diagnostics;
    }

    private ImmutableArray<Diagnostic> Diagnostics { get; }

    public static ExpansionResult Translate(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace) is { } translator
            ? new ExpansionResult([.. translator.Resources()], translator.Diagnostics)
            : ExpansionResult.Empty;

    public static IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace)?.Resources() ?? [];

    public static ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace)?.Diagnostics ?? ImmutableArray<Diagnostic>.Empty;

    /// <summary>The protocol osm-edge's controller knows for a policy protocol, or null for one it cannot carry.</summary>
    public static string? OsmProtocol(string? protocol) => Protocols.KindOf(protocol) switch
    {
        TrafficKind.Http => "http",
        TrafficKind.Tls => "https",
        TrafficKind.Tcp => "tcp",
        _ => null,
    };

    private static OsmEdgeTranslator? Create(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        var policy = plan.Policy;
        if (policy.Name is not { Length: > 0 } name || policy.GatewayName is not { Length: > 0 } gateway)
        {
            return null;
        }
        var objects = new PolicyObjects(policy, name);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var names = new UniqueNames();
        var egresses = ImmutableArray.CreateBuilder<PlannedEgress>();
        foreach (var rule in policy.Rules)
        {
            var sources = new SortedSet<(string Namespace, string Name)>();
            foreach (var source in rule.From.Where(s => s.Namespace is not null))
            {
                if (WorkloadIdentities.Of(workspace, source.Namespace!, source.WorkloadSelector, out var gap) is { } serviceAccounts)
                {
                    sources.UnionWith(serviceAccounts.Select(sa => (source.Namespace!, sa)));
                }
                else
                {
                    diagnostics.Add(DiagnosticCatalog.EGP050.Create(((YamlNode?)source.WorkloadSelectorNode ?? source.NamespaceNode!).Span, new LocalizedText(
                        $"osm-edge admits sources by service account, and this 'from' has none known: {gap.Reason.En}; {gap.Remedy.En}.",
                        $"osm-edge 按服务账号放行来源,而此“from”没有已知的服务账号:{gap.Reason.Zh};{gap.Remedy.Zh}。")));
                }
            }
            foreach (var to in rule.To)
            {
                if (to.UpgradeEnabled && OsmProtocol(to.Protocol) == "http")
                {
                    diagnostics.Add(DiagnosticCatalog.EGP050.Create((to.UpgradeEnabledNode ?? (YamlNode)to.Node).Span, new LocalizedText(
                        "osm-edge cannot originate TLS: an Egress passes HTTP through as HTTP. Remove 'httpsUpgrade' and have the application call the HTTPS port, or choose an Istio target.",
                        "osm-edge 无法发起 TLS:Egress 按原样转发 HTTP。请删除“httpsUpgrade”并让应用直接访问 HTTPS 端口,或选择 Istio 目标。")));
                    continue;
                }
                if (OsmProtocol(to.Protocol) is not { } protocol || to.PortNumber is not { } port || to.Hosts.IsEmpty || sources.Count == 0)
                {
                    continue; // the schema and the source rules report what is missing
                }
                var key = to.Name is { } toName && ResourceNames.IsDnsLabel(toName) ? toName : $"{ResourceNames.Slug(to.Hosts[0].Host)}-{port}";
                egresses.Add(new PlannedEgress(to, names.Claim(objects.NameFor(key)), [.. sources], protocol, port));
            }
        }
        return new OsmEdgeTranslator(environment, objects, gateway, egresses.ToImmutable(), [.. diagnostics.OrderBy(d => d.Span.Start)]);
    }

    private IEnumerable<GeneratedResource> Resources()
    {
        if (_egresses.IsEmpty)
        {
            yield break;
        }
        foreach (var egress in _egresses)
        {
            yield return Egress(egress);
        }
        yield return EgressGateway();
    }

    private GeneratedResource Egress(PlannedEgress egress)
    {
        var spec = ManifestMapping.Of(
            ("sources", new ManifestSequence(egress.Sources.Select(source => (ManifestNode)ManifestMapping.Of(
                ("kind", OsmEgressSource.ServiceAccountKind),
                ("name", source.Name),
                ("namespace", source.Namespace))))),
            ("hosts", ManifestSequence.OfStrings(egress.Destination.Hosts.Select(h => h.Host).Distinct(StringComparer.Ordinal))),
            ("ports", ManifestSequence.Of(ManifestMapping.Of(("number", egress.Port), ("protocol", egress.Protocol)))));
        return _objects.Create(ApiVersion, "Egress", _objects.PolicyNamespace, egress.Name, spec, [egress.Destination]);
    }

    private GeneratedResource EgressGateway()
    {
        var spec = ManifestMapping.Of(("rules", ManifestSequence.Of(ManifestMapping.Of(
            ("egressPolicies", new ManifestSequence(_egresses.Select(egress => (ManifestNode)ManifestMapping.Of(
                ("name", egress.Name),
                ("namespace", _objects.PolicyNamespace))))),
            ("egressGateways", ManifestSequence.Of(ManifestMapping.Of(
                ("service", _environment.GatewayServiceFor(_gatewayName)),
                ("namespace", _environment.GatewayNamespace))))))));
        var sources = _egresses.Select(e => e.Destination).Distinct().OrderBy(d => d.RuleIndex).ThenBy(d => d.Index).ToImmutableArray();
        return _objects.Create(ApiVersion, "EgressGateway", _objects.PolicyNamespace, _objects.BaseName, spec, sources);
    }

    private sealed record PlannedEgress(Destination Destination, string Name, ImmutableArray<(string Namespace, string Name)> Sources, string Protocol, int Port);
}
