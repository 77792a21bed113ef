using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Benchmarks;

/// <summary>
/// Latency of the real server process as an editor sees it, on a ~5,000-line policy: cold start (spawn →
/// initialize result), hover and completion round trips (p50/p99 over many positions), and edit → diagnostics
/// (didChange sent → publishDiagnostics received, debounce included). Run:
/// <c>dotnet run -c Release --project tests/EgressLsp.Benchmarks -- latency [server command…]</c>
/// (default server: the Release egressctl.dll next to this harness). <c>latency-istio</c> measures the same on a
/// workspace folder of 500 hand-written Istio files (2,000 manifests) beside that policy: the background index,
/// and edits to a DestinationRule that other resources depend on.
/// </summary>
public static class ServerLatency
{
    private const int IstioFiles = 500;

    public static async Task RunIstioWorkspaceAsync(string[] serverCommand)
    {
        var folder = Path.Combine(Path.GetTempPath(), "egresslsp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "istio"));
        try
        {
            for (var i = 0; i < IstioFiles; i++)
            {
                File.WriteAllText(Path.Combine(folder, "istio", $"chain-{i:D3}.yaml"), IstioChain(i, "cnn"));
            }
            var policy = LargePolicy.Generate(rules: 300);
            File.WriteAllText(Path.Combine(folder, "policy.yaml"), policy);
            var rootUri = new Uri(folder + "/").AbsoluteUri;

            await using var server = Connection.Start(serverCommand);
            await server.RequestAsync("initialize", new JsonObject
            {
                ["capabilities"] = new JsonObject(), ["processId"] = Environment.ProcessId, ["trace"] = "verbose",
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "bench" }),
            });
            var indexing = Stopwatch.StartNew();
            await server.NotifyAsync("initialized", new JsonObject());
            var indexed = await server.WaitForLogAsync("Indexed");
            var indexTime = indexing.Elapsed.TotalMilliseconds;

            var policyUri = rootUri + "policy.yaml";
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = policyUri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = policy },
            });
            await server.WaitForDiagnosticsAsync(1);
            var uri = rootUri + "istio/chain-000.yaml";
            var text = IstioChain(0, "cnn");
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 2, ["text"] = text },
            });
            await server.WaitForDiagnosticsAsync(2);

            var lines = text.Split('\n');
            var positions = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(':')).Select(i => (Line: i, Character: lines[i].IndexOf(':') - 1)).ToArray();
            // Many rounds over the file's positions, for a p99 over enough samples.
            var repeated = Enumerable.Repeat(positions, 20).SelectMany(p => p).ToArray();
            var hover = await MeasureAsync(repeated, p => server.RequestAsync("textDocument/hover", PositionParams(uri, p.Line, p.Character)));
            var completion = await MeasureAsync(repeated, p => server.RequestAsync("textDocument/completion", PositionParams(uri, p.Line, p.Character + 1)));

            // Renaming the gateway subset changes what the whole workspace depends on: the finding moves, every open
            // document is checked again.
            var edits = new List<double>();
            for (var version = 3; version < 43; version++)
            {
                var watch = Stopwatch.StartNew();
                await server.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = IstioChain(0, version % 2 == 0 ? "cnn" : "cnn-v" + version) }),
                });
                await server.WaitForDiagnosticsAsync(version);
                edits.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"workspace: {IstioFiles} Istio files ({IstioFiles * 4} manifests) and a {policy.Split('\n').Length}-line policy; server: {string.Join(' ', serverCommand)}");
            Console.WriteLine($"background index (initialized → '{indexed}'): {indexTime:F0} ms");
            Console.WriteLine($"hover on an Istio file:      {Summary(hover)} over {hover.Count} requests");
            Console.WriteLine($"completion on an Istio file: {Summary(completion)} over {completion.Count} requests");
            Console.WriteLine($"edit a DestinationRule → diagnostics (15 ms debounce included): {Summary(edits)} over {edits.Count} edits");
            server.Process.Refresh();
            Console.WriteLine($"server peak working set: {server.Process.PeakWorkingSet64 / (1024.0 * 1024):F1} MB");
            await server.RequestAsync("shutdown", null);
            await server.NotifyAsync("exit", null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One file of Istio's egress gateway pattern for its own host and namespace: ServiceEntry, Gateway, DestinationRule, VirtualService.</summary>
    internal static string IstioChain(int i, string subset) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: external-{i}
          namespace: team-{i % 20}
        spec:
          hosts:
          - api-{i}.example.com
          ports:
          - number: 443
            name: tls
            protocol: TLS
          resolution: DNS
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: egress-{i}
          namespace: team-{i % 20}
        spec:
          selector:
            istio: egressgateway
          servers:
          - port:
              number: 443
              name: tls-{i}
              protocol: TLS
            hosts:
            - api-{i}.example.com
            tls:
              mode: PASSTHROUGH
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: egressgateway-{i}
          namespace: team-{i % 20}
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets:
          - name: {subset}-{i}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: api-{i}-through-egress-gateway
          namespace: team-{i % 20}
        spec:
          hosts:
          - api-{i}.example.com
          gateways:
          - mesh
          - egress-{i}
          tls:
          - match:
            - gateways:
              - mesh
              port: 443
              sniHosts:
              - api-{i}.example.com
            route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
                subset: cnn-{i}
                port:
                  number: 443
          - match:
            - gateways:
              - egress-{i}
              port: 443
              sniHosts:
              - api-{i}.example.com
            route:
            - destination:
                host: api-{i}.example.com
                port:
                  number: 443

        """;

    public static async Task RunAsync(string[] serverCommand)
    {
        var policy = LargePolicy.Generate(rules: 300);
        var lines = policy.Split('\n');
        var spawn = Stopwatch.StartNew();
        await using var server = Connection.Start(serverCommand);
        await server.RequestAsync("initialize", new JsonObject { ["capabilities"] = new JsonObject(), ["processId"] = Environment.ProcessId });
        var coldStart = spawn.Elapsed.TotalMilliseconds;
        await server.NotifyAsync("initialized", new JsonObject());
        const string uri = "file:///bench/policy.yaml";
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = policy },
        });
        await server.WaitForDiagnosticsAsync(1);

        var positions = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(':')).Select(i => (Line: i, Character: lines[i].IndexOf(':') - 1)).ToArray();
        var hover = await MeasureAsync(positions, p => server.RequestAsync("textDocument/hover", PositionParams(uri, p.Line, p.Character)));
        var completion = await MeasureAsync(positions, p => server.RequestAsync("textDocument/completion", PositionParams(uri, p.Line, p.Character + 1)));

        var edits = new List<double>();
        for (var version = 2; version < 42; version++)
        {
            var line = 12 + (version % 200) * 16;
            var watch = Stopwatch.StartNew();
            await server.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                ["contentChanges"] = new JsonArray(new JsonObject
                {
                    ["range"] = new JsonObject
                    {
                        ["start"] = new JsonObject { ["line"] = line, ["character"] = 0 },
                        ["end"] = new JsonObject { ["line"] = line, ["character"] = 0 },
                    },
                    ["text"] = version % 2 == 0 ? "  # edited\n" : "",
                }),
            });
            await server.WaitForDiagnosticsAsync(version);
            edits.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"policy: {lines.Length} lines, 300 rules; server: {string.Join(' ', serverCommand)}");
        Console.WriteLine($"cold start (spawn → initialize result): {coldStart:F1} ms");
        Console.WriteLine($"hover:      {Summary(hover)} over {hover.Count} positions");
        Console.WriteLine($"completion: {Summary(completion)} over {completion.Count} positions");
        Console.WriteLine($"edit → diagnostics (15 ms debounce included): {Summary(edits)} over {edits.Count} edits");
        server.Process.Refresh();
        Console.WriteLine($"server peak working set: {server.Process.PeakWorkingSet64 / (1024.0 * 1024):F1} MB");
        await server.RequestAsync("shutdown", null);
        await server.NotifyAsync("exit", null);
    }

    private static async Task<List<double>> MeasureAsync((int Line, int Character)[] positions, Func<(int Line, int Character), Task> request)
    {
        foreach (var warmup in positions.Take(50))
        {
            await request(warmup);
        }
        var times = new List<double>(positions.Length);
        foreach (var position in positions)
        {
            var watch = Stopwatch.StartNew();
            await request(position);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {sorted[^1]:F2} ms";
    }

    private static JsonObject PositionParams(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = Math.Max(0, character) },
    };

    /// <summary>LSP framing over the server's stdio; answers the server's requests with null.</summary>
    private sealed class Connection : IAsyncDisposable
    {
        private readonly Stream _input;
        private readonly Stream _output;
        private int _nextId;

        private Connection(Process process)
        {
            Process = process;
            _input = process.StandardInput.BaseStream;
            _output = process.StandardOutput.BaseStream;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public static Connection Start(string[] command)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in command.Skip(1).Append("lsp"))
            {
                start.ArgumentList.Add(argument);
            }
            return new Connection(Process.Start(start)!);
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

        public async Task WaitForDiagnosticsAsync(int version)
        {
            while (true)
            {
                var message = await ReadAsync();
                if (message["method"]?.GetValue<string>() == "textDocument/publishDiagnostics" && message["params"]!["version"]?.GetValue<int>() == version)
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

        public async ValueTask DisposeAsync()
        {
            if (!Process.WaitForExit(5000))
            {
                Process.Kill();
            }
            await Task.CompletedTask;
            Process.Dispose();
        }

        private Task AnswerIfRequestAsync(JsonNode message) =>
            message["id"] is { } id && message["method"] is not null
                ? WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = null })
                : Task.CompletedTask;

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
}
