using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Reachability;

/// <summary>
/// Who can reach which external host, hop by hop, before anything is applied: the workspace's hand-written resources
/// and its policies (expanded for the configured target, each generated object traced to the policy line it came
/// from) are one mesh, and a request is followed through it by the target's <see cref="DataPlane"/>. Built once per
/// workspace snapshot; each answer is a query on it.
/// </summary>
public sealed class EgressReachability
{
    private const string ExpandedSuffix = " (expanded)";

    private readonly Dictionary<(string Path, string Kind, string Namespace, string Name), ManifestLocation> _origins;
    private readonly DataPlane _dataPlane;
    private readonly Lazy<ImmutableArray<ReachSource>> _sources;

    private EgressReachability(WorkspaceIndex workspace, EgressEnvironment environment, Dictionary<(string, string, string, string), ManifestLocation> origins)
    {
        Workspace = workspace;
        Environment = environment;
        _origins = origins;
        Mesh = workspace.MeshFor(environment.ClusterDomain);
        _dataPlane = environment.Target.DataPlaneOf(this);
        _sources = new Lazy<ImmutableArray<ReachSource>>(Sources);
    }

    /// <summary>
    /// The model of a workspace: its hand-written resources, and its policies expanded for the environment's target,
    /// whose objects join the others and point back at their policy's lines.
    /// </summary>
    public static EgressReachability Build(WorkspaceIndex workspace, EgressEnvironment environment)
    {
        var origins = new Dictionary<(string, string, string, string), ManifestLocation>();
        var files = new List<WorkspaceFileFacts>();
        foreach (var policy in workspace.MeshFor(environment.ClusterDomain).Policies)
        {
            if (ExpansionOf(policy, workspace, environment) is { Facts: { } facts } expansion)
            {
                files.Add(facts);
                foreach (var (key, origin) in expansion.Origins)
                {
                    origins[key] = origin;
                }
            }
        }
        return new EgressReachability(workspace.WithFiles(files), environment, origins);
    }

    /// <summary>A policy's expanded objects as workspace facts (null: none), and where in the policy each comes from.</summary>
    private sealed record PolicyExpansion(EgressEnvironment Environment, object Identities, WorkspaceFileFacts? Facts,
        ImmutableArray<((string, string, string, string) Key, ManifestLocation Origin)> Origins);

    // An edit to another file that changes only mesh resources (an Istio file) leaves a policy's expansion as it was:
    // it is kept with the policy and made again only when the policy, the environment or the identities it reads change.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicyModel, PolicyExpansion> Expansions = new();

    private static PolicyExpansion ExpansionOf(PolicyModel policy, WorkspaceIndex workspace, EgressEnvironment environment)
    {
        if (Expansions.TryGetValue(policy, out var kept) && kept.Environment == environment && kept.Identities == workspace.Identities)
        {
            return kept;
        }
        var made = Expand(policy, workspace, environment);
        Expansions.AddOrUpdate(policy, made);
        return made;
    }

