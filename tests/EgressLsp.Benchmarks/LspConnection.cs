using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Benchmarks;

/// <summary>
/// LSP framing over a server's stdio, as an editor drives it. The server's requests are answered: <c>workspace/configuration</c>
/// with <paramref name="settings"/>' section of each item (yaml-language-server pulls its schema association so), anything
/// else with null.
/// </summary>
internal sealed class LspConnection : IAsyncDisposable
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly JsonObject _settings;
    private int _nextId;

    private LspConnection(Process process, JsonObject? settings)
    {
        Process = process;
        _settings = settings ?? [];
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Starts <paramref name="command"/> (its arguments included: <c>egressctl lsp</c>, <c>yaml-language-server --stdio</c>).</summary>
    public static LspConnection Start(IReadOnlyList<string> command, JsonObject? settings = null)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        return new LspConnection(Process.Start(start)!, settings);
    }

    /// <summary>The most memory the server process has held (VmHWM on Linux).</summary>
    public double PeakMegabytes
    {
        get
        {
            Process.Refresh();
            return Process.PeakWorkingSet64 / (1024.0 * 1024);
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters)
    {
        var id = ++_nextId;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        while (true)
        {
            var message = await ReadAsync();
            if (message["id"]?.GetValue<int>() == id && message["method"] is null)
            {
                return message["result"];
            }
            await AnswerIfRequestAsync(message);
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>
    /// Waits for the diagnostics of <paramref name="uri"/> at <paramref name="version"/>; a server that publishes no
    /// version (yaml-language-server) is taken at its first publication for the document.
    /// </summary>
    public async Task WaitForDiagnosticsAsync(string uri, int version)
    {
        while (true)
        {
            var message = await ReadAsync();
            if (message["method"]?.GetValue<string>() == "textDocument/publishDiagnostics" && message["params"]!["uri"]?.GetValue<string>() == uri &&
                (message["params"]!["version"] is not { } published || published.GetValue<int>() == version))
            {
                return;
            }
            await AnswerIfRequestAsync(message);
        }
    }

    /// <summary>Waits for a <c>window/logMessage</c> containing <paramref name="text"/>; returns its message.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        while (true)
        {
            var message = await ReadAsync();
            if (message["method"]?.GetValue<string>() == "window/logMessage" && message["params"]!["message"]!.GetValue<string>() is { } logged &&
                logged.Contains(text, StringComparison.Ordinal))
            {
                return logged;
            }
            await AnswerIfRequestAsync(message);
        }
    }

    /// <summary>Asks the server to stop and waits for it.</summary>
    public async Task ShutdownAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.WaitForExit(5000))
        {
            Process.Kill(entireProcessTree: true);
        }
        await Task.CompletedTask;
        Process.Dispose();
    }

    private Task AnswerIfRequestAsync(JsonNode message)
    {
        if (message["id"] is not { } id || message["method"]?.GetValue<string>() is not { } method)
        {
            return Task.CompletedTask;
        }
        JsonNode? result = method == "workspace/configuration"
            ? new JsonArray([.. (message["params"]?["items"]?.AsArray() ?? []).Select(item =>
                item?["section"]?.GetValue<string>() is { } section ? _settings[section]?.DeepClone() : null)])
            : null;
        return WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _input.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await _input.WriteAsync(body);
        await _input.FlushAsync();
    }

    private async Task<JsonNode> ReadAsync()
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _output.ReadAsync(one) == 0)
            {
                throw new IOException("the server closed its output");
            }
            header.Append((char)one[0]);
        }
        var length = int.Parse(header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.Ordinal))[15..].Trim());
        var body = new byte[length];
        await _output.ReadExactlyAsync(body);
        return JsonNode.Parse(body)!;
    }
}
