using EgressLsp.Core.Analysis;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Completion for egress policies and <c>egresslsp.yaml</c>: the keys valid at the cursor and not yet written
/// (with the schema's documentation), allowed values, whole-entry snippets, and values the workspace knows
/// (namespaces, workload labels, gateways and their ports, hosts). Documents that are not policies get nothing.
/// </summary>
public static class CompletionService
{
    public static CompletionList GetCompletions(DocumentAnalysis analysis, int offset)
    {
        var document = NodeLocator.DocumentAt(analysis.Yaml, offset);
        var items = new List<CompletionEntry>();
        if (analysis.IsProjectConfig)
        {
            // The config is one document; a second one is not read.
            if (document is { Index: > 0 } || CompletionContext.Create(analysis.Text, document, offset, SchemaCatalog.Config) is not { } config)
            {
                return CompletionList.Empty;
            }
            foreach (var reading in Readings(config))
            {
                AddConfig(reading, items);
            }
        }
        else
        {
            var routed = document is null ? null : analysis.Documents[document.Index];
            if (!MayBePolicy(routed) || CompletionContext.Create(analysis.Text, document, offset, SchemaCatalog.Policy) is not { } context)
            {
                return CompletionList.Empty;
            }
            foreach (var reading in Readings(context))
            {
                AddPolicy(reading, analysis, routed, items);
            }
        }
        return new CompletionList(false, [.. items]);
    }

    private static IEnumerable<CompletionContext> Readings(CompletionContext context)
    {
        yield return context;
        if (context.Alternative is { } alternative)
        {
            yield return alternative;
        }
    }

    private static void AddPolicy(CompletionContext context, DocumentAnalysis analysis, RoutedDocument? document, List<CompletionEntry> items)
    {
        if (context.Position == CompletionPosition.Key)
        {
            var shape = context.Shape;
            SchemaCompletions.AddKeys(context, key => PolicyCompletions.IsOffered(shape, key), items);
            PolicyCompletions.AddKeys(context, analysis.Context, items);
            PolicySnippets.Add(context, analysis, document, items);
            return;
        }
        var count = items.Count;
        PolicyCompletions.AddValues(context, analysis.Context, analysis, items);
        SchemaCompletions.AddValues(context, items);
        if (items.Count == count)
        {
            SchemaCompletions.AddNumberExamples(context, items);
        }
    }

    private static void AddConfig(CompletionContext context, List<CompletionEntry> items)
    {
        if (context.Position == CompletionPosition.Key)
        {
            SchemaCompletions.AddKeys(context, _ => true, items);
            ConfigCompletions.AddKeys(context, items);
        }
        else
        {
            SchemaCompletions.AddValues(context, items);
        }
    }

    /// <summary>
    /// A policy, or a document that may become one: empty, a first word, or only policy keys with no other
    /// kind or apiVersion written yet. A Deployment or a CI workflow in the same editor gets nothing.
    /// </summary>
    private static bool MayBePolicy(RoutedDocument? routed)
    {
        if (routed is null || routed.Kind == DocumentKind.EgressPolicy)
        {
            return true;
        }
        return routed.Document.Root?.Resolved switch
        {
            null or YamlScalar => true,
            YamlMapping root => IsPrefixOrExtension(routed.KindName, EgressPolicy.KindName)
                && IsPrefixOrExtension(routed.ApiVersion, EgressPolicy.Group)
                && root.Pairs.All(pair => pair.KeyText is { } key && SchemaCatalog.Policy.FindProperty(key) is not null),
            _ => false,
        };

        static bool IsPrefixOrExtension(string? written, string expected) =>
            written is null || expected.StartsWith(written, StringComparison.Ordinal) || written.StartsWith(expected, StringComparison.Ordinal);
    }
}
