namespace EgressLsp.LanguageServer.Protocol;

// The server's own request egressLsp/preview, and the argument of the egressLsp.* commands.

/// <summary>
/// Which document to expand, for which target (<c>istio-sidecar</c>, <c>istio-ambient</c>, <c>osm-edge</c>;
/// absent: the configured one). The params of <c>egressLsp/preview</c> and the one argument of every
/// <c>egressLsp.*</c> command.
/// </summary>
public sealed record ExpansionParams(string Uri, string? Target = null);

/// <param name="GeneratedRange">The object's lines in <see cref="PreviewResult.Yaml"/>.</param>
/// <param name="SourceRanges">The policy's <c>to</c> entries the object came from, in the document.</param>
public sealed record PreviewEntry(string Kind, string Namespace, string Name, Range GeneratedRange, Range[] SourceRanges);

/// <param name="Yaml">Exactly what <c>egressctl expand</c> writes for the document.</param>
/// <param name="Diagnostics">Errors and warnings for the chosen target; with an error, the YAML is not fit to apply.</param>
public sealed record PreviewResult(string Yaml, PreviewEntry[] Entries, Diagnostic[] Diagnostics);

/// <param name="Svg">The workspace's egress map (<c>egressctl reach --matrix --format svg</c> for the same workspace).</param>
public sealed record EgressMapResult(string Svg);
