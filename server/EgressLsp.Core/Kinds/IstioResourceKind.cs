using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any <c>networking.istio.io</c> or <c>security.istio.io</c> object: validated against the schema derived from its CRD
/// where there is one (ServiceEntry, Gateway, VirtualService, DestinationRule, Sidecar in v1 and v1beta1;
/// AuthorizationPolicy in v1 and v1beta1), its findings reported as IST0106 as <c>istioctl analyze</c> does;
/// completion and hover from the CRD's descriptions; a flat outline entry; and the hosts a ServiceEntry declares
/// (host completion, EGP031's neighbours). Kinds that model an Istio resource further go before this one in the registry.
/// </summary>
public sealed class IstioResourceKind : DocumentKind
{
    public const string NetworkingGroup = "networking.istio.io";
    public const string SecurityGroup = "security.istio.io";

    public override string Name => "Istio resource";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind is not null && IsIstioGroup(identity);

    public static bool IsIstioGroup(DocumentIdentity identity) => identity.Group is NetworkingGroup or SecurityGroup;

    public override bool IsAnalysed => true;

    public override SchemaNode? SchemaFor(YamlDocument? document) =>
        document?.Root?.Resolved is YamlMapping root && root.GetString("apiVersion") is { } apiVersion && root.GetString("kind") is { } kind
            ? SchemaCatalog.Istio(apiVersion, kind)
            : null;

    public override Diagnostic AsSchemaFinding(Diagnostic finding) =>
        finding with { Descriptor = DiagnosticCatalog.IST0106, Level = DiagnosticCatalog.IST0106.DefaultLevel };

    internal override CompletionList Complete(DocumentAnalysis analysis, YamlDocument? document, RoutedDocument? routed, int offset) =>
        SchemaFor(document) is { } schema
            ? CompletionService.FromReadings(CompletionContext.Create(analysis.Text, document, offset, schema), IstioCompletions.Add(analysis))
            : CompletionList.Empty;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        facts.IstioObjects.Add(new IstioObject(manifest.Kind, manifest.Namespace, manifest.Name, manifest.Location));
        if (manifest.Kind == "ServiceEntry" && manifest.Group == NetworkingGroup)
        {
            facts.AddHosts(manifest, manifest.Spec?.GetSequence("hosts"));
        }
        if (manifest.Kind == "DestinationRule" && manifest.Group == NetworkingGroup && manifest.Spec?.GetString("host") is { } host)
        {
            foreach (var subset in (manifest.Spec.GetSequence("subsets")?.Items ?? []).Select(i => i.Resolved).OfType<YamlMapping>())
            {
                if (subset.GetScalar("name") is { IsNull: false } name)
                {
                    facts.Subsets.Add(new DeclaredSubset(host, name.Value, manifest.LocationOf(name)));
                }
            }
        }
    }
}
