using System.Collections.Immutable;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Symbols;

public enum OutlineKind
{
    /// <summary>An <c>ASMEgressTrafficPolicy</c> document.</summary>
    Policy,

    /// <summary>An entry of <c>spec.egressRules</c>.</summary>
    Rule,

    /// <summary>A <c>to</c> entry of a rule.</summary>
    Destination,

    /// <summary>Any other Kubernetes object of the file (a Deployment, an Istio resource).</summary>
    Resource,
}

/// <summary>One entry of the document outline.</summary>
/// <param name="Span">Everything the entry covers.</param>
/// <param name="SelectionSpan">The part that names it (inside <paramref name="Span"/>), shown when the entry is picked.</param>
public sealed record OutlineSymbol(string Name, string? Detail, OutlineKind Kind, TextSpan Span, TextSpan SelectionSpan,
    ImmutableArray<OutlineSymbol> Children);
