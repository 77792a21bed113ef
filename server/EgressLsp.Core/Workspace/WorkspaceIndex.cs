using System.Collections.Immutable;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Workspace;

/// <summary>Where a fact was declared: a file and the range of the object's name (or the object).</summary>
public sealed record ManifestLocation(string Path, TextSpan Span, LinePositionSpan Range);

public sealed record NamespaceInfo(string Name, ManifestLocation Location);

/// <summary>A workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod) and its pod identity.</summary>
public sealed record WorkloadInfo(string Kind, string Name, string Namespace, ImmutableArray<Label> PodLabels,
    string ServiceAccount, ManifestLocation Location)
{
    public bool Matches(ImmutableArray<Label> selector)
    {
        foreach (var required in selector)
        {
            if (!PodLabels.Contains(required))
            {
                return false;
            }
        }
        return true;
    }
}

public readonly record struct GatewayPortInfo(int Number, string? Protocol, string? Name);

/// <summary>
/// An egress gateway known from the workspace: an ASM <c>IstioGateway</c>, or a Service / workload labelled
/// <c>istio: {name}</c>. Ports are known only from IstioGateway and Service manifests.
/// </summary>
public sealed record GatewayInfo(string Name, string Namespace, string SourceKind, ImmutableArray<GatewayPortInfo> Ports,
    ManifestLocation Location)
{
    public bool KnowsPorts => !Ports.IsEmpty;
}

/// <summary>An external host a ServiceEntry or an egress policy of the workspace declares.</summary>
public sealed record DeclaredHost(string Host, string SourceKind, ManifestLocation Location);

/// <summary>
/// An egress policy of the workspace by what Kubernetes identifies it by: two with the same namespace and name are one
/// object to <c>kubectl apply</c> (the last wins), and so are the resources they expand into.
/// </summary>
/// <summary>A ServiceAccount object: an identity pods of its namespace may run as.</summary>
public sealed record ServiceAccountInfo(string Name, string Namespace, ManifestLocation Location);

public sealed record PolicyIdentity(string Namespace, string Name, ManifestLocation Location);

/// <summary>A subset a DestinationRule declares for its host.</summary>
public sealed record DeclaredSubset(string Host, string Name, ManifestLocation Location);

/// <summary>The facts one file contributes; replaced as a whole when the file changes.</summary>
public sealed record WorkspaceFileFacts(string Path, ImmutableArray<NamespaceInfo> Namespaces,
    ImmutableArray<WorkloadInfo> Workloads, ImmutableArray<GatewayInfo> Gateways, ImmutableArray<DeclaredHost> Hosts,
    ImmutableArray<PolicyIdentity> Policies, ImmutableArray<DeclaredSubset> Subsets,
    ImmutableArray<MeshResource> Mesh, ImmutableArray<ServiceAccountInfo> ServiceAccounts)
{
    public static WorkspaceFileFacts Read(string path, YamlFile file) => ManifestReader.Read(path, file);

    public bool IsEmpty => Namespaces.IsEmpty && Workloads.IsEmpty && Gateways.IsEmpty && Hosts.IsEmpty && Policies.IsEmpty &&
        Subsets.IsEmpty && Mesh.IsEmpty && ServiceAccounts.IsEmpty;

    /// <summary>The same facts, wherever in the file they are written (an edit above them moves only locations).</summary>
    public bool SameFactsAs(WorkspaceFileFacts other) => SameMeshAs(other) && SameFactsBesidesMeshAs(other);

    /// <summary>The same mesh resources, by content: what the Istio rules of other documents read.</summary>
    public bool SameMeshAs(WorkspaceFileFacts other) => Mesh.Select(r => r.Fingerprint).SequenceEqual(other.Mesh.Select(r => r.Fingerprint));

    /// <summary>The same workloads (with their pod labels and service accounts) and ServiceAccounts: what an expansion reads.</summary>
    public bool SameIdentitiesAs(WorkspaceFileFacts other) =>
        Workloads.Length == other.Workloads.Length &&
        Workloads.Zip(other.Workloads).All(pair =>
            pair.First.Kind == pair.Second.Kind && pair.First.Name == pair.Second.Name && pair.First.Namespace == pair.Second.Namespace &&
            pair.First.ServiceAccount == pair.Second.ServiceAccount && pair.First.PodLabels.SequenceEqual(pair.Second.PodLabels)) &&
        ServiceAccounts.Select(s => (s.Namespace, s.Name)).SequenceEqual(other.ServiceAccounts.Select(s => (s.Namespace, s.Name)));

    /// <summary>The same facts other than the mesh resources: what the policy's rules and completion read.</summary>
    public bool SameFactsBesidesMeshAs(WorkspaceFileFacts other) =>
        Namespaces.Select(n => n.Name).SequenceEqual(other.Namespaces.Select(n => n.Name)) &&
        SameIdentitiesAs(other) &&
        Hosts.Select(h => h.Host).SequenceEqual(other.Hosts.Select(h => h.Host)) &&
        Policies.Select(p => (p.Namespace, p.Name)).SequenceEqual(other.Policies.Select(p => (p.Namespace, p.Name))) &&
        Subsets.Select(s => (s.Host, s.Name)).SequenceEqual(other.Subsets.Select(s => (s.Host, s.Name))) &&
        Gateways.Length == other.Gateways.Length &&
        Gateways.Zip(other.Gateways).All(pair =>
            pair.First.Name == pair.Second.Name && pair.First.Namespace == pair.Second.Namespace &&
            pair.First.SourceKind == pair.Second.SourceKind && pair.First.Ports.SequenceEqual(pair.Second.Ports));
}

