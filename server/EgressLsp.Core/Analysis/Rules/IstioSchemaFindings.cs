namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// IST0106 (istioctl analyze's SchemaValidationError): an Istio resource does not match its CRD's schema (unknown
/// field, wrong type, value outside an enum or a range, required field missing). The schema walker finds these as it
/// does for the policy; the Istio kinds report them under Istio's code, so users recognise them.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor IST0106 = new("IST0106", DiagnosticLevel.Error, "Istio resource does not match its CRD schema",
        "{0}",
        "{0}");

    private static IEnumerable<DiagnosticDescriptor> IstioSchemaFindings => [IST0106];
}
