using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Expansion;

/// <summary>The resources a policy expands to, and what the target could not express.</summary>
public sealed record ExpansionResult(ImmutableArray<GeneratedResource> Resources, ImmutableArray<Diagnostic> Diagnostics)
{
    public static ExpansionResult Empty { get; } = new(ImmutableArray<GeneratedResource>.Empty, ImmutableArray<Diagnostic>.Empty);
}

/// <summary>
/// One generated Kubernetes object. <see cref="Manifest"/> is the whole object (apiVersion, kind, metadata, spec);
/// the other fields repeat its identity for callers that list or map resources without walking the tree.
/// </summary>
/// <param name="SourcePaths">The policy entries that produced the object, e.g. <c>spec.egressRules[0].to[1]</c>.</param>
/// <param name="SourceSpan">The span of the first of those entries in the policy document (the editor's preview map).</param>
public sealed record GeneratedResource(
    string ApiVersion,
    string Kind,
    string Namespace,
    string Name,
    ManifestMapping Manifest,
    ImmutableArray<string> SourcePaths,
    TextSpan SourceSpan);
