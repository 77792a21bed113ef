using System.Diagnostics;

namespace EgressLsp.Tests.Cli;

/// <summary>End to end: the built egressctl, started as a process with <c>dotnet egressctl.dll</c>.</summary>
public class CliProcessTests
{
    private static CliResult RunProcess(string workingDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(EgressctlProcess.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(EgressctlProcess.Dll);
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
    public async Task The_README_run_command_expands_the_example_from_a_checkout()
    {
        // The line under "# Run:" in the README's two commands, run as written from the repository root.
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var command = readme[Array.FindIndex(readme, l => l.StartsWith("# Run:", StringComparison.Ordinal)) + 1];
        Assert.StartsWith("./egressctl ", command);
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("kind: ServiceEntry", await stdout);
        Assert.Contains("kind: DestinationRule", await stdout);
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
