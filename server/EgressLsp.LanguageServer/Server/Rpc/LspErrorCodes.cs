using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>The error codes of JSON-RPC 2.0 and LSP 3.17 the server answers with.</summary>
internal static class LspErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;

    /// <summary>JSON-RPC: the params are not what the method takes.</summary>
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>A request before <c>initialize</c> (LSP 3.17).</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>The request was valid but could not be carried out (LSP 3.17).</summary>
    public const int RequestFailed = -32803;

    /// <summary>What a handler throws to answer its request with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static LocalRpcException Error(int code, string message) => new(message) { ErrorCode = code };
}
