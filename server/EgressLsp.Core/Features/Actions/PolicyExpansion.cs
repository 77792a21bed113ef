using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Actions;

/// <summary>
/// Ties generated resources back to the policy that produced them. A document may hold several policies whose
/// source paths (<c>spec.egressRules[0].to[0]</c>) repeat, so a path only means something within its policy:
/// the policy is the one whose document holds the resource's <see cref="GeneratedResource.SourceSpan"/>.
/// </summary>
internal static class PolicyExpansion
{
    /// <summary>The policy document a resource came from; null only for a resource of no policy of this snapshot.</summary>
    public static RoutedDocument? PolicyOf(DocumentAnalysis analysis, GeneratedResource resource) =>
        analysis.Policies.FirstOrDefault(p => p.Document.Span.ContainsOrTouches(resource.SourceSpan.Start));

    /// <summary>The resources of <paramref name="policy"/>, in output order.</summary>
    public static ImmutableArray<GeneratedResource> ResourcesOf(DocumentAnalysis analysis, ExpansionResult expansion, RoutedDocument policy) =>
        [.. expansion.Resources.Where(r => PolicyOf(analysis, r) == policy)];

    /// <summary>
    /// The spans of the <c>to</c> entries named by <see cref="GeneratedResource.SourcePaths"/>, in that order,
    /// resolved through the policy model. A path the model no longer knows (never the case for a resource of
    /// the same snapshot) falls back to <see cref="GeneratedResource.SourceSpan"/>, so a resource always maps somewhere.
    /// </summary>
    public static ImmutableArray<TextSpan> SourceSpansOf(DocumentAnalysis analysis, GeneratedResource resource)
    {
        var destinations = PolicyOf(analysis, resource)?.Policy?.Destinations.ToDictionary(d => d.Path, d => d.Node.Span, StringComparer.Ordinal);
        var spans = resource.SourcePaths
            .Select(path => destinations is not null && destinations.TryGetValue(path, out var span) ? span : resource.SourceSpan)
            .Distinct()
            .ToImmutableArray();
        return spans.IsEmpty ? [resource.SourceSpan] : spans;
    }

    /// <summary>Error-level diagnostics inside <paramref name="policy"/>'s document.</summary>
    public static int ErrorCountOf(DocumentAnalysis analysis, RoutedDocument policy) =>
        analysis.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error && policy.Document.Span.ContainsOrTouches(d.Span.Start));
}
