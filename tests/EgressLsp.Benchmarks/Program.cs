using BenchmarkDotNet.Running;
using EgressLsp.Benchmarks;

// "latency [server command…]" drives the real server process; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "latency")
{
    var command = args.Length > 1
        ? args[1..]
        : ["dotnet", Path.Combine(AppContext.BaseDirectory, "egressctl.dll")];
    await ServerLatency.RunAsync(command);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);
