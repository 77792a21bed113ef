namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>The error codes of JSON-RPC 2.0 and LSP 3.17 the server answers with.</summary>
internal static class LspErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>A request before <c>initialize</c> (LSP 3.17).</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>The request was valid but could not be served (LSP 3.17): here, it ran out of its time budget.</summary>
    public const int RequestFailed = -32803;
}
