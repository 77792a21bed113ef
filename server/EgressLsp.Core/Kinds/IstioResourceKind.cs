using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// Any <c>networking.istio.io</c> or <c>security.istio.io</c> object: a flat outline entry, and the hosts a
/// ServiceEntry declares (host completion, EGP031's neighbours). The Istio kinds of issue 8 (in <c>Istio/</c>) are
/// listed before this one in the registry and take over the kinds they model.
/// </summary>
public sealed class IstioResourceKind : DocumentKind
{
    public const string NetworkingGroup = "networking.istio.io";
    public const string SecurityGroup = "security.istio.io";

    public override string Name => "Istio resource";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind is not null && IsIstioGroup(identity);

    public static bool IsIstioGroup(DocumentIdentity identity) => identity.Group is NetworkingGroup or SecurityGroup;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        if (manifest.Kind == "ServiceEntry" && manifest.Group == NetworkingGroup)
        {
            facts.AddHosts(manifest, manifest.Spec?.GetSequence("hosts"));
        }
    }
}
