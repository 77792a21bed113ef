using System.Collections.Concurrent;

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EgressLsp.Core.Text;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>What to do with one message from the client.</summary>
internal readonly record struct GateVerdict(bool Accepted, RequestId? AnswerId, int ErrorCode, string? Reason)
{
    public static GateVerdict Accept { get; } = new(true, null, 0, null);

    /// <summary>Answer the request <paramref name="id"/> (<see cref="RequestId.Null"/> when it is unknown) with an error.</summary>
    public static GateVerdict Answer(RequestId id, int code, string reason) => new(false, id, code, reason);

    /// <summary>Drop a notification or a stray response: JSON-RPC gives nothing to answer it with, so it is only logged.</summary>
    public static GateVerdict Drop(string reason) => new(false, null, 0, reason);
}

/// <summary>
/// Checks each message before StreamJsonRpc sees it, so that nothing a client sends can fault the connection or reach a
/// handler in a shape it was not written for: JSON-RPC 2.0's rules (-32700 for text that is not JSON, -32600 for JSON
/// that is not a request; both with a null id when the message's own cannot be read, as the specification's examples
/// do for malformed notifications too), LSP 3.17's lifecycle (-32002 before <c>initialize</c>, -32600 for a second one and for
/// requests after <c>shutdown</c>) and each method's parameter shape (-32602), read strictly: a required member
/// missing or null, a string where a number goes, a fraction or a number past 32 bits is refused, not defaulted.
/// </summary>
internal sealed class MessageGate
{
    /// <summary>Deeper JSON is refused as a parse error: no parameters of LSP nest anywhere near this.</summary>
    public const int MaxJsonDepth = 64;

    private readonly Dictionary<string, JsonTypeInfo> _parameters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RequestId, byte> _outgoing = new();
    private Lifecycle _lifecycle;

    private enum Lifecycle { AwaitingInitialize, Running, ShuttingDown }

    /// <summary>Declares <paramref name="method"/>'s parameters, checked with <paramref name="type"/> (strict options).</summary>
    public void Expect(string method, JsonTypeInfo type) => _parameters[method] = type;

    /// <summary>A request the server sent: its response is the only one accepted with this id.</summary>
    public void Sent(RequestId id) => _outgoing.TryAdd(id, 0);

    public GateVerdict Check(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return GateVerdict.Answer(RequestId.Null, LspErrorCodes.ParseError, "Parse error: the message is not valid UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException e)
        {
            return GateVerdict.Answer(RequestId.Null, LspErrorCodes.ParseError, $"Parse error: {e.Message}");
        }
        using (document)
        {
            return Check(document.RootElement);
        }
    }

    private GateVerdict Check(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return GateVerdict.Answer(RequestId.Null, LspErrorCodes.InvalidRequest,
                message.ValueKind == JsonValueKind.Array
                    ? "Invalid request: LSP does not use JSON-RPC batches"
                    : $"Invalid request: a message is a JSON object, not {Describe(message)}");
        }
        var hasId = message.TryGetProperty("id", out var idElement);
        RequestId? id = null;
        if (hasId)
        {
            id = ReadId(idElement);
            if (id is null)
            {
                return GateVerdict.Answer(RequestId.Null, LspErrorCodes.InvalidRequest,
                    $"Invalid request: an id is a string or an integer, not {Describe(idElement)}");
            }
        }
        var answerTo = id ?? RequestId.Null;
        if (!message.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return GateVerdict.Answer(answerTo, LspErrorCodes.InvalidRequest, "Invalid request: \"jsonrpc\" must be \"2.0\"");
        }
        if (!message.TryGetProperty("method", out var methodElement))
        {
            return CheckResponse(message, id);
        }
        if (methodElement.ValueKind != JsonValueKind.String)
        {
            return GateVerdict.Answer(answerTo, LspErrorCodes.InvalidRequest, $"Invalid request: a method is a string, not {Describe(methodElement)}");
        }
        if (hasId && answerTo.IsNull)
        {
            return GateVerdict.Answer(RequestId.Null, LspErrorCodes.InvalidRequest, "Invalid request: a request's id is not null");
        }
        var method = methodElement.GetString()!;
        if (CheckLifecycle(method, hasId, answerTo) is { } refused)
        {
            return refused;
        }
        var hasParams = message.TryGetProperty("params", out var parameters);
        if (hasParams && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
        {
            return Refuse(hasId, answerTo, method, $"params must be an object, not {Describe(parameters)}");
        }
        if (_parameters.TryGetValue(method, out var type) && ReadParameters(parameters, hasParams, type) is { } problem)
        {
            return Refuse(hasId, answerTo, method, problem);
        }
        Advance(method, hasId);
        return GateVerdict.Accept;
    }

    private GateVerdict CheckResponse(JsonElement message, RequestId? id)
    {
        if (id is not { } responseId || !(message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _)))
        {
            return GateVerdict.Answer(id ?? RequestId.Null, LspErrorCodes.InvalidRequest, "Invalid request: no method");
        }
        return _outgoing.TryRemove(responseId, out _)
            ? GateVerdict.Accept
            : GateVerdict.Drop($"a response to {responseId}, which the server never asked");
    }

