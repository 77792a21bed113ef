using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EgressLsp.Benchmarks;

/// <summary>A language server as the harness starts it: its command line, and the settings it is given (pushed and pulled).</summary>
internal sealed record ServerUnderTest(string[] Command, JsonObject? Settings = null);

/// <summary>What one server did on one policy (milliseconds; memory in MB).</summary>
internal sealed record LatencyFigures(double ColdStart, double OpenToDiagnostics, List<double> Hover, List<double> Completion, List<double> Edits,
    double PeakMegabytes);

/// <summary>
/// Our server and yaml-language-server 2.x (what users would otherwise run: the Red Hat YAML extension given our
/// policy's JSON Schema) measured in the same run on the same policies, ~5,000 and ~50,000 lines, with the ratio of
/// each metric. Run: <c>dotnet run -c Release --project tests/EgressLsp.Benchmarks -- side-by-side [server command…]</c>;
/// the default server is the NativeAOT binary <c>npm run package</c> (or the README's publish command) leaves, else
/// the Release <c>egressctl.dll</c> under <c>dotnet</c>. yaml-language-server comes from the root <c>npm ci</c>.
/// </summary>
public static class SideBySide
{
    /// <summary>Hover and completion are sampled on this many keys per file: yaml-language-server takes seconds per request on the large file.</summary>
    private const int Samples = 400;

    public static async Task RunAsync(string[] serverCommand)
    {
        var root = RepositoryRoot();
        var ours = new ServerUnderTest([.. serverCommand.Length > 0 ? serverCommand : OurServer(root), "lsp"]);
        var yamlLs = YamlLanguageServer(root);
        Console.WriteLine($"ours: {string.Join(' ', ours.Command)}");
        Console.WriteLine($"yaml-language-server: {string.Join(' ', yamlLs.Command)}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        // Cold start is the median of five starts (the first start of a binary also pays for reading it from disk).
        var (ourStart, ourIdleMemory) = await IdleAsync(ours.Command);
        var (theirStart, _) = await IdleAsync(yamlLs.Command);
        foreach (var rules in new[] { 300, 3_000 })
        {
            var policy = LargePolicy.Generate(rules);
            var mine = await ServerLatency.MeasureAsync(ours, policy, Samples);
            var theirs = await ServerLatency.MeasureAsync(yamlLs, policy, Samples);
            Console.WriteLine();
            Console.WriteLine($"policy: {policy.Split('\n').Length:N0} lines ({rules:N0} rules); hover and completion on {mine.Hover.Count} keys, {mine.Edits.Count} edits");
            Console.WriteLine();
            Console.WriteLine("| metric | ours | yaml-language-server | ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("cold start (spawn → initialize result, median of 5)", ourStart, theirStart, "ms");
            Row("open → first diagnostics", mine.OpenToDiagnostics, theirs.OpenToDiagnostics, "ms");
            Row("edit → diagnostics p50", ServerLatency.Percentile(mine.Edits, 0.50), ServerLatency.Percentile(theirs.Edits, 0.50), "ms");
            Row("edit → diagnostics max", mine.Edits.Max(), theirs.Edits.Max(), "ms");
            Row("completion p99", ServerLatency.Percentile(mine.Completion, 0.99), ServerLatency.Percentile(theirs.Completion, 0.99), "ms");
            Row("hover p99", ServerLatency.Percentile(mine.Hover, 0.99), ServerLatency.Percentile(theirs.Hover, 0.99), "ms");
            Row("peak resident memory", mine.PeakMegabytes, theirs.PeakMegabytes, "MB");
        }
        var floor = Path.Combine(root, "out", "floor", "LspFloor");
        if (File.Exists(floor))
        {
            var (floorStart, floorMemory) = await IdleAsync([floor]);
            Console.WriteLine();
            Console.WriteLine($"floor (tests/LspFloor: NativeAOT StreamJsonRpc answering initialize, median of 5): cold start {floorStart:N1} ms, " +
                $"resident memory {floorMemory:N1} MB; ours answering initialize alone: {ourStart:N1} ms, {ourIdleMemory:N1} MB");
        }
    }

    /// <summary>Spawn → initialize result and the memory held then, the median of five starts: what a server costs before any document.</summary>
    private static async Task<(double ColdStart, double Megabytes)> IdleAsync(IReadOnlyList<string> command)
    {
        var runs = new List<(double, double)>();
        for (var run = 0; run < 5; run++)
        {
            var spawn = Stopwatch.StartNew();
            await using var server = LspConnection.Start(command);
            await server.RequestAsync("initialize", new JsonObject { ["capabilities"] = new JsonObject(), ["processId"] = Environment.ProcessId });
            runs.Add((spawn.Elapsed.TotalMilliseconds, server.PeakMegabytes));
            await server.ShutdownAsync();
        }
        return runs.Order().ElementAt(2);
    }

    private static void Row(string metric, double ours, double theirs, string unit) =>
        Console.WriteLine($"| {metric} | {ours:N1} {unit} | {theirs:N1} {unit} | {theirs / Math.Max(ours, 0.001):N1}× |");

    /// <summary>The native binary when one was published, else the Release build under the .NET runtime.</summary>
    internal static string[] OurServer(string root)
    {
        foreach (var native in new[] { Path.Combine(root, "out", "native", "egressctl"), Path.Combine(root, "client-vscode", "server", "linux-x64", "egressctl") })
        {
            if (File.Exists(native))
            {
                return [native];
            }
        }
        return ["dotnet", Path.Combine(AppContext.BaseDirectory, "egressctl.dll")];
    }

    /// <summary>
    /// yaml-language-server over stdio, told to validate, complete and hover documents named <c>*.egress.yaml</c> with
    /// the policy's schema and never to fetch a catalog (schema store, Kubernetes CRD store).
    /// </summary>
    private static ServerUnderTest YamlLanguageServer(string root)
    {
        var script = Path.Combine(root, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run 'npm ci' at the repository root first");
        }
        var schema = new Uri(Path.Combine(root, "schemas", "asm-egress-traffic-policy.schema.json")).AbsoluteUri;
        var settings = new JsonObject
        {
            ["yaml"] = new JsonObject
            {
                ["schemas"] = new JsonObject { [schema] = "*.egress.yaml" },
                ["schemaStore"] = new JsonObject { ["enable"] = false },
                ["kubernetesCRDStore"] = new JsonObject { ["enable"] = false },
                ["validate"] = true,
                ["hover"] = true,
                ["completion"] = true,
            },
        };
        return new ServerUnderTest(["node", script, "--stdio"], settings);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EgressLsp.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("run the harness from the repository (EgressLsp.sln not found above it)");
    }
}
