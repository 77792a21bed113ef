using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Targets.IstioSidecar;

/// <summary>
/// The <c>istio-sidecar</c> target: sidecars send egress traffic over Istio mutual TLS to the egress gateway,
/// which forwards it to the external host (expansion.md, "The contract for istio-sidecar").
/// </summary>
/// <remarks>
/// <para>
/// Notation: N = policy name, PN = policy namespace (default <c>istio-egress</c>), GNS = gateway namespace,
/// GH = gateway Service host (<c>{svc}.{GNS}.svc.{domain}</c>), SEL = gateway pod selector; per external host H:
/// K = slug(H) made unique among the hosts; per application port A of H: P = gateway port, U = upstream port.
/// Objects are per external host because Istio keys routing by host and the gateway subset's SNI is per host.
/// </para>
/// <list type="number">
/// <item>ServiceEntry <c>{N}-{K}</c> in PN: hosts [H], MESH_EXTERNAL, DNS; a port per A (the policy's port name
/// when it is a unique DNS label, else <c>{protocol}-{A}</c>), with <c>targetPort: U</c> where the gateway upgrades A
/// to HTTPS (as Istio's "Egress TLS origination" task does): port U itself is never declared for an upgrade, so a
/// sidecar cannot open TLS to H:U past the gateway; exportTo = sorted source namespaces of H plus GNS, nothing else.</item>
/// <item>VirtualService <c>{N}-{K}</c> in PN, gateways [<c>{GNS}/{gateway}</c>, mesh], exportTo as the
/// ServiceEntry. HTTP: per A a route matching each allowed source (mesh, port A, sourceNamespace, sourceLabels)
/// to GH subset K port P; then a 403 <c>directResponse</c> route for port A when some source is label-scoped or a
/// namespace that sees H is not allowed on A (rule 7); then the gateway hop (gateway, port P) to H:A (the
/// endpoints' port U when upgraded) — matched
/// by authority as well when several HTTP ports of H share P, since only the Host header tells them apart there.
/// TLS: a <c>tls</c> route (mesh, port A, sniHosts [H]) to GH subset K port P, deliberately not source-scoped:
/// a TLS route that does not match falls through to a direct connection, a gateway bypass, so every workload
/// that can see H is sent to the gateway and the AuthorizationPolicy admits the listed sources there. TCP: a
/// <c>tcp</c> route (mesh, port A) likewise. TLS and TCP: a <c>tcp</c> gateway hop (gateway, port P) to H:A.</item>
/// <item>Gateway <c>{N}</c> in GNS, selector SEL, ISTIO_MUTUAL servers: one HTTPS server per HTTP gateway port
/// P covering every HTTP host on it; one TLS server per TLS/TCP host and port (<c>tls-{P}-{K}</c>), so the
/// gateway picks the upstream by the mutual-TLS SNI.</item>
/// <item>DestinationRule <c>{N}</c> in GNS (the gateway Service's namespace, on every source's lookup path) for
/// GH, exported to all source namespaces: a subset K per host with, per gateway port P of H,
/// ISTIO_MUTUAL and <c>sni: H</c>.</item>
/// <item>DestinationRule <c>{N}-{K}-tls</c> in PN, exported to GNS, for each host with an upgraded port:
/// <c>SIMPLE</c> TLS with <c>sni: H</c> on each upgraded A (the cluster whose endpoints listen on U). No other
/// DestinationRule originates TLS.</item>
/// <item>AuthorizationPolicy <c>{N}</c> in GNS, ALLOW, selector SEL, one rule per (H, A): whole-namespace
/// sources as <c>source.namespaces</c>; label-scoped sources as <c>source.principals</c> when the workspace
/// knows the service accounts of the selected workloads and no unselected workload of the namespace shares one,
/// else as the namespace — with EGP042 for TLS/TCP, where nothing else narrows it. HTTP rules match
/// <c>to.operation.hosts</c>; TLS/TCP rules match <c>connection.sni</c> (HTTP-only fields would make an ALLOW
/// rule never match TCP traffic).</item>
/// <item>Every object carries <c>app.kubernetes.io/managed-by: egress-lsp</c>, <c>egress-lsp.io/policy</c> and the
/// annotation <c>egress-lsp.io/source: "{PN}/{N}: {source paths}"</c>. Order: ServiceEntries, Gateway,
/// DestinationRules (gateway first), VirtualServices, AuthorizationPolicy; hosts in order of first appearance.
/// Names are DNS labels of at most 63 characters (<see cref="ResourceNames"/>); empty lists are left out.</item>
/// <item>No policy name, no gateway name or no routable destination (known protocol, at least one source): no
/// resources; the validator says why. Plan conflicts are the analyzer's to report; the plan's hosts are used as
/// given.</item>
/// </list>
/// </remarks>
internal sealed class IstioSidecarTranslator
{
    private const string NetworkingApiVersion = IstioShapes.NetworkingApiVersion;
    private const string SecurityApiVersion = IstioShapes.SecurityApiVersion;
    private const string MutualTls = "ISTIO_MUTUAL";
    private const int DefaultHttpPort = 80;

