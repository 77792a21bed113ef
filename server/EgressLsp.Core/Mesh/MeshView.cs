using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Mesh;

/// <summary>A route a Gateway applies (the egress gateway's hop to the external host), and that Gateway when known.</summary>
public sealed record GatewayHop(VirtualServiceModel VirtualService, MeshRoute Route, MeshDestination Destination, GatewayModel? Gateway);

/// <summary>A host the mesh's registry knows (a ServiceEntry host, or a Service's FQDN), with its ports.</summary>
public sealed record RegisteredHost(string Host, ImmutableArray<MeshPort> Ports, MeshResource Source);

/// <summary>
/// The mesh configuration of a whole workspace, with the lookups cross-resource rules share: the service registry
/// as each namespace sees it, Gateways by name, DestinationRule subsets, which workloads a selector picks. Built
/// once per <see cref="WorkspaceIndex"/> (immutable, like it).
/// </summary>
public sealed class MeshView
{
    public const string ExportToAll = "*";

    private readonly Dictionary<string, RegisteredHost> _registry = new(StringComparer.Ordinal);
    private readonly List<(string Scope, string Suffix, RegisteredHost Entry)> _wildcards = [];
    private readonly HashSet<(string Namespace, string Name, string Subset)> _subsets = [];
    private readonly HashSet<(string Namespace, string Name)> _secrets = [];
    private readonly HashSet<string> _firstHopHosts = new(StringComparer.Ordinal);
    private readonly ILookup<string, ServiceModel> _servicesByNamespace;

