namespace EgressLsp.LanguageServer.Protocol;

// textDocument/definition (LSP 3.17): answered with Location[] (every client accepts it).

public sealed record DefinitionParams(TextDocumentIdentifier TextDocument, Position Position);
