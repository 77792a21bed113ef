using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Benchmarks;

/// <summary>
/// Latency of the real server process as an editor sees it, on a ~5,000-line policy: cold start (spawn →
/// initialize result), hover and completion round trips (p50/p99 over many positions), and edit → diagnostics
/// (didChange sent → publishDiagnostics received). Run:
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

            await using var server = LspConnection.Start([.. serverCommand, "lsp"]);
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
            await server.WaitForDiagnosticsAsync(policyUri, 1);
            var uri = rootUri + "istio/chain-000.yaml";
            var text = IstioChain(0, "cnn");
            await server.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 2, ["text"] = text },
            });
            await server.WaitForDiagnosticsAsync(uri, 2);

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
                await server.WaitForDiagnosticsAsync(uri, version);
                edits.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"workspace: {IstioFiles} Istio files ({IstioFiles * 4} manifests) and a {policy.Split('\n').Length}-line policy; server: {string.Join(' ', serverCommand)}");
            Console.WriteLine($"background index (initialized → '{indexed}'): {indexTime:F0} ms");
            Console.WriteLine($"hover on an Istio file:      {Summary(hover)} over {hover.Count} requests");
            Console.WriteLine($"completion on an Istio file: {Summary(completion)} over {completion.Count} requests");
            Console.WriteLine($"edit a DestinationRule → diagnostics: {Summary(edits)} over {edits.Count} edits");
            Console.WriteLine($"server peak working set: {server.PeakMegabytes:F1} MB");
            await server.ShutdownAsync();
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
        var figures = await MeasureAsync(new ServerUnderTest([.. serverCommand, "lsp"]), policy, samples: int.MaxValue);
        Console.WriteLine($"policy: {policy.Split('\n').Length} lines, 300 rules; server: {string.Join(' ', serverCommand)}");
        Console.WriteLine($"cold start (spawn → initialize result): {figures.ColdStart:F1} ms");
        Console.WriteLine($"open → first diagnostics: {figures.OpenToDiagnostics:F1} ms");
        Console.WriteLine($"hover:      {Summary(figures.Hover)} over {figures.Hover.Count} positions");
        Console.WriteLine($"completion: {Summary(figures.Completion)} over {figures.Completion.Count} positions");
        Console.WriteLine($"edit → diagnostics: {Summary(figures.Edits)} over {figures.Edits.Count} edits");
        Console.WriteLine($"server peak working set: {figures.PeakMegabytes:F1} MB");
    }

    /// <summary>
    /// One server on one policy, as an editor uses it: spawn → initialize result, open → first diagnostics, hover and
    /// completion on up to <paramref name="samples"/> keys spread over the file (after a warm-up), 40 edits (a comment
    /// line added and removed) → their diagnostics, and the process's peak memory.
    /// </summary>
    internal static async Task<LatencyFigures> MeasureAsync(ServerUnderTest subject, string policy, int samples)
    {
        var lines = policy.Split('\n');
        var spawn = Stopwatch.StartNew();
        await using var server = LspConnection.Start(subject.Command, subject.Settings);
        await server.RequestAsync("initialize", new JsonObject { ["capabilities"] = new JsonObject(), ["processId"] = Environment.ProcessId });
        var coldStart = spawn.Elapsed.TotalMilliseconds;
        await server.NotifyAsync("initialized", new JsonObject());
        if (subject.Settings is { } settings)
        {
            await server.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = settings.DeepClone() });
        }
        const string uri = "file:///bench/policy.egress.yaml";
        var opening = Stopwatch.StartNew();
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = policy },
        });
        await server.WaitForDiagnosticsAsync(uri, 1);
        var openToDiagnostics = opening.Elapsed.TotalMilliseconds;

        var keys = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(':')).Select(i => (Line: i, Character: lines[i].IndexOf(':') - 1)).ToArray();
        var step = Math.Max(1, keys.Length / Math.Min(samples, keys.Length));
        var positions = keys.Where((_, i) => i % step == 0).ToArray();
        var hover = await MeasureAsync(positions, p => server.RequestAsync("textDocument/hover", PositionParams(uri, p.Line, p.Character)));
        var completion = await MeasureAsync(positions, p => server.RequestAsync("textDocument/completion", PositionParams(uri, p.Line, p.Character + 1)));

        var edits = new List<double>();
        for (var version = 2; version < 42; version++)
        {
            // Each pair of versions adds a comment line inside a rule, then removes it.
            var line = 12 + version / 2 * 16 % Math.Max(1, lines.Length - 12);
            var adding = version % 2 == 0;
            var watch = Stopwatch.StartNew();
            await server.NotifyAsync("textDocument/didChange", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
                ["contentChanges"] = new JsonArray(new JsonObject
                {
                    ["range"] = new JsonObject
                    {
                        ["start"] = new JsonObject { ["line"] = line, ["character"] = 0 },
                        ["end"] = new JsonObject { ["line"] = adding ? line : line + 1, ["character"] = 0 },
                    },
                    ["text"] = adding ? "  # edited\n" : "",
                }),
            });
            await server.WaitForDiagnosticsAsync(uri, version);
            edits.Add(watch.Elapsed.TotalMilliseconds);
        }
        var peak = server.PeakMegabytes;
        await server.ShutdownAsync();
        return new LatencyFigures(coldStart, openToDiagnostics, hover, completion, edits, peak);
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

    internal static string Summary(List<double> times) =>
        $"p50 {Percentile(times, 0.50):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times.Max():F2} ms";

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of <paramref name="times"/>.</summary>
    internal static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static JsonObject PositionParams(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = Math.Max(0, character) },
    };
}
