using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// EGP009: a <c>kind</c> that is almost a kind EgressLsp checks (<c>ASMEgressTraficPolicy</c>,
/// <c>asmegresstrafficpolicy</c>). Kubernetes kinds are case-sensitive, so such a document is not a policy: without
/// this it would be left alone and the file would pass with no diagnostic, and <c>kubectl apply</c> would fail.
/// </summary>
public static class MisspeltKind
{
    /// <summary>The kinds a misspelling is compared with.</summary>
    public static readonly IReadOnlyList<string> KnownKinds = [EgressPolicy.KindName];

    /// <summary>
    /// The known kind <paramref name="kind"/> is a misspelling of, or null: the same letters in another case, or
    /// at most 3 edits away ignoring case (the policy kind is 22 letters long, so no real kind is that close).
    /// </summary>
    public static string? Suggest(string kind)
    {
        if (KnownKinds.Contains(kind, StringComparer.Ordinal))
        {
            return null;
        }
        return EditDistance.Closest(kind.ToLowerInvariant(), KnownKinds.Select(k => k.ToLowerInvariant()), maxDistance: 3) is { } nearest
            ? KnownKinds.First(k => k.Equals(nearest, StringComparison.OrdinalIgnoreCase))
            : null;
    }

    internal static IEnumerable<Diagnostic> Diagnose(IEnumerable<RoutedDocument> documents, SourceText text)
    {
        foreach (var document in documents)
        {
            if (document.Kind == DocumentKind.EgressPolicy || document.KindName is not { } kind || Suggest(kind) is not { } suggestion)
            {
                continue;
            }
            var node = (document.Document.Root!.Resolved as YamlMapping)!.GetScalar("kind")!;
            yield return DiagnosticCatalog.EGP009.Create(node.Span, kind, suggestion).WithFix(new CodeFix(
                new LocalizedText($"Change to '{suggestion}'", $"改为“{suggestion}”"),
                [new YamlEdits(text).ReplaceString(node, suggestion)]));
        }
    }
}
