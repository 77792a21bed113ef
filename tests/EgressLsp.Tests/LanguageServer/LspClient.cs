using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EgressLsp.Tests.LanguageServer;

/// <summary>
/// A minimal editor for end-to-end tests: starts the real server process (<c>egressctl lsp</c>), speaks LSP
/// framing over its stdio, and sees exactly the JSON an editor would. It answers the server's requests
/// (<c>workspace/configuration</c> with <see cref="Settings"/>, registrations) and collects notifications.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly List<JsonNode> _notifications = [];
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private int _nextId;

    private LspClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _reader = Task.Run(ReadLoopAsync);
        process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
    }

    /// <summary>The <c>egressLsp</c> section returned for <c>workspace/configuration</c>.</summary>
    public JsonObject Settings { get; set; } = [];

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public Process Process => _process;

    public static LspClient Start(string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(EgressctlProcess.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(EgressctlProcess.Dll);
        start.ArgumentList.Add("lsp");
        start.ArgumentList.Add("--stdio");
        return new LspClient(Process.Start(start)!);
    }

    /// <summary>Starts the server and completes the handshake.</summary>
    public static async Task<(LspClient Client, JsonNode Capabilities)> StartInitializedAsync(
        string? rootFolder = null, string? locale = null, JsonObject? initializationOptions = null, bool pullConfiguration = true)
    {
        var client = Start();
        var capabilities = new JsonObject
        {
            ["workspace"] = new JsonObject
            {
                ["configuration"] = pullConfiguration,
                ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true },
            },
            ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = true } },
        };
        var result = await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["locale"] = locale,
            ["rootUri"] = rootFolder is null ? null : new Uri(rootFolder).AbsoluteUri,
            ["workspaceFolders"] = rootFolder is null ? null : new JsonArray(new JsonObject { ["uri"] = new Uri(rootFolder).AbsoluteUri, ["name"] = "root" }),
            ["capabilities"] = capabilities,
            ["initializationOptions"] = initializationOptions,
        });
        await client.NotifyAsync("initialized", new JsonObject());
        return (client, result!["capabilities"]!);
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var response = await completion.Task.WaitAsync(Timeout, cancellationToken);
        if (response["error"] is { } error)
        {
            throw new LspErrorException(error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>());
        }
        return response["result"];
    }

    /// <summary>Sends a request and returns its id without waiting (for cancellation tests).</summary>
    public async Task<(int Id, Task<JsonNode> Response)> StartRequestAsync(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return (id, completion.Task);
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Sends bytes as they are, framing and all (hostile-input tests).</summary>
    public async Task WriteRawAsync(byte[] bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _input.WriteAsync(bytes);
            await _input.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = version, ["text"] = text },
        });

    /// <summary>Waits for the next notification of <paramref name="method"/> that matches.</summary>
    public async Task<JsonNode> WaitForNotificationAsync(string method, Func<JsonNode, bool>? match = null, TimeSpan? timeout = null) =>
        (await WaitForMessageAsync(n => n["method"]?.GetValue<string>() == method && (match is null || match(n["params"]!)), method, timeout))["params"]!;

    /// <summary>
    /// Waits for the next message that is neither a server request nor the answer to a request of this client: a
    /// notification, or an answer to a message the client wrote raw (hostile-input tests).
    /// </summary>
    public async Task<JsonNode> WaitForMessageAsync(Func<JsonNode, bool> match, string what = "matching message", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (DateTime.UtcNow < deadline)
        {
            lock (_notifications)
            {
                var index = _notifications.FindIndex(n => match(n));
                if (index >= 0)
                {
                    var found = _notifications[index];
                    _notifications.RemoveRange(0, index + 1);
                    return found;
                }
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}: {Stderr}");
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"no {what} within {(timeout ?? Timeout).TotalSeconds} s; stderr: {Stderr}");
    }

    /// <summary>The diagnostics published for <paramref name="uri"/> at <paramref name="version"/> (or any version).</summary>
    public async Task<JsonArray> WaitForDiagnosticsAsync(string uri, int? version = null)
    {
        var published = await WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p["uri"]!.GetValue<string>() == uri && (version is null || p["version"]?.GetValue<int>() == version));
        return published["diagnostics"]!.AsArray();
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
        await _process.WaitForExitAsync().WaitAsync(Timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>A body framed as LSP's base protocol sends it.</summary>
    public static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    private Task WriteAsync(JsonObject message) => WriteRawAsync(Frame(Encoding.UTF8.GetBytes(message.ToJsonString())));

    private async Task ReadLoopAsync()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(output) is { } message)
            {
                if (message["id"] is { } id && message["method"] is { } method)
                {
                    await AnswerServerRequestAsync(id.DeepClone(), method.GetValue<string>(), message["params"]);
                }
                else if (message["id"] is JsonValue responseId && responseId.TryGetValue<int>(out var number) && _pending.TryRemove(number, out var completion))
                {
                    completion.TrySetResult(message);
                }
                else
                {
                    lock (_notifications)
                    {
                        _notifications.Add(message);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process ended.
        }
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new IOException($"the server closed the connection; stderr: {Stderr}"));
        }
    }

    private Task AnswerServerRequestAsync(JsonNode id, string method, JsonNode? parameters)
    {
        JsonNode? result = method switch
        {
            "workspace/configuration" => new JsonArray([.. parameters!["items"]!.AsArray().Select(_ => (JsonNode?)Settings.DeepClone())]),
            _ => null,
        };
        return WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
    }

    private static async Task<JsonNode?> ReadMessageAsync(Stream stream)
    {
        var header = new StringBuilder();
        var buffer = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                return null;
            }
            header.Append((char)buffer[0]);
        }
        var lengthLine = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim())];
        await stream.ReadExactlyAsync(body);
        return JsonNode.Parse(body);
    }
}

public sealed class LspErrorException(int code, string message) : Exception($"LSP error {code}: {message}")
{
    public int Code { get; } = code;
}
