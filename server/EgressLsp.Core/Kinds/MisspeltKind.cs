using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// EGP009: a <c>kind</c> that is almost a kind EgressLsp checks (<c>ASMEgressTraficPolicy</c>,
/// <c>asmegresstrafficpolicy</c>). Kubernetes kinds are case-sensitive, so such a document is not a policy: without
/// this it would be left alone and the file would pass with no diagnostic, and <c>kubectl apply</c> would fail.
/// </summary>
public static class MisspeltKind
{
    public static readonly DiagnosticDescriptor EGP009 = new("EGP009", DiagnosticLevel.Error, "Misspelt kind",
        "Unknown kind '{0}': did you mean '{1}'? Kinds are case-sensitive, so this document is not checked as a policy and Kubernetes rejects it.",
        "未知的 kind“{0}”:是否要使用“{1}”?kind 区分大小写,因此此文档不会作为策略检查,Kubernetes 也会拒绝它。");

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
            if (document.Kind == KindRegistry.Policy || document.KindName is not { } kind || Suggest(kind) is not { } suggestion)
            {
                continue;
            }
            var node = (document.Document.Root!.Resolved as YamlMapping)!.GetScalar("kind")!;
            yield return EGP009.Create(node.Span, kind, suggestion).WithFix(new CodeFix(
                new LocalizedText($"Change to '{suggestion}'", $"改为“{suggestion}”"),
                [new YamlEdits(text).ReplaceString(node, suggestion)]));
        }
    }
}
