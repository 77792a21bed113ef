namespace EgressLsp.Core.Kinds;

/// <summary>A document that is not a Kubernetes object (no kind, or a CI workflow): no diagnostics, no outline, no facts.</summary>
public sealed class UnrecognisedKind : DocumentKind
{
    public override string Name => "(not a Kubernetes object)";

    public override bool Recognises(DocumentIdentity identity) => true;
}
