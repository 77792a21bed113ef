namespace EgressLsp.LanguageServer.Protocol;

// textDocument/hover (LSP 3.17).

public sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position);

/// <param name="Range">The token described, which the editor highlights.</param>
public sealed record Hover(MarkupContent Contents, Range? Range);
