namespace EgressLsp.LanguageServer.Protocol;

// textDocument/documentSymbol and textDocument/foldingRange (LSP 3.17).

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

/// <summary>The hierarchical form: <paramref name="SelectionRange"/> lies inside <paramref name="Range"/>.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, DocumentSymbol[]? Children);

/// <summary>The protocol's symbol kinds the outline uses.</summary>
public static class SymbolKind
{
    public const int Class = 5;
    public const int Field = 8;
    public const int Object = 19;
    public const int Struct = 23;
}

public sealed record FoldingRangeParams(TextDocumentIdentifier TextDocument);

/// <summary>Whole lines (the server never sets characters, so <c>lineFoldingOnly</c> clients are served as is).</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

public static class FoldingRangeKind
{
    public const string Comment = "comment";
    public const string Region = "region";
}
