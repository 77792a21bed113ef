namespace EgressLsp.Cli;

/// <summary>
/// What the CLI reads from its process besides arguments and streams: the working directory (relative paths in
/// arguments and in output are relative to it) and environment variables (the locale). Tests pass their own.
/// </summary>
public sealed class CliEnvironment
{
    public CliEnvironment(string currentDirectory, Func<string, string?> getVariable)
    {
        CurrentDirectory = Path.GetFullPath(currentDirectory);
        GetVariable = getVariable;
    }

    public string CurrentDirectory { get; }

    public Func<string, string?> GetVariable { get; }

    public static CliEnvironment FromProcess() => new(Environment.CurrentDirectory, Environment.GetEnvironmentVariable);

    /// <summary>A working directory and a fixed set of variables (none by default): for tests.</summary>
    public static CliEnvironment For(string currentDirectory, IReadOnlyDictionary<string, string>? variables = null) =>
        new(currentDirectory, name => variables is not null && variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>An argument path made absolute against <see cref="CurrentDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);
}

/// <summary>
/// A mistake of the user's or a file that cannot be read: reported as one line, <c>egressctl: {Message}</c>,
/// with exit code 2. Never a stack trace.
/// </summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The streams and environment of one run, handed to every command.</summary>
public sealed record CliContext(TextReader Stdin, TextWriter Stdout, TextWriter Stderr, CliEnvironment Environment);

/// <summary>The exit codes, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done; no error-level diagnostic (warnings and infos allowed).</summary>
    public const int Success = 0;

    /// <summary>The input has error-level diagnostics (or nothing to expand).</summary>
    public const int Errors = 1;

    /// <summary>Bad arguments, or a file or directory that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>A bug in egressctl (an unexpected exception).</summary>
    public const int Internal = 3;
}
