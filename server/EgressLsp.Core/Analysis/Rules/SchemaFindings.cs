namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// The schema walker's codes (<c>Schema/SchemaValidator</c>, run on every document whose kind names a schema). A
/// schema may name its own code for an unknown enum value (<c>x-unknown-value-diagnostic</c>): EGP008 for the
/// policy's apiVersion.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGP002 = new("EGP002", DiagnosticLevel.Error, "Unknown field",
        "Unknown field '{0}' in {1}.{2}",
        "{1} 中没有字段“{0}”。{2}");

    public static readonly DiagnosticDescriptor EGP003 = new("EGP003", DiagnosticLevel.Error, "Wrong type or out of range",
        "{0}",
        "{0}");

    public static readonly DiagnosticDescriptor EGP004 = new("EGP004", DiagnosticLevel.Error, "Required field missing",
        "Missing required field '{0}' in {1}.",
        "{1} 缺少必填字段“{0}”。");

    public static readonly DiagnosticDescriptor EGP005 = new("EGP005", DiagnosticLevel.Error, "Value not allowed",
        "'{0}' is not an allowed value for {1}. Allowed: {2}.",
        "“{0}”不是 {1} 允许的取值。允许的取值:{2}。");

    public static readonly DiagnosticDescriptor EGP008 = new("EGP008", DiagnosticLevel.Info, "Unknown apiVersion of a known kind",
        "Unknown apiVersion '{0}' for ASMEgressTrafficPolicy; use istio.alibabacloud.com/v1 (or v1beta1).",
        "ASMEgressTrafficPolicy 的 apiVersion“{0}”未知;请使用 istio.alibabacloud.com/v1(或 v1beta1)。");

    private static IEnumerable<DiagnosticDescriptor> SchemaFindings => [EGP002, EGP003, EGP004, EGP005, EGP008];
}
