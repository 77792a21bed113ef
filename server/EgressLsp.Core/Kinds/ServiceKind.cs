using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary><c>Service</c>: one labelled <c>istio: {name}</c> is the Service of gateway {name}, with its ports.</summary>
public sealed class ServiceKind : DocumentKind
{
    public override string Name => "Service";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == "Service";

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        if (manifest.GatewayLabel is { } gateway)
        {
            facts.Gateways.Add(new GatewayInfo(gateway, manifest.Namespace, Name,
                WorkspaceFactsBuilder.ReadPorts(manifest.Spec?.GetSequence("ports")), manifest.Location));
        }
    }
}
