namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// What only expanding for a target finds (<c>Expansion/</c>): reported on the policy by <c>DocumentAnalysis</c>
/// from the configured target's expansion. They move to their targets when targets become units (issue 9).
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGP042 = new("EGP042", DiagnosticLevel.Warning, "Source narrowing the target cannot enforce",
        "{0}",
        "{0}");

    public static readonly DiagnosticDescriptor EGP050 = new("EGP050", DiagnosticLevel.Error, "Not expressible in the chosen target",
        "{0}",
        "{0}");

    private static IEnumerable<DiagnosticDescriptor> ExpansionFindings => [EGP042, EGP050];
}
