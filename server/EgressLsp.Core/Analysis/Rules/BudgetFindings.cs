namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// EGP060: a limit of <see cref="Yaml.YamlBudget"/> was exceeded (produced by <c>Yaml/YamlFile</c> while parsing;
/// reported like a syntax error in any file that mentions one of our kinds).
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGP060 = new("EGP060", DiagnosticLevel.Error, "Input budget exceeded",
        "{0}.",
        "{0}。");

    private static IEnumerable<DiagnosticDescriptor> BudgetFindings => [EGP060];
}
