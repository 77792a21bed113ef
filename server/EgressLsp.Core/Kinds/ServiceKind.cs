using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary><c>Service</c>: one labelled <c>istio: {name}</c> is the Service of gateway {name}, with its ports.</summary>
public sealed class ServiceKind : DocumentKind
{
    public override string Name => "Service";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == "Service";

    /// <summary>Istio reads a Service's ports (IST0118, IST0112, IST0162); its other findings are left to other tooling.</summary>
    public override bool IsCheckedByRules => true;

    public override bool ReadsMesh => true;

    public override RuleContext CreateRuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents,
        RoutedDocument document, AnalysisContext analysis) => new MeshRuleContext(path, file, documents, document, analysis);

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        facts.AddMeshResource(manifest);
        if (manifest.GatewayLabel is { } gateway)
        {
            facts.Gateways.Add(new GatewayInfo(gateway, manifest.Namespace, Name,
                WorkspaceFactsBuilder.ReadPorts(manifest.Spec?.GetSequence("ports")), manifest.Location));
        }
    }
}
