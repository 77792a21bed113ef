using EgressLsp.Core.Analysis;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Completion, asked of the kind of the document at the cursor (<see cref="DocumentKind.Complete"/>): for a policy
/// and <c>egresslsp.yaml</c>, the keys valid at the cursor and not yet written (with the schema's documentation),
/// allowed values, whole-entry snippets, and values the workspace knows. A document not (yet) of an analysed kind
/// is completed by the first kind it may become; documents that may become none get nothing.
/// </summary>
public static class CompletionService
{
    public static CompletionList GetCompletions(DocumentAnalysis analysis, int offset)
    {
        var document = NodeLocator.DocumentAt(analysis.Yaml, offset);
        var routed = document is null ? null : analysis.Documents[document.Index];
        var kind = routed is { Kind.IsAnalysed: true } ? routed.Kind : KindRegistry.All.FirstOrDefault(k => k.MayBecome(analysis.FileName, routed));
        return kind?.Complete(analysis, document, routed, offset) ?? CompletionList.Empty;
    }

    /// <summary>The items <paramref name="add"/> finds for the context and for its alternative reading, if any.</summary>
    internal static CompletionList FromReadings(CompletionContext? context, Action<CompletionContext, List<CompletionEntry>> add)
    {
        if (context is null)
        {
            return CompletionList.Empty;
        }
        var items = new List<CompletionEntry>();
        add(context, items);
        if (context.Alternative is { } alternative)
        {
            add(alternative, items);
        }
        return new CompletionList(false, [.. items]);
    }
}
