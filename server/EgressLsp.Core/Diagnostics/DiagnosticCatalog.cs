using EgressLsp.Core.Analysis.Rules;
using EgressLsp.Core.Kinds;

namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// The diagnostics catalogue (shared/spec/diagnostics.md): every code the core reports, with its default level
/// and messages in English and Simplified Chinese. It is a view: the rules' descriptors come from
/// <see cref="RuleRegistry"/> (each beside its check in <c>Analysis/Rules/</c>), the codes produced by the parser,
/// the schema walker and the expansion from their family files there. The CLI, the language server and the tests
/// all read it.
/// </summary>
public static partial class DiagnosticCatalog
{
    // Lazy: the family fields live in other parts of this class, whose initialisation order C# leaves open.
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(() =>
    [
        .. SyntaxFindings.Concat(BudgetFindings).Concat(IstioSchemaFindings).Concat(OsmEdgeSchemaFindings).Concat([MisspeltKind.EGP009]).Concat(SchemaFindings).Concat(ExpansionFindings).Concat(ConversionFindings).Concat(RuleRegistry.AllWithTargets.SelectMany(rule => rule.Descriptors))
            .Distinct()
            .OrderBy(descriptor => descriptor.Code, StringComparer.Ordinal),
    ]);

    /// <summary>Every code, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    public static DiagnosticDescriptor? Find(string code)
    {
        foreach (var descriptor in All)
        {
            if (string.Equals(descriptor.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return descriptor;
            }
        }
        return null;
    }
}
