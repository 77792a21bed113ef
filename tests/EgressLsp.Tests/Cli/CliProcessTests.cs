using System.Diagnostics;

namespace EgressLsp.Tests.Cli;

/// <summary>End to end: the built egressctl, started as a process with <c>dotnet egressctl.dll</c>.</summary>
public class CliProcessTests
{
    /// <summary>egressctl.dll beside the test assembly (the project reference copies it), else the CLI's own bin folder.</summary>
    private static string FindEgressctl()
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

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static CliResult RunProcess(string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindEgressctl());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("egressctl did not finish within 120 s");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_real_process_expands_an_example_and_reports_exit_codes()
    {
        var expand = RunProcess(CliRunner.Examples, null, "expand", "https-upgrade.yaml");
        Assert.True(expand.ExitCode == 0, expand.ToString());
        Assert.StartsWith("apiVersion: ", expand.Stdout);
        Assert.Contains("kind: ServiceEntry\n", expand.Stdout);
        Assert.Contains("kind: AuthorizationPolicy\n", expand.Stdout);
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", "https-upgrade.yaml").Stdout, expand.Stdout);

        var bad = File.ReadAllText(Path.Combine(CliRunner.Examples, "http.yaml")).Replace("protocol: HTTP\n", "protocol: HTTPX\n");
        var validate = RunProcess(CliRunner.Examples, bad, "validate", "-");
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("<stdin>:", validate.Stdout);
        Assert.Contains("error EGP005", validate.Stdout);

        var usage = RunProcess(CliRunner.Examples, null, "validate", "--bogus", "http.yaml");
        Assert.Equal(2, usage.ExitCode);
        Assert.StartsWith("egressctl: ", usage.Stderr);
        Assert.DoesNotContain("   at ", usage.Stderr);
    }
}
