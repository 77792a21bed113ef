namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// The YAML reader's codes (produced by <c>Yaml/YamlFile</c> while parsing, reported for the documents of the kinds
/// we analyse by <c>DocumentAnalysis</c>).
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGP001 = new("EGP001", DiagnosticLevel.Error, "YAML syntax error",
        "YAML syntax error: {0}",
        "YAML 语法错误:{0}");

    public static readonly DiagnosticDescriptor EGP006 = new("EGP006", DiagnosticLevel.Error, "Duplicate key",
        "Duplicate key '{0}' (first defined on line {1}); Kubernetes rejects or silently overrides it.",
        "重复的键“{0}”(第 {1} 行已定义);Kubernetes 会拒绝或静默覆盖它。");

    private static IEnumerable<DiagnosticDescriptor> SyntaxFindings => [EGP001, EGP006];
}
