using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 for an AuthorizationPolicy source <c>namespaces</c> / <c>notNamespaces</c> entry that matches no namespace,
/// as Istio's <c>authz.AuthorizationPoliciesAnalyzer</c> (pkg/config/analysis/analyzers/authz/authorizationpolicies.go)
/// matches them: <c>*</c>, a <c>*suffix</c>, a <c>prefix*</c> or the name (case-insensitive). Only when the workspace
/// declares Namespaces.
/// </summary>
public sealed class AuthorizationNamespaceRule : MeshRule<AuthorizationPolicyModel>
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101];

    protected override void Check(MeshRuleContext context, AuthorizationPolicyModel policy)
    {
        var namespaces = context.Mesh.DeclaredNamespaces;
        if (namespaces.IsEmpty)
        {
            return;
        }
        foreach (var pattern in policy.SourceNamespaces)
        {
            if (!namespaces.Any(ns => Matches(ns, pattern.Value)))
            {
                context.Report(ReferencedResource.NotFound(pattern.Location.Span, "namespace", "命名空间", pattern.Value));
            }
        }
    }

    private static bool Matches(string ns, string pattern) =>
        pattern == "*" ||
        (pattern.StartsWith('*') ? ns.EndsWith(pattern[1..], StringComparison.Ordinal)
        : pattern.EndsWith('*') ? ns.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : string.Equals(ns, pattern, StringComparison.OrdinalIgnoreCase));
}