    private static PolicyExpansion Expand(PolicyModel policy, WorkspaceIndex workspace, EgressEnvironment environment)
    {
        var path = $"{policy.Path} ({policy.Namespace}/{policy.Name}){ExpandedSuffix}";
        var documents = ImmutableArray.CreateBuilder<YamlDocument>();
        var origins = ImmutableArray.CreateBuilder<((string, string, string, string), ManifestLocation)>();
        // Streamed: each object's manifest becomes garbage as soon as its nodes are made.
        foreach (var resource in policy.Plan is { } plan ? EgressExpander.Stream(plan, environment, workspace) : [])
        {
            documents.Add(ManifestYaml.Document(resource, documents.Count));
            origins.Add(((path, resource.Kind, resource.Namespace, resource.Name),
                new ManifestLocation(policy.Path, resource.SourceSpan, policy.Text.GetPositionSpan(resource.SourceSpan))));
        }
        return new PolicyExpansion(environment, workspace.Identities,
            documents.Count == 0 ? null : WorkspaceFileFacts.Read(path, YamlFile.Of(documents.ToImmutable())), origins.ToImmutable());
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkspaceIndex, CachedModel> Cache = new();

    private sealed class CachedModel(EgressEnvironment environment, EgressReachability model)
    {
        public EgressEnvironment Environment { get; } = environment;

        public EgressReachability Model { get; } = model;
    }

    /// <summary>
    /// The model of a workspace snapshot for an environment, built once and shared by the documents analysed against
    /// that snapshot (every egress test of the workspace reads the same one).
    /// </summary>
    public static EgressReachability For(WorkspaceIndex workspace, EgressEnvironment environment)
    {
        if (Cache.TryGetValue(workspace, out var cached) && cached.Environment == environment)
        {
            return cached.Model;
        }
        var model = Build(workspace, environment);
        Cache.AddOrUpdate(workspace, new CachedModel(environment, model));
        return model;
    }

    public EgressEnvironment Environment { get; }

    /// <summary>The workspace with the policies' generated objects.</summary>
    public WorkspaceIndex Workspace { get; }

    public MeshView Mesh { get; }

    /// <summary>A new chain of hops for one answer from <paramref name="source"/>.</summary>
    public HopChain Chain(ReachSource source) => new(this, source, _dataPlane.Note);

    // ----- one question

    public ReachAnswer Answer(ReachSource source, ReachDestination destination) => _dataPlane.Answer(source, destination);

    // ----- every source against every destination

    /// <summary>
    /// Every source namespace the workspace names (its Namespaces and workloads, the namespaces the egress resources live
    /// in, are exported to or admit) and every narrower source the data plane singles out, against every host and port
    /// it declares. The namespaces egress gateways run in are left out.
    /// </summary>
    /// <param name="host">Only this host's destinations (the editor's hover and lens), else all.</param>
    public ReachMatrix Matrix(string? host = null)
    {
        var destinations = _dataPlane.Destinations
            .Where(d => !MeshHost.IsWildcard(d.Host) && (host is null || d.Host == host))
            .Distinct()
            .OrderBy(d => d.Host, StringComparer.Ordinal).ThenBy(d => d.Port)
            .ToImmutableArray();
        var sources = _sources.Value;
        var answers = sources.Select(source => destinations.Select(destination => Answer(source, destination)).ToImmutableArray()).ToImmutableArray();
        return new ReachMatrix(sources, destinations, answers);
    }

    private ImmutableArray<ReachSource> Sources()
    {
        var gatewayNamespaces = _dataPlane.GatewayNamespaces
            .Append(Environment.RootNamespace)
            .Append(Environment.GatewayNamespace)
            .ToHashSet(StringComparer.Ordinal);
        var namespaces = Workspace.KnownNamespaces
            .Concat(_dataPlane.NamedNamespaces)
            .Where(ns => ns.Length > 0 && ns != "." && !ns.Contains('*') && !gatewayNamespaces.Contains(ns))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        return [.. namespaces.Select(ns => new ReachSource(ns, []))
            .Concat(_dataPlane.SingledOut(namespaces))
            .OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Display, StringComparer.Ordinal)];
    }

    // ----- where objects are read

    /// <summary>The object that decides a hop; a generated one points at the policy line it came from.</summary>
    public HopObject? ObjectOf(MeshResource? resource, ManifestLocation? at = null)
    {
        if (resource is null)
        {
            return null;
        }
        return _origins.TryGetValue((resource.Path, resource.Kind, resource.Namespace, resource.Name), out var origin)
            ? new HopObject(resource.Kind, resource.Namespace, resource.Name, origin, Generated: true)
            : new HopObject(resource.Kind, resource.Namespace, resource.Name, at ?? resource.Location, Generated: false);
    }

    /// <summary>The service account of a source: its own, else the one every workload of its namespace with its labels runs as.</summary>
    public string? ServiceAccountOf(ReachSource source) =>
        source.ServiceAccount ?? (!source.Labels.IsEmpty && WorkloadAccounts(source) is [var only] ? only : null);

    /// <summary>
    /// The service accounts the pods of a source run as: its own, else those of the workspace's workloads it covers, else
    /// <c>default</c> (what Kubernetes runs a pod as when it names none). What ambient and osm-edge admit by.
    /// </summary>
    public ImmutableArray<string> AccountsOf(ReachSource source) =>
        source.ServiceAccount is { } own ? [own] : WorkloadAccounts(source) is { IsEmpty: false } accounts ? accounts : [DefaultServiceAccount];

    /// <summary>The service accounts of the workspace's workloads in the source's namespace with its labels.</summary>
    private ImmutableArray<string> WorkloadAccounts(ReachSource source) =>
        [.. Workspace.WorkloadsIn(source.Namespace).Where(w => w.Matches(source.Labels)).Select(w => w.ServiceAccount)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public const string DefaultServiceAccount = "default";
}
