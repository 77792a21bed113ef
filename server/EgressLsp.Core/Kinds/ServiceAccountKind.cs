using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Kinds;

/// <summary><c>ServiceAccount</c>: an identity of its namespace, which targets that admit sources by service account read.</summary>
public sealed class ServiceAccountKind : DocumentKind
{
    public override string Name => "ServiceAccount";

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == "ServiceAccount" && identity.Group is "" or null;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts) =>
        facts.ServiceAccounts.Add(new ServiceAccountInfo(manifest.Name, manifest.Namespace, manifest.Location));
}
