using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Features.Navigation;

/// <summary>
/// Go to definition, asked of the kind of the document at the cursor (<see cref="Kinds.DocumentKind.Definition"/>).
/// From a policy into the workspace's manifests: the gateway name to the gateway's manifests,
/// a source namespace to its Namespace manifest, a workload selector (or a <c>from</c> entry's dash) to the
/// workloads it selects.
/// </summary>
public static class DefinitionService
{
    /// <summary>
    /// The manifests the value (or key) at <paramref name="offset"/> refers to, best first; empty when it refers
    /// to nothing the workspace knows.
    /// </summary>
    public static ImmutableArray<ManifestLocation> GetDefinition(DocumentAnalysis analysis, int offset)
    {
        if (FieldReference.Find(analysis.Yaml, offset) is not { } field)
        {
            return [];
        }
        var document = analysis.Documents[field.Document.Index];
        return document.Kind.Definition(analysis, document, field);
    }

    /// <summary>From a policy's gateway name, source namespace or workload selector.</summary>
    internal static ImmutableArray<ManifestLocation> PolicyDefinition(WorkspaceIndex workspace, EgressPolicy policy, FieldReference field)
    {
        if (PolicyCursor.IsGatewayName(field.Path))
        {
            // The IstioGateway first (it declares the ports), then the Service and Deployment carrying its label.
            return policy.GatewayName is { } gateway ? [.. GatewayManifests.Named(workspace, gateway).Select(g => g.Location)] : [];
        }
        var cursor = PolicyCursor.Read(policy, field.Path);
        if (!cursor.IsOnSourceScope || cursor.Source!.Namespace is not { } ns)
        {
            return [];
        }
        if (cursor.EntryField == "namespace")
        {
            // Without a Namespace manifest, the namespace's workloads are the next best place it is written down.
            return workspace.Namespaces.TryGetValue(ns, out var declared)
                ? [declared.Location]
                : [.. workspace.WorkloadsIn(ns).Select(w => w.Location)];
        }
        return [.. workspace.WorkloadsIn(ns).Where(w => w.Matches(cursor.Source.WorkloadSelector)).Select(w => w.Location)];
    }
}