    /// <summary>LSP 3.17: nothing but <c>initialize</c> (and <c>exit</c>) before it; nothing but <c>exit</c> after <c>shutdown</c>.</summary>
    private GateVerdict? CheckLifecycle(string method, bool isRequest, RequestId id)
    {
        if (method == "exit")
        {
            return null;
        }
        return _lifecycle switch
        {
            Lifecycle.AwaitingInitialize when method != "initialize" => isRequest
                ? GateVerdict.Answer(id, LspErrorCodes.ServerNotInitialized, $"'{Printable(method)}' before initialize: the server is not initialized")
                : GateVerdict.Drop($"'{Printable(method)}' before initialize"),
            Lifecycle.AwaitingInitialize when !isRequest => GateVerdict.Drop("initialize sent as a notification"),
            Lifecycle.Running or Lifecycle.ShuttingDown when method == "initialize" => isRequest
                ? GateVerdict.Answer(id, LspErrorCodes.InvalidRequest, "Invalid request: initialize was already received")
                : GateVerdict.Drop("a second initialize"),
            Lifecycle.ShuttingDown => isRequest
                ? GateVerdict.Answer(id, LspErrorCodes.InvalidRequest, $"Invalid request: '{Printable(method)}' after shutdown")
                : GateVerdict.Drop($"'{Printable(method)}' after shutdown"),
            _ => null,
        };
    }

    private void Advance(string method, bool isRequest)
    {
        if (isRequest && method == "initialize")
        {
            _lifecycle = Lifecycle.Running;
        }
        else if (isRequest && method == "shutdown")
        {
            _lifecycle = Lifecycle.ShuttingDown;
        }
    }

    private static GateVerdict Refuse(bool isRequest, RequestId id, string method, string problem) => isRequest
        ? GateVerdict.Answer(id, LspErrorCodes.InvalidParams, $"Invalid params for '{Printable(method)}': {problem}")
        : GateVerdict.Drop($"'{Printable(method)}' with invalid params: {problem}");

    /// <returns>Why the parameters do not fit <paramref name="type"/>, or null when they do.</returns>
    private static string? ReadParameters(JsonElement parameters, bool present, JsonTypeInfo type)
    {
        if (!present || parameters.ValueKind == JsonValueKind.Null)
        {
            return "missing";
        }
        try
        {
            return JsonSerializer.Deserialize(parameters, type) is null ? "missing" : null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            return e.Message;
        }
    }

    private static RequestId? ReadId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => new RequestId(id.GetString()),
        JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
        JsonValueKind.Null => RequestId.Null,
        _ => null,
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {Printable(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Client text as it may appear in a reply or a log line: short, one line, controls escaped.</summary>
    public static string Printable(string text) => TerminalText.Line(text.Length > 80 ? text[..80] + "…" : text);
}
