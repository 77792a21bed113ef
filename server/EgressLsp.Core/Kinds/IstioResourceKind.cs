using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any <c>networking.istio.io</c>, <c>security.istio.io</c> or <c>telemetry.istio.io</c> object: validated against the
/// schema derived from its CRD where there is one (ServiceEntry, Gateway, VirtualService, DestinationRule, Sidecar,
/// AuthorizationPolicy in v1 and v1beta1), its findings reported as IST0106 as <c>istioctl analyze</c> does;
/// completion and hover from the CRD's descriptions; a flat outline entry; checked by the mesh rules. The kinds the
/// mesh analysis models (<c>Kinds/Istio/</c>) derive from this one and go before it in the registry; this one takes
/// the other Istio kinds.
/// </summary>
public class IstioResourceKind : DocumentKind
{
    public const string NetworkingGroup = "networking.istio.io";
    public const string SecurityGroup = "security.istio.io";
    public const string TelemetryGroup = "telemetry.istio.io";

    public override string Name => "Istio resource";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind is not null && IsIstioGroup(identity);

    /// <summary>For a derived kind: <paramref name="identity"/> is this kind (<see cref="Name"/>) of <paramref name="group"/>.</summary>
    protected bool IsKind(DocumentIdentity identity, string group) => identity.Group == group && identity.Kind == Name;

    public static bool IsIstioGroup(DocumentIdentity identity) => identity.Group is NetworkingGroup or SecurityGroup or TelemetryGroup;

    public override bool IsAnalysed => true;

    /// <summary>Fields that name a host (a ServiceEntry's, a Service's): completed and followed to their declaration.</summary>
    internal static readonly HashSet<string> HostFields = new(StringComparer.Ordinal)
    {
        "spec.hosts[]", "spec.host",
        "spec.http[].route[].destination.host", "spec.tls[].route[].destination.host", "spec.tcp[].route[].destination.host",
        "spec.http[].mirror.host", "spec.http[].mirrors[].destination.host",
    };

    /// <summary>A VirtualService's fields that name a Gateway (<c>namespace/name</c>, or <c>mesh</c>).</summary>
    internal static readonly HashSet<string> GatewayFields = new(StringComparer.Ordinal)
    {
        "spec.gateways[]", "spec.http[].match[].gateways[]", "spec.tls[].match[].gateways[]", "spec.tcp[].match[].gateways[]",
    };

    /// <summary>Fields that name a subset of the destination's host, declared by a DestinationRule.</summary>
    internal static readonly HashSet<string> SubsetFields = new(StringComparer.Ordinal)
    {
        "spec.http[].route[].destination.subset", "spec.tls[].route[].destination.subset", "spec.tcp[].route[].destination.subset",
    };

    /// <summary>
    /// The Gateway a VirtualService's <c>gateways</c> entry names, as Istio resolves it (<c>resource.NewShortOrFullName</c>
    /// in pkg/config/analysis/analyzers/virtualservice/gateways.go): <c>ns/name</c>, or a bare name in the
    /// VirtualService's own namespace; null for <c>mesh</c>, which names no Gateway.
    /// </summary>
    internal static (string Namespace, string Name)? GatewayNamed(string written, string virtualServiceNamespace)
    {
        if (written == VirtualServiceModel.MeshGatewayName)
        {
            return null;
        }
        var slash = written.IndexOf('/');
        return slash > 0 ? (written[..slash], written[(slash + 1)..]) : (virtualServiceNamespace, written);
    }

    /// <summary>The namespace an object lands in: <c>metadata.namespace</c>, else <c>default</c>.</summary>
    internal static string NamespaceOf(YamlMapping root) => root.GetMapping("metadata")?.GetString("namespace") ?? Manifest.DefaultNamespace;

    /// <summary>The mapping that holds the last key of <paramref name="path"/> (a destination, for its subset).</summary>
    internal static YamlMapping? ParentOf(YamlDocument document, IEnumerable<PathSegment> path)
    {
        var node = document.Root?.Resolved;
        foreach (var segment in path.SkipLast(1))
        {
            node = segment.IsItem
                ? (node as YamlSequence)?.Items.ElementAtOrDefault(segment.Index)?.Resolved
                : (node as YamlMapping)?.Get(segment.Key!);
        }
        return node as YamlMapping;
    }

    public override bool ReadsMesh => true;

    internal override ImmutableArray<ManifestLocation> Definition(DocumentAnalysis analysis, RoutedDocument document, FieldReference field) =>
        IstioDefinitions.Of(analysis.Context.Workspace, document.Document, field);

    public override SchemaNode? SchemaFor(YamlDocument? document) => SchemaCatalog.CrdOf(document);

    public override Diagnostic AsSchemaFinding(Diagnostic finding) =>
        finding with { Descriptor = DiagnosticCatalog.IST0106, Level = DiagnosticCatalog.IST0106.DefaultLevel };

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        CompleteFromSchema(analysis, document, offset, IstioCompletions.Add(analysis));

}
