using System.Buffers;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>
/// The server's side of the connection for StreamJsonRpc: messages are read by <see cref="LspFrameReader"/> and passed
/// through <see cref="MessageGate"/>; only what the gate accepts reaches StreamJsonRpc, and what it refuses is answered
/// here with the error JSON-RPC prescribes (or logged, when there is no id to answer). Nothing the client writes can end
/// the connection but the end of its input. Writing (framing, one message at a time) is StreamJsonRpc's own.
/// </summary>
internal sealed class GuardedMessageHandler : IJsonRpcMessageHandler, IAsyncDisposable
{
    /// <summary>The largest message read: a document of the input limit, JSON-escaped, fits.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly LspFrameReader _reader;
    private readonly HeaderDelimitedMessageHandler _writer;
    private readonly IJsonRpcMessageFactory _messages;

    public GuardedMessageHandler(Stream input, Stream output, SystemTextJsonFormatter formatter)
    {
        _reader = new LspFrameReader(input, MaxMessageBytes);
        _writer = new HeaderDelimitedMessageHandler(output, null, formatter);
        _messages = formatter;
    }

    public MessageGate Gate { get; } = new();

    /// <summary>Where refused messages are logged (set once the server's logger exists).</summary>
    public ILogger? Logger { get; set; }

    public bool CanRead => true;

    public bool CanWrite => true;

    public IJsonRpcMessageFormatter Formatter => _writer.Formatter;

    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } frame)
            {
                return null;
            }
            if (frame.Body is not { } body)
            {
                await RefuseAsync(GateVerdict.Answer(RequestId.Null, LspErrorCodes.ParseError, $"Parse error: {frame.Problem}"), cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }
            var verdict = Gate.Check(body);
            if (!verdict.Accepted)
            {
                await RefuseAsync(verdict, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                return Formatter.Deserialize(new ReadOnlySequence<byte>(body));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The gate accepted what StreamJsonRpc cannot read: refuse it rather than let the connection fault.
                await RefuseAsync(GateVerdict.Drop($"a message StreamJsonRpc could not read: {e.Message}"), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } request)
        {
            Gate.Sent(request.RequestId);
        }
        return _writer.WriteAsync(content, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync().ConfigureAwait(false);

    private async ValueTask RefuseAsync(GateVerdict verdict, CancellationToken cancellationToken)
    {
        Logger?.LogWarning("Refused {What}", verdict.Reason);
        if (verdict.AnswerId is not { } id)
        {
            return;
        }
        var error = _messages.CreateErrorMessage();
        error.RequestId = id;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)verdict.ErrorCode, Message = verdict.Reason };
        await _writer.WriteAsync(error, cancellationToken).ConfigureAwait(false);
    }
}
