using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Mesh;

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
    private readonly ILookup<string, ServiceModel> _servicesByNamespace;

    public MeshView(IEnumerable<MeshResource> resources, ImmutableArray<WorkloadInfo> workloads, IEnumerable<string> declaredNamespaces)
    {
        var all = resources.ToArray();
        ServiceEntries = [.. all.OfType<ServiceEntryModel>()];
        Services = [.. all.OfType<ServiceModel>()];
        Gateways = [.. all.OfType<GatewayModel>()];
        VirtualServices = [.. all.OfType<VirtualServiceModel>()];
        DestinationRules = [.. all.OfType<DestinationRuleModel>()];
        Workloads = workloads;
        DeclaredNamespaces = [.. declaredNamespaces];
        _servicesByNamespace = Services.ToLookup(s => s.Namespace, StringComparer.Ordinal);
        foreach (var secret in all.OfType<SecretModel>())
        {
            _secrets.Add((secret.Namespace, secret.Name));
        }
        RegisterHosts();
        foreach (var rule in DestinationRules)
        {
            if (rule.Host is { } host)
            {
                var (ns, name) = MeshHost.ResourceOf(host.Value, rule.Namespace);
                foreach (var subset in rule.Subsets)
                {
                    _subsets.Add((ns, name, subset.Name.Value));
                }
            }
        }
        HasGatewayWorkloads = workloads.Any(w => w.PodLabels.Any(l => l.Key == Manifest.GatewayLabelKey));
    }

    public ImmutableArray<ServiceEntryModel> ServiceEntries { get; }

    public ImmutableArray<ServiceModel> Services { get; }

    /// <summary>Istio Gateways and Gateway API Gateways.</summary>
    public ImmutableArray<GatewayModel> Gateways { get; }

    public ImmutableArray<VirtualServiceModel> VirtualServices { get; }

    public ImmutableArray<DestinationRuleModel> DestinationRules { get; }

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

    public bool HasSecret(string ns, string name) => _secrets.Contains((ns, name));

    /// <summary>Whether the workspace holds Secrets at all (most are made with <c>kubectl create secret</c>, not kept as YAML).</summary>
    public bool HasSecrets => _secrets.Count > 0;

    /// <summary>The Istio Gateway of that name, else the Gateway API Gateway (as Istio looks them up).</summary>
    public GatewayModel? GatewayNamed(string ns, string name) =>
        Gateways.FirstOrDefault(g => !g.IsGatewayApi && g.Namespace == ns && g.Name == name) ??
        Gateways.FirstOrDefault(g => g.IsGatewayApi && g.Namespace == ns && g.Name == name);

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
        var fqdn = MeshHost.ToFqdn(host, sourceNamespace);
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
                var fqdn = MeshHost.ToFqdn(host.Value, entry.Namespace);
                var registered = new RegisteredHost(fqdn, entry.Ports, entry);
                foreach (var scope in scopes)
                {
                    Register(scope, registered);
                }
            }
        }
        foreach (var service in Services)
        {
            var registered = new RegisteredHost(service.Host, service.Ports, service);
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
