using System.Collections.Immutable;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Workspace;

/// <summary>Reads the facts of one file: each named object is routed to its kind, which adds what it declares.</summary>
internal static class ManifestReader
{
    public static WorkspaceFileFacts Read(string path, YamlFile file)
    {
        var facts = new WorkspaceFactsBuilder(path);
        var fileName = System.IO.Path.GetFileName(path);
        foreach (var manifest in file.Documents.SelectMany(document => Manifest.ReadAll(path, file, document)))
        {
            var kind = KindRegistry.Recognise(new DocumentIdentity(fileName, manifest.ApiVersion, manifest.Kind));
            kind.Index(manifest, facts);
            if (kind.ReadMesh(manifest) is { } resource)
            {
                facts.Mesh.Add(resource);
            }
        }
        return facts.ToFacts();
    }
}

/// <summary>One named Kubernetes object being indexed: the parts every kind reads.</summary>
public sealed class Manifest
{
    /// <summary>A Service or pods labelled <c>istio: {name}</c> are gateway {name}'s.</summary>
    public const string GatewayLabelKey = "istio";

    private Manifest(string path, YamlFile file, YamlMapping root, string kind, YamlMapping metadata, YamlScalar nameNode)
    {
        Path = path;
        File = file;
        Root = root;
        Kind = kind;
        Metadata = metadata;
        Name = nameNode.Value;
        ApiVersion = root.GetString("apiVersion");
        WrittenNamespace = metadata.GetString("namespace");
        Spec = root.GetMapping("spec");
        Location = LocationOf(nameNode);
    }

    /// <summary>The object of <paramref name="document"/>, or null without a kind or a <c>metadata.name</c>.</summary>
    internal static Manifest? Read(string path, YamlFile file, YamlDocument document) =>
        document.Root?.Resolved is YamlMapping root ? Read(path, file, root) : null;

    /// <summary>
    /// The objects of <paramref name="document"/>: the document's own, or the items of a <c>v1</c> <c>List</c>
    /// (what <c>kubectl get -o yaml</c> writes and <c>kubectl apply</c> reads).
    /// </summary>
    internal static IEnumerable<Manifest> ReadAll(string path, YamlFile file, YamlDocument document)
    {
        if (document.Root?.Resolved is not YamlMapping root)
        {
            return [];
        }
        if (ListKind.IsList(root))
        {
            return (root.GetSequence("items")?.Items ?? []).Select(item => item.Resolved).OfType<YamlMapping>()
                .Select(item => Read(path, file, item)).OfType<Manifest>();
        }
        return Read(path, file, root) is { } manifest ? [manifest] : [];
    }

    private static Manifest? Read(string path, YamlFile file, YamlMapping root)
    {
        if (root.GetString("kind") is not { } kind ||
            root.GetMapping("metadata") is not { } metadata || metadata.GetScalar("name") is not { IsNull: false } name)
        {
            return null;
        }
        return new Manifest(path, file, root, kind, metadata, name);
    }

    public string Path { get; }

    public YamlFile File { get; }

    public YamlMapping Root { get; }

    public string? ApiVersion { get; }

    public string? Group => new DocumentIdentity("", ApiVersion, Kind).Group;

    public string Kind { get; }

    public YamlMapping Metadata { get; }

    public string Name { get; }

    /// <summary><c>metadata.namespace</c> as written (null when absent).</summary>
    public string? WrittenNamespace { get; }

    /// <summary>The namespace the object lands in: as written, else <c>default</c>.</summary>
    public string Namespace => WrittenNamespace ?? DefaultNamespace;

    /// <summary>Where Kubernetes puts an object that names no namespace (kubectl's context namespace, usually this).</summary>
    public const string DefaultNamespace = "default";

    public YamlMapping? Spec { get; }

    /// <summary>The object's name in the file: where go to definition lands.</summary>
    public ManifestLocation Location { get; }

    /// <summary>The value of the <c>istio</c> label of <c>metadata.labels</c>, if any.</summary>
    public string? GatewayLabel => Label.ReadAll(Metadata.GetMapping("labels")).FirstOrDefault(l => l.Key == GatewayLabelKey).Value;

    public ManifestLocation LocationOf(YamlNode node) => new(Path, node.Span, File.Text.GetPositionSpan(node.Span));
}

/// <summary>The facts of one file, as its manifests' kinds add them.</summary>
public sealed class WorkspaceFactsBuilder(string path)
{
    public ImmutableArray<NamespaceInfo>.Builder Namespaces { get; } = ImmutableArray.CreateBuilder<NamespaceInfo>();

    public ImmutableArray<WorkloadInfo>.Builder Workloads { get; } = ImmutableArray.CreateBuilder<WorkloadInfo>();

    public ImmutableArray<GatewayInfo>.Builder Gateways { get; } = ImmutableArray.CreateBuilder<GatewayInfo>();

    public ImmutableArray<DeclaredHost>.Builder Hosts { get; } = ImmutableArray.CreateBuilder<DeclaredHost>();

    public ImmutableArray<PolicyIdentity>.Builder Policies { get; } = ImmutableArray.CreateBuilder<PolicyIdentity>();

    public ImmutableArray<DeclaredSubset>.Builder Subsets { get; } = ImmutableArray.CreateBuilder<DeclaredSubset>();

    public ImmutableArray<MeshResource>.Builder Mesh { get; } = ImmutableArray.CreateBuilder<MeshResource>();

    public ImmutableArray<ServiceAccountInfo>.Builder ServiceAccounts { get; } = ImmutableArray.CreateBuilder<ServiceAccountInfo>();

    /// <summary>Each host of <paramref name="hostList"/>, declared by <paramref name="manifest"/>'s kind.</summary>
    public void AddHosts(Manifest manifest, YamlSequence? hostList)
    {
        foreach (var item in hostList?.Items ?? [])
        {
            if (item.Resolved is YamlScalar { IsNull: false } host)
            {
                Hosts.Add(new DeclaredHost(host.Value, manifest.Kind, manifest.LocationOf(host)));
            }
        }
    }

    /// <summary>Ports of a Service or an IstioGateway (<c>port</c>, <c>protocol</c>, <c>name</c>).</summary>
    public static ImmutableArray<GatewayPortInfo> ReadPorts(YamlSequence? ports)
    {
        if (ports is null)
        {
            return ImmutableArray<GatewayPortInfo>.Empty;
        }
        var result = ImmutableArray.CreateBuilder<GatewayPortInfo>();
        foreach (var item in ports.Items)
        {
            if (item.Resolved is YamlMapping port && port.GetScalar("port") is { } number && number.TryGetInt64(out var value))
            {
                result.Add(new GatewayPortInfo((int)value, port.GetString("protocol"), port.GetString("name")));
            }
        }
        return result.ToImmutable();
    }

    public WorkspaceFileFacts ToFacts() =>
        new(path, Namespaces.ToImmutable(), Workloads.ToImmutable(), Gateways.ToImmutable(), Hosts.ToImmutable(), Policies.ToImmutable(),
            Subsets.ToImmutable(), Mesh.ToImmutable(), ServiceAccounts.ToImmutable());
}
