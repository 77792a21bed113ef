using BenchmarkDotNet.Running;
using EgressLsp.Benchmarks;

// "latency [server command…]" and "latency-istio [server command…]" drive the real server process, "side-by-side
// [server command…]" drives it and yaml-language-server in one run, "cli-scale [egressctl command…]" times the CLI on
// large policies; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "side-by-side")
{
    await SideBySide.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "cli-scale")
{
    await CliScale.RunAsync(args[1..]);
    return;
}
if (args.Length > 0 && args[0] is "latency" or "latency-istio")
{
    var command = args.Length > 1
        ? args[1..]
        : ["dotnet", Path.Combine(AppContext.BaseDirectory, "egressctl.dll")];
    await (args[0] == "latency" ? ServerLatency.RunAsync(command) : ServerLatency.RunIstioWorkspaceAsync(command));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);