    private readonly EgressEnvironment _environment;
    private readonly WorkspaceIndex _workspace;
    private readonly PolicyObjects _objects;
    private readonly string _policyNamespace;
    private readonly string _gatewayNamespace;
    private readonly string _gatewayHost;
    private readonly ImmutableArray<Label> _gatewaySelector;
    private readonly string _gatewayObjectName;
    private readonly string _gatewayReference;
    private readonly ImmutableArray<HostRoutes> _hosts;
    private readonly UnenforceableSelectors _unenforceable = new();

    private IstioSidecarTranslator(EgressEnvironment environment, WorkspaceIndex workspace, PolicyObjects objects,
        string gatewayName, ImmutableArray<HostRoutes> hosts)
    {
        _environment = environment;
        _workspace = workspace;
        _objects = objects;
        _policyNamespace = objects.PolicyNamespace;
        _gatewayNamespace = environment.GatewayNamespace;
        _gatewayHost = environment.GatewayHostFor(gatewayName);
        _gatewaySelector = environment.GatewaySelectorFor(gatewayName);
        _gatewayObjectName = objects.BaseName;
        _gatewayReference = $"{_gatewayNamespace}/{_gatewayObjectName}";
        _hosts = hosts;
    }

    public static ExpansionResult Translate(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace)?.Build() ?? ExpansionResult.Empty;

    /// <summary><see cref="Translate"/>'s resources made one at a time, for writing each out before the next is made.</summary>
    public static IEnumerable<GeneratedResource> Stream(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace) =>
        Create(plan, environment, workspace)?.Resources() ?? [];

