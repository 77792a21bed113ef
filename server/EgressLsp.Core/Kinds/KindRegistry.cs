using System.Collections.Immutable;
using EgressLsp.Core.Kinds.Istio;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Every document kind, listed explicitly (no reflection: the native build stays trim- and AOT-safe). The first
/// kind that recognises a document wins, so the list goes from the most specific (a file name, one apiVersion and
/// kind) to the catch-alls. A new kind is one unit (a folder or a file) and one line here: the Istio kinds go
/// before <see cref="IstioResources"/>, osm-edge kinds before <see cref="KubernetesObjects"/>.
/// </summary>
public static class KindRegistry
{
    public static ProjectConfigKind ProjectConfig { get; } = new();

    public static PolicyKind Policy { get; } = new();

    /// <summary>Any <c>networking.istio.io</c> / <c>security.istio.io</c> object no more specific kind claims.</summary>
    public static IstioResourceKind IstioResources { get; } = new();

    /// <summary>Any other object with an apiVersion and a kind.</summary>
    public static KubernetesObjectKind KubernetesObjects { get; } = new();

    /// <summary>Not a Kubernetes object (no kind): left alone.</summary>
    public static UnrecognisedKind Unrecognised { get; } = new();

    public static ImmutableArray<DocumentKind> All { get; } =
    [
        ProjectConfig,
        Policy,
        new EgressTestKind(),
        new NamespaceKind(),
        new WorkloadKind("Pod", WorkloadKind.PodItself),
        new WorkloadKind("Deployment", WorkloadKind.SpecTemplate),
        new WorkloadKind("StatefulSet", WorkloadKind.SpecTemplate),
        new WorkloadKind("DaemonSet", WorkloadKind.SpecTemplate),
        new WorkloadKind("ReplicaSet", WorkloadKind.SpecTemplate),
        new WorkloadKind("Job", WorkloadKind.SpecTemplate),
        new WorkloadKind("CronJob", WorkloadKind.JobTemplate),
        new ServiceKind(),
        new ServiceAccountKind(),
        new AsmIstioGatewayKind(),
        new ServiceEntryKind(),
        new GatewayKind(),
        new VirtualServiceKind(),
        new DestinationRuleKind(),
        SelectingResourceKind.Sidecar,
        SelectingResourceKind.Telemetry,
        new AuthorizationPolicyKind(),
        IstioResources,
        new OsmEdge.EgressKind(),
        new OsmEdge.EgressGatewayKind(),
        new ListKind(),
        KubernetesObjects,
        Unrecognised,
    ];

    public static DocumentKind Recognise(DocumentIdentity identity)
    {
        foreach (var kind in All)
        {
            if (kind.Recognises(identity))
            {
                return kind;
            }
        }
        return Unrecognised;
    }

    /// <summary>An object (a document, or an item of a List) as the mesh analysis reads it, by its kind.</summary>
    public static MeshResource? ReadMesh(Manifest manifest) =>
        Recognise(new DocumentIdentity(System.IO.Path.GetFileName(manifest.Path), manifest.ApiVersion, manifest.Kind)).ReadMesh(manifest);

    public static RoutedDocument Route(string fileName, YamlDocument document)
    {
        var identity = DocumentIdentity.Of(fileName, document);
        return new RoutedDocument(document, Recognise(identity), identity);
    }
}
