using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Features.Completion;

/// <summary>What <c>egresslsp.yaml</c> can name beyond its schema: the diagnostic codes under <c>rules</c>.</summary>
internal static class ConfigCompletions
{
    public static void Add(CompletionContext context, List<CompletionEntry> items)
    {
        SchemaCompletions.Add(context, items);
        if (context.Position == CompletionPosition.Key)
        {
            AddKeys(context, items);
        }
    }

    private static void AddKeys(CompletionContext context, List<CompletionEntry> items)
    {
        if (context.Shape != "rules")
        {
            return;
        }
        // Only the codes whose level a project can set (the schema's key pattern): conversion findings have none.
        var settable = context.Schema?.PropertyNames?.Pattern;
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            if (context.ExistingKeys.Contains(descriptor.Code) || settable is not null && !settable.IsMatch(descriptor.Code))
            {
                continue;
            }
            var level = descriptor.DefaultLevel.ToString().ToLowerInvariant();
            var documentation = new LocalizedText(
                $"**{descriptor.Code}** — {descriptor.TitleEn}\n\nDefault level: `{level}`.\n\n[Documentation]({descriptor.DocumentationUrl})",
                $"**{descriptor.Code}** — {descriptor.TitleEn}\n\n默认级别:`{level}`。\n\n[文档]({descriptor.DocumentationUrl})");
            items.Add(SchemaCompletions.Key(context, descriptor.Code, descriptor.TitleEn, documentation, " ", "0" + descriptor.Code));
        }
    }
}