/// <summary>What a change of one file's facts means for the other documents' analysis.</summary>
public enum FactsChange
{
    /// <summary>Nothing they read changed (the file only moved things around, or changed only itself).</summary>
    None,

    /// <summary>Only the mesh resources changed: only documents checked against the mesh need analysing again.</summary>
    MeshOnly,

    /// <summary>Facts every document may read changed.</summary>
    All,
}

/// <summary>
/// Kubernetes facts from the manifests of a workspace, for completion and cross-file diagnostics. Immutable:
/// <see cref="WithFile"/> and <see cref="WithoutFile"/> return a new index.
/// </summary>
public sealed class WorkspaceIndex
{
    public static WorkspaceIndex Empty { get; } = new(ImmutableDictionary<string, WorkspaceFileFacts>.Empty);

    private readonly ImmutableDictionary<string, WorkspaceFileFacts> _files;
    private readonly ILookup<string, WorkloadInfo> _workloadsByNamespace;
    private readonly ILookup<string, string> _serviceAccountsByNamespace;
    private readonly ILookup<(string Namespace, string Name), PolicyIdentity> _policies;
    private readonly ILookup<string, DeclaredSubset> _subsetsByHost;
    private readonly IEnumerable<MeshResource> _meshResources;
    private MeshView? _mesh;

    private WorkspaceIndex(ImmutableDictionary<string, WorkspaceFileFacts> files, object? identities = null)
    {
        _files = files;
        Identities = identities ?? new object();
        var ordered = files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var namespaces = ImmutableDictionary.CreateBuilder<string, NamespaceInfo>(StringComparer.Ordinal);
        foreach (var ns in ordered.SelectMany(f => f.Namespaces))
        {
            namespaces.TryAdd(ns.Name, ns);
        }
        Namespaces = namespaces.ToImmutable();
        Workloads = [.. ordered.SelectMany(f => f.Workloads)];
        Gateways = [.. ordered.SelectMany(f => f.Gateways)];
        Hosts = [.. ordered.SelectMany(f => f.Hosts).DistinctBy(h => h.Host, StringComparer.OrdinalIgnoreCase)];
        _workloadsByNamespace = Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        _serviceAccountsByNamespace = ordered.SelectMany(f => f.ServiceAccounts).ToLookup(s => s.Namespace, s => s.Name, StringComparer.Ordinal);
        _policies = ordered.SelectMany(f => f.Policies).ToLookup(p => (p.Namespace, p.Name));
        MeshGateways = [.. ordered.SelectMany(f => f.Mesh).OfType<GatewayModel>()];
        _subsetsByHost = ordered.SelectMany(f => f.Subsets).ToLookup(s => s.Host, StringComparer.OrdinalIgnoreCase);
        _meshResources = ordered.SelectMany(f => f.Mesh);
    }

    public static WorkspaceIndex Build(IEnumerable<WorkspaceFileFacts> files) =>
        new(files.ToImmutableDictionary(f => f.Path, StringComparer.Ordinal));

    public IEnumerable<string> Files => _files.Keys;

