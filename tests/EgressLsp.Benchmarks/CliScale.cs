using System.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Benchmarks;

/// <summary>
/// <c>egressctl expand</c> and <c>egressctl validate</c> of policies with 1,000 and 10,000 rules × 5 HTTP
/// destinations: wall time and peak resident memory of the process, beside the floor under any check of the file:
/// reading it into the YAML tree with ranges (<see cref="YamlFile.Parse(SourceText)"/>, in this process, best of
/// three), and, for reference, YamlDotNet's own scan and parse of it. Run:
/// <c>dotnet run -c Release --project tests/EgressLsp.Benchmarks -- cli-scale [egressctl command…]</c>.
/// </summary>
public static class CliScale
{
    private const int Destinations = 5;
    private const int Runs = 3;

    public static async Task RunAsync(string[] command)
    {
        var egressctl = command.Length > 0 ? command : SideBySide.OurServer(SideBySide.RepositoryRoot());
        Console.WriteLine($"egressctl: {string.Join(' ', egressctl)}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; median of {Runs} runs");
        Console.WriteLine();
        Console.WriteLine("| rules × destinations | policy | expand | expand peak memory | output | validate | validate peak memory | YAML tree (floor) | YamlDotNet parse |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var folder = Directory.CreateTempSubdirectory("egresslsp-cli-scale-");
        try
        {
            foreach (var rules in new[] { 1_000, 10_000 })
            {
                var text = LargePolicy.HttpFanOut(rules, Destinations);
                var path = Path.Combine(folder.FullName, $"policy-{rules}.yaml");
                await File.WriteAllTextAsync(path, text);
                var expand = await MedianAsync(egressctl, ["expand", path]);
                var validate = await MedianAsync(egressctl, ["validate", path]);
                var tree = BestSeconds(() => YamlFile.Parse(SourceText.From(text)));
                var yamlDotNet = BestSeconds(() =>
                {
                    var parser = new YamlDotNet.Core.Parser(new YamlDotNet.Core.Scanner(new StringReader(text), skipComments: true));
                    while (parser.MoveNext())
                    {
                    }
                });
                Console.WriteLine($"| {rules:N0} × {Destinations} | {SourceText.From(text).LineCount:N0} lines, {text.Length / 1e6:N1} MB | {expand.Seconds:N2} s | {expand.PeakMegabytes:N0} MB | " +
                    $"{expand.OutputBytes / 1e6:N0} MB | {validate.Seconds:N2} s | {validate.PeakMegabytes:N0} MB | {tree:N2} s | {yamlDotNet:N2} s |");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Run> MedianAsync(string[] egressctl, string[] arguments)
    {
        var runs = new List<Run>();
        for (var i = 0; i < Runs; i++)
        {
            runs.Add(await RunOnceAsync([.. egressctl, .. arguments]));
        }
        return runs.OrderBy(r => r.Seconds).ElementAt(Runs / 2);
    }

    /// <summary>
    /// One run with its output read and counted, not kept. Peak memory is the process's VmHWM, read every
    /// millisecond while it runs (the high-water mark only grows, so the last reading misses at most the final
    /// millisecond).
    /// </summary>
    private static async Task<Run> RunOnceAsync(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = CountAsync(process.StandardOutput.BaseStream);
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }
            await Task.Delay(1);
        }
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await errors}");
        }
        return new Run(seconds, peak / (1024.0 * 1024), bytes);
    }

    private static async Task<long> CountAsync(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }

    private static double BestSeconds(Action read)
    {
        var best = double.MaxValue;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            read();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private sealed record Run(double Seconds, double PeakMegabytes, long OutputBytes);
}
