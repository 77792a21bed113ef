using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace EgressLsp.Tests.Cli;

/// <summary>
/// The <c>dotnet tool</c> package as a user gets it: <c>dotnet pack</c> builds it, <c>dotnet tool install</c> installs it
/// from a local folder into a fresh tool path with an empty NuGet cache and no other source (offline), and the installed
/// <c>egressctl</c> answers <c>--version</c>, expands an example and serves LSP.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public async Task The_tool_package_installs_offline_and_runs_version_expand_and_lsp()
    {
        using var temp = new TempFolder();
        var feed = Path.Combine(temp.Path, "feed");
        Run(EgressctlProcess.DotnetHost, RepoPaths.Root, null, "pack", Path.Combine("server", "EgressLsp.Cli"), "-c", "Release", "-o", feed, "--nologo");
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal("egressctl.0.1.0.nupkg", Path.GetFileName(package));

        temp.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(temp.Path, "tools");
        // An empty package cache and the local folder as the only source: nothing can come from elsewhere.
        Run(EgressctlProcess.DotnetHost, temp.Path, Path.Combine(temp.Path, "empty-cache"), "tool", "install", "egressctl", "--tool-path", tools,
            "--configfile", Path.Combine(temp.Path, "nuget.config"), "--version", "0.1.0");
        var egressctl = Path.Combine(tools, OperatingSystem.IsWindows() ? "egressctl.exe" : "egressctl");

        Assert.StartsWith("egressctl 0.1.0 (commit ", Run(egressctl, temp.Path, null, "--version"));
        var expanded = Run(egressctl, RepoPaths.Root, null, "expand", Path.Combine("examples", "http.yaml"));
        Assert.Contains("kind: ServiceEntry", expanded);

        var start = new ProcessStartInfo(egressctl, "lsp") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var server = Process.Start(start)!;
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}""");
        await server.StandardInput.BaseStream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray());
        await server.StandardInput.BaseStream.FlushAsync();
        var header = new StringBuilder();
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = server.StandardOutput.BaseStream.ReadByte();
            Assert.NotEqual(-1, read);
            header.Append((char)read);
        }
        var length = int.Parse(header.ToString().Split("\r\n")[0]["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var answer = new byte[length];
        await server.StandardOutput.BaseStream.ReadExactlyAsync(answer);
        var result = JsonNode.Parse(answer)!["result"]!;
        Assert.Equal("0.1.0", result["serverInfo"]!["version"]!.GetValue<string>());
        server.Kill();
    }

    /// <summary>Runs a command (with <paramref name="packageCache"/> as NuGet's cache when given); returns its output, or fails with it.</summary>
    private static string Run(string command, string workingDirectory, string? packageCache, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (packageCache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packageCache;
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{command} {string.Join(' ', arguments)} did not finish");
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
