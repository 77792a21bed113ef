namespace EgressLsp.Tests;

/// <summary>How end-to-end tests start the built egressctl: <c>dotnet egressctl.dll</c>.</summary>
public static class EgressctlProcess
{
    /// <summary>egressctl.dll beside the test assembly (the project reference copies it), else the CLI's own bin folder.</summary>
    public static string Dll => FindDll();

    private static string FindDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "egressctl.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "egressctl.runtimeconfig.json")))
        {
            return beside;
        }
        var bin = Path.Combine(RepoPaths.Root, "server", "EgressLsp.Cli", "bin");
        var built = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "egressctl.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return built ?? throw new InvalidOperationException($"egressctl.dll is neither beside the tests nor under {bin}; build server/EgressLsp.Cli");
    }

    public static string DotnetHost => FindDotnetHost();

    private static string FindDotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
