using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// ASM's <c>IstioGateway</c> (<c>istio.alibabacloud.com</c>): declares a gateway and its ports; the best source for
/// EGP012/EGP013 and gateway completion. Without a namespace it lives in istio-system, where ASM installs gateways.
/// </summary>
public sealed class AsmIstioGatewayKind : DocumentKind
{
    public override string Name => "IstioGateway";

    public override bool Recognises(DocumentIdentity identity) =>
        identity.Kind == Name && identity.ApiVersion?.StartsWith("istio.alibabacloud.com/", StringComparison.Ordinal) == true;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts) =>
        facts.Gateways.Add(new GatewayInfo(manifest.Name, manifest.WrittenNamespace ?? "istio-system", Name,
            WorkspaceFactsBuilder.ReadPorts(manifest.Spec?.GetSequence("ports")), manifest.Location));
}
