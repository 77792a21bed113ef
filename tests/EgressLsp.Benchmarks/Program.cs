using BenchmarkDotNet.Running;
using EgressLsp.Benchmarks;

// "latency [server command…]" and "latency-istio [server command…]" drive the real server process; anything else goes
// to BenchmarkDotNet.
if (args.Length > 0 && args[0] is "latency" or "latency-istio")
{
    var command = args.Length > 1
        ? args[1..]
        : ["dotnet", Path.Combine(AppContext.BaseDirectory, "egressctl.dll")];
    await (args[0] == "latency" ? ServerLatency.RunAsync(command) : ServerLatency.RunIstioWorkspaceAsync(command));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);