    /// <summary>
    /// The mesh configuration of the workspace for a cluster DNS domain, for cross-resource analysis: built on first
    /// use and kept for that domain (a project has one; racing threads may both build it, the result is the same).
    /// </summary>
    public MeshView MeshFor(string clusterDomain)
    {
        var mesh = Volatile.Read(ref _mesh);
        if (mesh is null || mesh.ClusterDomain != clusterDomain)
        {
            mesh = new MeshView(_meshResources, Workloads, Namespaces.Keys, clusterDomain);
            Volatile.Write(ref _mesh, mesh);
        }
        return mesh;
    }

    /// <summary>Namespaces declared by <c>Namespace</c> manifests.</summary>
    public ImmutableDictionary<string, NamespaceInfo> Namespaces { get; }

    public ImmutableArray<WorkloadInfo> Workloads { get; }

    public ImmutableArray<GatewayInfo> Gateways { get; }

    /// <summary>External hosts declared anywhere in the workspace (first declaration of each).</summary>
    public ImmutableArray<DeclaredHost> Hosts { get; }

    public bool IsEmpty => _files.IsEmpty;

    public WorkspaceIndex WithFile(WorkspaceFileFacts facts) =>
        new(_files.SetItem(facts.Path, facts), SameIdentities(facts) ? Identities : null);

    private bool SameIdentities(WorkspaceFileFacts facts) =>
        _files.TryGetValue(facts.Path, out var known) ? known.SameIdentitiesAs(facts) : facts.Workloads.IsEmpty && facts.ServiceAccounts.IsEmpty;

    /// <summary>
    /// A token that stays the same object from one index to the next while the workloads and ServiceAccounts do (the
    /// workspace's identities, all an expansion reads of it): an expansion made for an earlier index holds while it does.
    /// </summary>
    public object Identities { get; }

    /// <summary>Adds or replaces many files at once: the aggregates are rebuilt once, not per file.</summary>
    public WorkspaceIndex WithFiles(IEnumerable<WorkspaceFileFacts> files) =>
        new(_files.SetItems(files.Select(f => KeyValuePair.Create(f.Path, f))));

    /// <summary>What replacing a file's facts with <paramref name="facts"/> changes for other documents.</summary>
    public FactsChange ChangeOf(WorkspaceFileFacts facts) =>
        !_files.TryGetValue(facts.Path, out var known) ? (facts.IsEmpty ? FactsChange.None : FactsChange.All)
        : !known.SameFactsBesidesMeshAs(facts) ? FactsChange.All
        : !known.SameMeshAs(facts) ? FactsChange.MeshOnly
        : FactsChange.None;

    public WorkspaceIndex WithoutFile(string path) => _files.ContainsKey(path) ? new(_files.Remove(path)) : this;

    public IEnumerable<WorkloadInfo> WorkloadsIn(string ns) => _workloadsByNamespace[ns];

    /// <summary>The names of the ServiceAccount objects of <paramref name="ns"/>.</summary>
    public IEnumerable<string> ServiceAccountsIn(string ns) => _serviceAccountsByNamespace[ns];

    /// <summary>The Gateways (Istio's and Gateway API's) a VirtualService may bind to, in path order.</summary>
    public ImmutableArray<GatewayModel> MeshGateways { get; }

    /// <summary>The subsets the workspace's DestinationRules declare for <paramref name="host"/>.</summary>
    public IEnumerable<DeclaredSubset> SubsetsOf(string host) => _subsetsByHost[host];

    /// <summary>Every policy of the workspace with this namespace and name, in path order.</summary>
    public IEnumerable<PolicyIdentity> PoliciesNamed(string ns, string name) => _policies[(ns, name)];

    public bool HasWorkloadsIn(string ns) => _workloadsByNamespace.Contains(ns);

    /// <summary>Namespaces known from Namespace manifests and from workloads.</summary>
    public IEnumerable<string> KnownNamespaces =>
        Namespaces.Keys.Concat(Workloads.Select(w => w.Namespace)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The IstioGateway of that name first, else a Service, else a workload.</summary>
    public GatewayInfo? FindGateway(string name)
    {
        GatewayInfo? best = null;
        foreach (var gateway in Gateways)
        {
            if (gateway.Name == name && (best is null || Rank(gateway) < Rank(best)))
            {
                best = gateway;
            }
        }
        return best;

        static int Rank(GatewayInfo g) => g.SourceKind switch { "IstioGateway" => 0, "Service" => 1, _ => 2 };
    }

    public IEnumerable<string> GatewayNames => Gateways.Select(g => g.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
