using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 (istioctl's ReferencedResourceNotFound, pkg/config/analysis/msg/messages.yaml): one code for every kind of
/// reference Istio's analyzers follow (a gateway, a destination host, a subset, a selector, a credential, a
/// namespace). Several rules report it; this is its one descriptor.
/// </summary>
public static class ReferencedResource
{
    public static readonly DiagnosticDescriptor IST0101 = new("IST0101", DiagnosticLevel.Error, "Referenced resource not found",
        "Referenced {0} not found: '{1}'{2}.",
        "找不到引用的{0}:“{1}”{2}。");

    public static Diagnostic NotFound(Text.TextSpan span, string whatEn, string whatZh, string value, LocalizedText? detail = null) =>
        IST0101.Create(span, new LocalizedText(whatEn, whatZh), value, detail ?? new LocalizedText("", ""));

    /// <summary>A label selector as Kubernetes prints it (<c>klabels.SelectorFromSet(...).String()</c>): keys sorted, <c>k=v</c> joined by commas.</summary>
    public static string SelectorText(ImmutableArray<Label> selector) =>
        string.Join(",", selector.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