    /// <summary>
    /// Only what the expansion would report (EGP042), without writing any manifest: the diagnostics of every
    /// keystroke need this, not the resources. It walks the same admission logic as the AuthorizationPolicy.
    /// </summary>
    public static ImmutableArray<Diagnostic> Diagnose(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        if (Create(plan, environment, workspace) is not { } translator)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }
        foreach (var host in translator._hosts)
        {
            foreach (var port in host.Ports)
            {
                _ = translator.Admitted(host, port);
            }
        }
        return translator._unenforceable.Diagnostics(UnnarrowedTraffic, Enforcer);
    }

    private static IstioSidecarTranslator? Create(EgressPlan plan, EgressEnvironment environment, WorkspaceIndex workspace)
    {
        var policy = plan.Policy;
        if (policy.Name is not { Length: > 0 } name || policy.GatewayName is not { Length: > 0 } gateway)
        {
            return null;
        }
        var hosts = RoutedHosts.GetValue(plan, static p => new(RoutableHosts(p))).Value;
        return hosts.IsEmpty ? null : new IstioSidecarTranslator(environment, workspace, new PolicyObjects(policy, name), gateway, hosts);
    }

    /// <summary>
    /// <see cref="RoutableHosts"/> once per plan: <c>expand</c> diagnoses (for EGP042) and then writes the same plan.
    /// The routes' own caches are idempotent, so readers on two threads at most both fill one.
    /// </summary>
    private static readonly ConditionalWeakTable<EgressPlan, StrongBox<ImmutableArray<HostRoutes>>> RoutedHosts = new();

    /// <summary>
    /// The plan's hosts with the ports that can be routed: a known kind of traffic, at least one source (a route
    /// matching no source would match everyone), and not sharing a gateway port with another port of the host in a
    /// way the gateway cannot separate (<see cref="GatewayPortConflictRule"/> reports those).
    /// </summary>
    private static ImmutableArray<HostRoutes> RoutableHosts(EgressPlan plan)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<HostRoutes>();
        var unseparable = GatewayPortConflictRule.Find(plan).Select(c => (c.Host, c.Port)).ToHashSet();
        foreach (var host in plan.Hosts)
        {
            var ports = host.Ports
                .Where(p => p.Kind != TrafficKind.Unknown && !p.Sources.IsEmpty && !unseparable.Contains((host.Host, p.AppPort)))
                .Select(p => new PortRoutes(p, SourceScope.Of(p)))
                .ToImmutableArray();
            if (ports.IsEmpty)
            {
                continue;
            }
            result.Add(new HostRoutes(host.Host, IstioShapes.HostKey(host.Host, keys), ports));
        }
        return result.ToImmutable();
    }

    private ExpansionResult Build()
    {
        // The resources first: making the AuthorizationPolicy is what finds the unenforceable selectors.
        var resources = Resources().ToImmutableArray();
        return new ExpansionResult(resources, _unenforceable.Diagnostics(UnnarrowedTraffic, Enforcer));
    }

    private IEnumerable<GeneratedResource> Resources()
    {
        foreach (var host in _hosts)
        {
            yield return ServiceEntry(host);
        }
        yield return Gateway();
        yield return GatewayDestinationRule();
        foreach (var host in _hosts.Where(h => h.Ports.Any(p => p.Port.OriginatesTls)))
        {
            yield return OriginationDestinationRule(host);
        }
        foreach (var host in _hosts)
        {
            yield return VirtualService(host);
        }
        yield return AuthorizationPolicy();
    }

    // ----- ServiceEntry

    private GeneratedResource ServiceEntry(HostRoutes host)
    {
        var names = new UniqueNames();
        var ports = new List<ManifestNode>();
        foreach (var port in host.Ports.Select(p => p.Port))
        {
            ports.Add(ManifestMapping.Of(("number", port.AppPort), ("name", IstioShapes.PortName(port, names)), ("protocol", port.Settings.Source.Protocol!),
                ("targetPort", port.OriginatesTls ? ManifestScalar.Integer(port.UpstreamPort) : null)));
        }
        var spec = ManifestMapping.Of(
            ("hosts", ManifestSequence.OfStrings([host.Host])),
            ("ports", new ManifestSequence(ports)),
            ("location", "MESH_EXTERNAL"),
            ("resolution", "DNS"),
            ("exportTo", ManifestSequence.OfStrings(ExportNamespaces(host))));
        return Resource(NetworkingApiVersion, "ServiceEntry", _policyNamespace, HostObjectName(host), spec, host.Destinations);
    }

    /// <summary>The namespaces that see host H: its sources and the gateway's, sorted (made once per host, for its ServiceEntry and VirtualService).</summary>
    private ImmutableArray<string> ExportNamespaces(HostRoutes host) =>
        host.ExportTo ??= SortedDistinct(host.Ports.SelectMany(p => p.Scopes).Select(s => s.Namespace).Append(_gatewayNamespace));

    /// <summary>Distinct, in ordinal order. A host mostly has a handful of namespaces: a list beats a set until it grows.</summary>
    private static ImmutableArray<string> SortedDistinct(IEnumerable<string> values)
    {
        const int ListLimit = 16;
        var distinct = new List<string>();
        HashSet<string>? seen = null;
        foreach (var value in values)
        {
            if (seen is null && distinct.Count == ListLimit)
            {
                seen = new HashSet<string>(distinct, StringComparer.Ordinal);
            }
            if (seen?.Add(value) ?? !distinct.Contains(value, StringComparer.Ordinal))
            {
                distinct.Add(value);
            }
        }
        distinct.Sort(StringComparer.Ordinal);
        return [.. distinct];
    }

    /// <summary>The application ports of H the gateway upgrades: their cluster at the gateway originates TLS to the target port.</summary>
    private static IEnumerable<int> UpgradedPorts(HostRoutes host) =>
        host.Ports.Where(p => p.Port.OriginatesTls).Select(p => p.Port.AppPort).Distinct();

    // ----- VirtualService

    private GeneratedResource VirtualService(HostRoutes host)
    {
        var routeNames = new UniqueNames();
        var exportTo = ExportNamespaces(host);
        var http = new List<ManifestNode>();
        var tls = new List<ManifestNode>();
        var tcp = new List<ManifestNode>();
        foreach (var port in host.Ports)
        {
            var appPort = port.Port.AppPort;
            var toGateway = GatewayRoute(host, port.Port.GatewayPort);
            switch (port.Port.Kind)
            {
                case TrafficKind.Http:
                    var routeName = routeNames.Claim(port.Port.Settings.Source.Name is { Length: > 0 } named ? named : $"{host.Key}-{appPort}");
                    http.Add(ManifestMapping.Of(
                        ("name", routeName),
                        ("match", new ManifestSequence(port.Scopes.Select(scope =>
                            MeshMatch(appPort, sourceNamespace: scope.Namespace, sourceLabels: LabelMap(scope.Selector))))),
                        ("route", toGateway)));
                    if (NeedsRefusal(port, exportTo))
                    {
                        http.Add(ManifestMapping.Of(
                            ("name", routeNames.Claim($"{routeName}-deny")),
                            ("match", ManifestSequence.Of(MeshMatch(appPort))),
                            ("directResponse", ManifestMapping.Of(("status", 403)))));
                    }
                    http.Add(ManifestMapping.Of(
                        ("match", GatewayHopMatches(host, port.Port)),
                        ("route", UpstreamRoute(host.Host, port.Port.AppPort))));
                    break;
                case TrafficKind.Tls:
                    tls.Add(ManifestMapping.Of(
                        ("match", ManifestSequence.Of(MeshMatch(appPort, sniHost: host.Host))),
                        ("route", toGateway)));
                    tcp.Add(OpaqueGatewayHop(host, port.Port));
                    break;
                case TrafficKind.Tcp:
                    tcp.Add(ManifestMapping.Of(("match", ManifestSequence.Of(MeshMatch(appPort))), ("route", toGateway)));
                    tcp.Add(OpaqueGatewayHop(host, port.Port));
                    break;
            }
        }
        var spec = ManifestMapping.Of(
            ("hosts", ManifestSequence.OfStrings([host.Host])),
            ("gateways", ManifestSequence.OfStrings([_gatewayReference, VirtualServiceModel.MeshGatewayName])),
            ("http", new ManifestSequence(http)),
            ("tls", new ManifestSequence(tls)),
            ("tcp", new ManifestSequence(tcp)),
            ("exportTo", ManifestSequence.OfStrings(exportTo)));
        return Resource(NetworkingApiVersion, "VirtualService", _policyNamespace, HostObjectName(host), spec, host.Destinations);
    }

    /// <summary>
    /// Rule 7 for HTTP: a workload that sees H but is not allowed on port A — unselected by a workloadSelector, or
    /// in a namespace allowed only on another port of H — gets a 403 rather than no route.
    /// </summary>
    private bool NeedsRefusal(PortRoutes port, ImmutableArray<string> exportTo) =>
        port.Scopes.Any(s => !s.IsWholeNamespace) ||
        exportTo.Any(ns => ns != _gatewayNamespace && !port.Scopes.Any(s => s.Namespace == ns));

    /// <summary>A sidecar-side match on port A, narrowed by whichever of the other fields are given.</summary>
    private static ManifestMapping MeshMatch(int appPort, string? sourceNamespace = null, ManifestMapping? sourceLabels = null, string? sniHost = null) =>
        ManifestMapping.Of(
            ("gateways", ManifestSequence.OfStrings([VirtualServiceModel.MeshGatewayName])),
            ("port", appPort),
            ("sourceNamespace", sourceNamespace),
            ("sourceLabels", sourceLabels),
            ("sniHosts", sniHost is null ? null : ManifestSequence.OfStrings([sniHost])));

    private ManifestSequence GatewayRoute(HostRoutes host, int gatewayPort) =>
        ManifestSequence.Of(ManifestMapping.Of(("destination", ManifestMapping.Of(
            ("host", _gatewayHost),
            ("subset", host.Key),
            ("port", ManifestMapping.Of(("number", gatewayPort)))))));

    private static ManifestSequence UpstreamRoute(string host, int port) =>
        ManifestSequence.Of(ManifestMapping.Of(("destination", ManifestMapping.Of(
            ("host", host),
            ("port", ManifestMapping.Of(("number", port)))))));

    /// <summary>
    /// The gateway side of an HTTP port: requests arriving on P. When several HTTP ports of H share P, only the
    /// Host header (<c>H:A</c>, or <c>H</c> for port 80) says which port the application dialled.
    /// </summary>
    private ManifestSequence GatewayHopMatches(HostRoutes host, PlannedHostPort port)
    {
        var sharesGatewayPort = host.Ports.Count(p => p.Port.Kind == TrafficKind.Http && p.Port.GatewayPort == port.GatewayPort) > 1;
        return sharesGatewayPort
            ? new ManifestSequence(AuthoritiesOf(host.Host, port.AppPort).Select(authority => GatewayMatch(port.GatewayPort, authority)))
            : ManifestSequence.Of(GatewayMatch(port.GatewayPort));
    }

    /// <summary>A gateway-side match on port P, narrowed to one Host header when given.</summary>
    private ManifestMapping GatewayMatch(int gatewayPort, string? authority = null) =>
        ManifestMapping.Of(
            ("gateways", ManifestSequence.OfStrings([_gatewayReference])),
            ("port", gatewayPort),
            ("authority", authority is null ? null : ManifestMapping.Of(("exact", authority))));

    /// <summary>The Host header values of requests to H on port A (clients leave out the default port 80).</summary>
    private static ImmutableArray<string> AuthoritiesOf(string host, int appPort) =>
        appPort == DefaultHttpPort ? [host, $"{host}:{appPort}"] : [$"{host}:{appPort}"];

    private ManifestMapping OpaqueGatewayHop(HostRoutes host, PlannedHostPort port) =>
        ManifestMapping.Of(
            ("match", ManifestSequence.Of(GatewayMatch(port.GatewayPort))),
            ("route", UpstreamRoute(host.Host, port.AppPort)));

    // ----- Gateway

    private GeneratedResource Gateway()
    {
        var routes = _hosts.SelectMany(host => host.Ports.Select(p => (Host: host, p.Port))).ToList();
        var httpServers = routes
            .Where(r => r.Port.Kind == TrafficKind.Http)
            .GroupBy(r => r.Port.GatewayPort)
            .Select(g => GatewayServer(g.Key, $"https-{g.Key}", "HTTPS", g.Select(r => r.Host.Host).Distinct(StringComparer.Ordinal)));
        var opaqueServers = routes
            .Where(r => r.Port.Kind != TrafficKind.Http)
            .DistinctBy(r => (r.Port.GatewayPort, r.Host.Key))
            .Select(r => GatewayServer(r.Port.GatewayPort, $"tls-{r.Port.GatewayPort}-{r.Host.Key}", "TLS", [r.Host.Host]));
        var spec = ManifestMapping.Of(
            ("selector", LabelMap(_gatewaySelector)),
            ("servers", new ManifestSequence(httpServers.Concat(opaqueServers))));
        return Resource(NetworkingApiVersion, "Gateway", _gatewayNamespace, _gatewayObjectName, spec, AllDestinations());
    }

    private static ManifestMapping GatewayServer(int port, string name, string protocol, IEnumerable<string> hosts) =>
        ManifestMapping.Of(
            ("port", ManifestMapping.Of(("number", port), ("name", name), ("protocol", protocol))),
            ("hosts", ManifestSequence.OfStrings(hosts)),
            ("tls", ManifestMapping.Of(("mode", MutualTls))));

    // ----- DestinationRules

    private GeneratedResource GatewayDestinationRule()
    {
        var spec = ManifestMapping.Of(
            ("host", _gatewayHost),
            ("subsets", new ManifestSequence(_hosts.Select(host => ManifestMapping.Of(
                ("name", host.Key),
                ("trafficPolicy", ManifestMapping.Of(("portLevelSettings", new ManifestSequence(
                    host.Ports.Select(p => p.Port.GatewayPort).Distinct().Select(port => IstioShapes.PortTls(port, MutualTls, host.Host)))))))))),
            ("exportTo", ManifestSequence.OfStrings(_hosts.SelectMany(h => h.Ports).SelectMany(p => p.Scopes).Select(s => s.Namespace)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))));
        return Resource(NetworkingApiVersion, "DestinationRule", _gatewayNamespace, _gatewayObjectName, spec, AllDestinations());
    }

    private GeneratedResource OriginationDestinationRule(HostRoutes host)
    {
        var spec = ManifestMapping.Of(
            ("host", host.Host),
            ("trafficPolicy", ManifestMapping.Of(("portLevelSettings", new ManifestSequence(
                UpgradedPorts(host).Select(port => IstioShapes.PortTls(port, "SIMPLE", host.Host)))))),
            ("exportTo", ManifestSequence.OfStrings([_gatewayNamespace])));
        var upgrading = InSourceOrder(host.Ports.Where(p => p.Port.OriginatesTls).SelectMany(p => p.Port.Origins));
        return Resource(NetworkingApiVersion, "DestinationRule", _policyNamespace, _objects.NameFor($"{host.Key}-tls"), spec, upgrading);
    }

    // ----- AuthorizationPolicy

    private GeneratedResource AuthorizationPolicy()
    {
        var rules = new List<ManifestNode>();
        foreach (var host in _hosts)
        {
            foreach (var port in host.Ports)
            {
                var isHttp = port.Port.Kind == TrafficKind.Http;
                var to = ManifestSequence.Of(ManifestMapping.Of(("operation", ManifestMapping.Of(
                    ("hosts", ManifestSequence.OfStrings(AuthoritiesOf(host.Host, port.Port.AppPort)))))));
                var when = ManifestSequence.Of(ManifestMapping.Of(
                    ("key", "connection.sni"),
                    ("values", ManifestSequence.OfStrings([host.Host]))));
                rules.Add(ManifestMapping.Of(
                    ("from", AdmittedSources(host, port)),
                    ("to", isHttp ? to : null),
                    ("when", isHttp ? null : when)));
            }
        }
        var spec = ManifestMapping.Of(
            ("selector", ManifestMapping.Of(("matchLabels", LabelMap(_gatewaySelector)))),
            ("action", "ALLOW"),
            ("rules", new ManifestSequence(rules)));
        return Resource(SecurityApiVersion, "AuthorizationPolicy", _gatewayNamespace, _gatewayObjectName, spec, AllDestinations());
    }

    /// <summary>Rule 8: the gateway admits exactly the sources allowed on H:A, by identity where the workspace knows it.</summary>
    private ManifestSequence AdmittedSources(HostRoutes host, PortRoutes port)
    {
        var (namespaces, principals) = Admitted(host, port);
        var from = new List<ManifestNode>();
        if (namespaces.Count > 0)
        {
            from.Add(SourceOf("namespaces", namespaces));
        }
        // A principal in a namespace admitted as a whole adds nothing.
        var narrowed = principals.Where(p => !namespaces.Contains(p.Namespace)).Select(p => p.Principal)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (narrowed.Length > 0)
        {
            from.Add(SourceOf("principals", narrowed));
        }
        return new ManifestSequence(from);

        static ManifestMapping SourceOf(string field, IEnumerable<string> values) =>
            ManifestMapping.Of(("source", ManifestMapping.Of((field, ManifestSequence.OfStrings(values)))));
    }

    /// <summary>
    /// Who the gateway admits on H:A: whole namespaces, and principals where the workspace identifies a label-scoped
    /// source's workloads; a TLS/TCP source it cannot narrow is recorded for EGP042.
    /// </summary>
    private (SortedSet<string> Namespaces, List<(string Namespace, string Principal)> Principals) Admitted(HostRoutes host, PortRoutes port)
    {
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var principals = new List<(string Namespace, string Principal)>();
        foreach (var scope in port.Scopes)
        {
            if (scope.IsWholeNamespace)
            {
                namespaces.Add(scope.Namespace);
            }
            else if (WorkloadIdentities.Of(_workspace, scope.Namespace, scope.Selector, out var gap) is { } serviceAccounts)
            {
                principals.AddRange(serviceAccounts.Select(sa => (scope.Namespace, _environment.PrincipalFor(scope.Namespace, sa))));
            }
            else
            {
                namespaces.Add(scope.Namespace);
                // HTTP sources are narrowed by the sidecar's sourceLabels routes and 403; TLS/TCP ones only here.
                if (port.Port.Kind != TrafficKind.Http)
                {
                    _unenforceable.Add(scope, host.Host, port.Port.AppPort, gap);
                }
            }
        }
        return (namespaces, principals);
    }

    private static readonly LocalizedText UnnarrowedTraffic = new("TLS/TCP traffic", " TLS/TCP 流量");
    private static readonly LocalizedText Enforcer = new("The egress gateway", "出口网关");

    // ----- common

    private string HostObjectName(HostRoutes host) => _objects.NameFor(host.Key);

    private ImmutableArray<Destination> AllDestinations() => InSourceOrder(_hosts.SelectMany(h => h.Ports).SelectMany(p => p.Port.Origins));

    private GeneratedResource Resource(string apiVersion, string kind, string ns, string name, ManifestMapping spec,
        ImmutableArray<Destination> sources) => _objects.Create(apiVersion, kind, ns, name, spec, sources);

    private static ImmutableArray<Destination> InSourceOrder(IEnumerable<PlannedDestination> destinations) => PolicyObjects.InSourceOrder(destinations);

    private static ManifestMapping LabelMap(IEnumerable<Label> labels) => PolicyObjects.LabelMap(labels);

    private sealed record HostRoutes(string Host, string Key, ImmutableArray<PortRoutes> Ports)
    {
        private ImmutableArray<Destination>? _destinations;

        /// <summary>See <see cref="ExportNamespaces"/>.</summary>
        public ImmutableArray<string>? ExportTo { get; set; }

        /// <summary>Read by the resources, not by <see cref="Diagnose"/>: made on first use, off the typing path.</summary>
        public ImmutableArray<Destination> Destinations => _destinations ??= InSourceOrder(Ports.SelectMany(p => p.Port.Origins));
    }

    private sealed record PortRoutes(PlannedHostPort Port, ImmutableArray<SourceScope> Scopes);
}
