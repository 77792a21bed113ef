using EgressLsp.Cli;

namespace EgressLsp.Tests.Cli;

/// <summary>What one in-process run of egressctl produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs <see cref="CliApp.Run"/> in-process with string streams, a chosen working directory and a fixed set of
/// environment variables (none by default, so the developer's LANG does not change the results).
/// </summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, stdin: "", variables: null, args);

    public static CliResult RunWith(string workingDirectory, string stdin, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, new StringReader(stdin), stdout, stderr, CliEnvironment.For(workingDirectory, variables));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The shared examples folder, as the working directory for runs on the examples.</summary>
    public static string Examples => Path.Combine(RepoPaths.Shared, "examples");
}

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "egressctl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