    public MeshView(IEnumerable<MeshResource> resources, ImmutableArray<WorkloadInfo> workloads, IEnumerable<string> declaredNamespaces,
        string clusterDomain)
    {
        ClusterDomain = clusterDomain;
        var all = resources.ToArray();
        ServiceEntries = [.. all.OfType<ServiceEntryModel>()];
        Services = [.. all.OfType<ServiceModel>()];
        Gateways = [.. all.OfType<GatewayModel>()];
        VirtualServices = [.. all.OfType<VirtualServiceModel>()];
        DestinationRules = [.. all.OfType<DestinationRuleModel>()];
        AuthorizationPolicies = [.. all.OfType<AuthorizationPolicyModel>()];
        Policies = [.. all.OfType<PolicyModel>()];
        OsmEgressGateways = [.. all.OfType<OsmEgressGatewayModel>()];
        OsmEgresses = [.. all.OfType<OsmEgressModel>()];
        _namespaceLabels = all.OfType<NamespaceModel>().GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Labels, StringComparer.Ordinal);
        Workloads = workloads;
        DeclaredNamespaces = [.. declaredNamespaces];
        _servicesByNamespace = Services.ToLookup(s => s.Namespace, StringComparer.Ordinal);
        foreach (var secret in all.OfType<SecretModel>())
        {
            _secrets.Add((secret.Namespace, secret.Name));
        }
        RegisterHosts();
        foreach (var service in VirtualServices.Where(vs => vs.Routes.Any(r => vs.GatewaysOf(r).Any(g => g != VirtualServiceModel.MeshGatewayName))))
        {
            foreach (var destination in service.Routes.Where(service.IsSidecarRoute).SelectMany(r => r.Destinations))
            {
                if (destination.Host is { } host && ServiceOf(Fqdn(host.Value, service.Namespace)) is not null)
                {
                    _firstHopHosts.Add(Fqdn(host.Value, service.Namespace));
                }
            }
        }
        foreach (var rule in DestinationRules)
        {
            if (rule.Host is { } host)
            {
                var (ns, name) = ResourceOf(host.Value, rule.Namespace);
                foreach (var subset in rule.Subsets)
                {
                    _subsets.Add((ns, name, subset.Name.Value));
                }
            }
        }
        HasGatewayWorkloads = workloads.Any(w => w.PodLabels.Any(l => l.Key == Manifest.GatewayLabelKey));
        _meshServiceHosts = new Lazy<(Dictionary<string, List<int>>, List<(int, string)>)>(IndexMeshServiceHosts);
    }

    /// <summary>The cluster's DNS domain (<c>cluster.local</c> unless the project configures another).</summary>
    public string ClusterDomain { get; }

    /// <summary>A host made fully qualified in <paramref name="ns"/> (<see cref="MeshHost.ToFqdn"/>).</summary>
    public string Fqdn(string host, string ns) => MeshHost.ToFqdn(host, ns, ClusterDomain);

    /// <summary>The Service a cluster-local FQDN names, else null.</summary>
    public (string Namespace, string Name)? ServiceOf(string fqdn) => MeshHost.ServiceOf(fqdn, ClusterDomain);

    /// <summary>
    /// The resource a destination host names (<c>util.GetResourceNameFromHost</c>): the Service of a cluster-local
    /// FQDN, else the host itself in <paramref name="ns"/>. DestinationRule subsets are keyed by it.
    /// </summary>
    public (string Namespace, string Name) ResourceOf(string host, string ns) => ServiceOf(host) ?? (ns, host);

    public ImmutableArray<ServiceEntryModel> ServiceEntries { get; }

    public ImmutableArray<ServiceModel> Services { get; }

    /// <summary>Istio Gateways and Gateway API Gateways.</summary>
    public ImmutableArray<GatewayModel> Gateways { get; }

    public ImmutableArray<VirtualServiceModel> VirtualServices { get; }

    private readonly Lazy<(Dictionary<string, List<int>> Exact, List<(int Index, string Host)> Wildcards)> _meshServiceHosts;

    private (Dictionary<string, List<int>>, List<(int, string)>) IndexMeshServiceHosts()
    {
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var wildcards = new List<(int, string)>();
        for (var i = 0; i < VirtualServices.Length; i++)
        {
            var service = VirtualServices[i];
            if (!service.IsBoundToMesh)
            {
                continue;
            }
            foreach (var host in service.Hosts.Select(h => Fqdn(h.Value, service.Namespace)))
            {
                if (MeshHost.IsWildcard(host))
                {
                    wildcards.Add((i, host));
                }
                else
                {
                    (exact.TryGetValue(host, out var list) ? list : exact[host] = []).Add(i);
                }
            }
        }
        return (exact, wildcards);
    }

    /// <summary>The VirtualServices bound to the sidecars with a host that covers <paramref name="fqdn"/>, in declaration order.</summary>
    public IEnumerable<VirtualServiceModel> MeshServicesCovering(string fqdn)
    {
        var (exact, wildcards) = _meshServiceHosts.Value;
        var indices = new SortedSet<int>(exact.TryGetValue(fqdn, out var list) ? list : []);
        foreach (var (index, host) in wildcards)
        {
            if (MeshHost.SubsetOf(fqdn, host))
            {
                indices.Add(index);
            }
        }
        return indices.Select(i => VirtualServices[i]);
    }

    /// <summary>osm-edge Egress policies.</summary>
    public ImmutableArray<OsmEgressModel> OsmEgresses { get; }

    private readonly Dictionary<string, ImmutableArray<Label>> _namespaceLabels;

    /// <summary>The labels of a namespace a <c>Namespace</c> manifest declares (none when the workspace does not declare it).</summary>
    public ImmutableArray<Label> LabelsOfNamespace(string ns) => _namespaceLabels.TryGetValue(ns, out var labels) ? labels : [];

    /// <summary>osm-edge EgressGateways (OSM002 looks for a second global one).</summary>
    public ImmutableArray<OsmEgressGatewayModel> OsmEgressGateways { get; }

    public ImmutableArray<DestinationRuleModel> DestinationRules { get; }

    public ImmutableArray<AuthorizationPolicyModel> AuthorizationPolicies { get; }

    /// <summary>The egress policies of the workspace, with their plans.</summary>
    public ImmutableArray<PolicyModel> Policies { get; }

    /// <summary>Pods and the pod templates of workload controllers: what selectors pick.</summary>
    public ImmutableArray<WorkloadInfo> Workloads { get; }

    /// <summary>Namespaces declared by <c>Namespace</c> manifests.</summary>
    public ImmutableArray<string> DeclaredNamespaces { get; }

    /// <summary>
    /// Whether the workspace holds gateway workloads (pods labelled <c>istio: …</c>). The egress gateway Istio installs
    /// is usually not in a repository of configuration, so "no such gateway workload" is only said when some are.
    /// </summary>
    public bool HasGatewayWorkloads { get; }

    public bool HasServicesIn(string ns) => _servicesByNamespace.Contains(ns);

    /// <summary>Where Istio installs its gateways, and its root configuration namespace.</summary>
    public const string IstioSystem = "istio-system";

    /// <summary>
    /// Whether a destination host is an egress gateway's Service: a cluster-local host whose Service is named like
    /// Istio's (<c>…egressgateway…</c>), is the sidecars' destination in a VirtualService whose other routes a Gateway
    /// applies (the two hops of the egress pattern), or is a Service of the workspace labelled or selecting
    /// <c>istio: …egress…</c>.
    /// </summary>
    public bool IsEgressGatewayHost(string fqdn) =>
        ServiceOf(fqdn) is { } service &&
        (service.Name.Contains("egressgateway", StringComparison.Ordinal) || _firstHopHosts.Contains(fqdn) ||
         _servicesByNamespace[service.Namespace].Any(s => s.Name == service.Name &&
             s.Labels.Concat(s.Selector).Any(l => l.Key == Manifest.GatewayLabelKey && l.Value.Contains("egress", StringComparison.Ordinal))));

    /// <summary>The namespace a Gateway's proxies run in: its selected workloads', else <paramref name="installedIn"/> (where the project installs gateways).</summary>
    public string GatewayWorkloadNamespace(GatewayModel gateway, string installedIn) =>
        WorkloadsSelectedBy(gateway.Selector, ns: null).FirstOrDefault()?.Namespace ?? installedIn;

    /// <summary>
    /// The DestinationRules a sidecar in <paramref name="client"/> applies to <paramref name="fqdn"/>, as istiod picks
    /// them (<c>PushContext.destinationRule</c>, pilot/pkg/model/push_context.go): those of the client's namespace, else
    /// those of the service's namespace exported to the client, else those of the root namespace exported to it; at
    /// each step a rule for the exact host before a wildcard one. Empty when none is on that path.
    /// </summary>
    public ImmutableArray<DestinationRuleModel> DestinationRulesFor(string client, string fqdn, string? serviceNamespace)
    {
        IEnumerable<DestinationRuleModel>[] path =
        [
            DestinationRules.Where(r => r.Namespace == client),
            serviceNamespace is null || serviceNamespace == client ? [] : DestinationRules.Where(r => r.Namespace == serviceNamespace && MeshHost.IsExportedTo(r.ExportTo, r.Namespace, client)),
            client == IstioSystem || serviceNamespace == IstioSystem ? [] : DestinationRules.Where(r => r.Namespace == IstioSystem && MeshHost.IsExportedTo(r.ExportTo, r.Namespace, client)),
        ];
        foreach (var step in path)
        {
            var forHost = step.Where(r => r.Host is { } h && MeshHost.SubsetOf(fqdn, Fqdn(h.Value, r.Namespace))).ToArray();
            var exact = forHost.Where(r => Fqdn(r.Host!.Value.Value, r.Namespace) == fqdn).ToArray();
            if (forHost.Length > 0)
            {
                return [.. exact.Length > 0 ? exact : forHost];
            }
        }
        return [];
    }

    /// <summary>
    /// The second hops to <paramref name="fqdn"/>: routes applied by a Gateway (not by the sidecars) whose destination
    /// is that host (a ServiceEntry's wildcard host covers the hosts it matches), with the Gateway when it is known.
    /// </summary>
    public IEnumerable<GatewayHop> GatewayHopsTo(string fqdn)
    {
        foreach (var service in VirtualServices)
        {
            foreach (var route in service.Routes)
            {
                var gateways = service.GatewaysOf(route).Where(g => g != VirtualServiceModel.MeshGatewayName).ToArray();
                if (gateways.Length == 0)
                {
                    continue;
                }
                foreach (var destination in route.Destinations)
                {
                    if (destination.Host is { } host && MeshHost.SubsetOf(Fqdn(host.Value, service.Namespace), fqdn))
                    {
                        foreach (var gateway in gateways)
                        {
                            var named = Kinds.IstioResourceKind.GatewayNamed(gateway, service.Namespace) is { } name ? GatewayNamed(name.Namespace, name.Name) : null;
                            yield return new GatewayHop(service, route, destination, named);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether a ServiceEntry of the workspace declares exactly this host (not by a wildcard).</summary>
    public bool DeclaresExactly(string fqdn) => ServiceEntries.Any(e => e.Hosts.Any(h => Fqdn(h.Value, e.Namespace) == fqdn));

    /// <summary>Every Gateway of that namespace and name: several files may hold versions of one object.</summary>
    public IEnumerable<GatewayModel> GatewaysNamed(string ns, string name) => Gateways.Where(g => g.Namespace == ns && g.Name == name);

    /// <summary>The namespace of the Service or ServiceEntry that declares <paramref name="fqdn"/> for <paramref name="client"/>, if known.</summary>
    public string? ServiceNamespaceOf(string client, string fqdn) =>
        ServiceOf(fqdn)?.Namespace ?? FindDestination(client, [], fqdn)?.Source.Namespace;

    public bool HasSecret(string ns, string name) => _secrets.Contains((ns, name));

    /// <summary>Whether the workspace holds Secrets at all (most are made with <c>kubectl create secret</c>, not kept as YAML).</summary>
    public bool HasSecrets => _secrets.Count > 0;

    /// <summary>The Istio Gateway of that name, else the Gateway API Gateway (as Istio looks them up).</summary>
    public GatewayModel? GatewayNamed(string ns, string name) =>
        GatewaysNamed(ns, name).OrderBy(g => g.IsGatewayApi).FirstOrDefault();

    /// <summary>The workloads whose pods a label selector picks, in <paramref name="ns"/> or anywhere (null).</summary>
    public IEnumerable<WorkloadInfo> WorkloadsSelectedBy(ImmutableArray<Label> selector, string? ns) =>
        Workloads.Where(w => (ns is null || w.Namespace == ns) && w.Matches(selector));

    /// <summary>The Services of a workload's namespace whose selector picks its pods (Services select only in their namespace).</summary>
    public IEnumerable<ServiceModel> ServicesSelecting(WorkloadInfo workload) =>
        _servicesByNamespace[workload.Namespace].Where(s => !s.Selector.IsEmpty && workload.Matches(s.Selector));

    /// <summary>Whether a DestinationRule of the workspace declares <paramref name="subset"/> for the resource <paramref name="host"/> names.</summary>
    public bool HasSubset((string Namespace, string Name) host, string subset) => _subsets.Contains((host.Namespace, host.Name, subset));

    /// <summary>
    /// The registry entry a destination host resolves to for a VirtualService in <paramref name="sourceNamespace"/>
    /// exported as <paramref name="exportTo"/>, as Istio's <c>util.GetDestinationHost</c>
    /// (pkg/config/analysis/analyzers/util/service_lookup.go) finds it: a host exported to all namespaces, then to the
    /// VirtualService's own namespace or each namespace it is exported to, then a wildcard host exported to all or to
    /// the VirtualService's namespace that the host ends with.
    /// </summary>
    public RegisteredHost? FindDestination(string sourceNamespace, IReadOnlyList<string> exportTo, string host)
    {
        var fqdn = Fqdn(host, sourceNamespace);
        if (_registry.TryGetValue(Key(ExportToAll, fqdn), out var found))
        {
            return found;
        }
        IEnumerable<string> scopes = exportTo.Count == 0 ? [sourceNamespace] : exportTo.Select(e => e == "." ? sourceNamespace : e);
        foreach (var scope in scopes)
        {
            if (_registry.TryGetValue(Key(scope, fqdn), out found))
            {
                return found;
            }
        }
        var name = host.StartsWith('*') ? host[1..] : host;
        foreach (var (scope, suffix, entry) in _wildcards)
        {
            if ((scope == ExportToAll || scope == sourceNamespace) && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>
    /// The registry per visibility scope, as Istio's <c>util.InitServiceEntryHostMap</c> builds it: ServiceEntry hosts
    /// (made fully qualified in the entry's namespace) per <c>exportTo</c> entry, Service FQDNs per exportTo annotation.
    /// The first declaration of a scoped host wins (path order).
    /// </summary>
    private void RegisterHosts()
    {
        foreach (var entry in ServiceEntries)
        {
            var scopes = entry.ExportTo.IsEmpty || entry.ExportTo.Contains(ExportToAll)
                ? [ExportToAll]
                : entry.ExportTo.Select(e => e == "." ? entry.Namespace : e).Distinct().ToArray();
            foreach (var host in entry.Hosts)
            {
                var fqdn = Fqdn(host.Value, entry.Namespace);
                var registered = new RegisteredHost(fqdn, entry.Ports, entry);
                foreach (var scope in scopes)
                {
                    Register(scope, registered);
                }
            }
        }
        foreach (var service in Services)
        {
            var registered = new RegisteredHost(Fqdn(service.Name, service.Namespace), service.Ports, service);
            foreach (var scope in service.ExportTo.IsEmpty ? [ExportToAll] : service.ExportTo.AsEnumerable())
            {
                Register(scope, registered);
            }
        }
    }

    private void Register(string scope, RegisteredHost registered)
    {
        if (_registry.TryAdd(Key(scope, registered.Host), registered) && MeshHost.IsWildcard(registered.Host))
        {
            _wildcards.Add((scope, registered.Host[1..], registered));
        }
    }

    private static string Key(string scope, string fqdn) => scope + "/" + fqdn;
}
