using EgressLsp.Cli.Commands;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Cli.Inputs;

/// <summary>
/// One file to analyse: the path as the user gave it (shown in output), the absolute path (null for standard
/// input) and its text.
/// </summary>
public sealed record InputFile(string DisplayPath, string? FullPath, string Text)
{
    public const string StdinArgument = "-";
    public const string StdinDisplayPath = "<stdin>";

    public bool IsStdin => FullPath is null;
}

/// <summary>An input that could not be checked, in one line (<c>cannot read 'x': it is a named pipe (FIFO)…</c>).</summary>
public sealed record UnreadableInput(string Message)
{
    public static UnreadableInput CannotRead(string displayPath, string reason) => new(displayPath == InputFile.StdinDisplayPath
        ? $"cannot read standard input: {reason}"
        : $"cannot read '{displayPath}': {reason}");
}

/// <summary>
/// Reads inputs through the core's <see cref="InputReader"/> (regular files only, at most the input limit, text
/// only) and words its problems for the command line.
/// </summary>
public static class FileReader
{
    public static UnreadableInput? TryReadStdin(TextReader stdin, long maxBytes, out string? text)
    {
        InputRead read;
        try
        {
            read = InputReader.ReadText(stdin, maxBytes);
        }
        catch (IOException e)
        {
            read = InputRead.Failed(InputProblemKind.ReadError, e.Message);
        }
        text = read.Text;
        return read.Problem is { } problem ? UnreadableInput.CannotRead(InputFile.StdinDisplayPath, Reason(problem)) : null;
    }

    public static UnreadableInput? TryReadFile(string fullPath, string displayPath, long maxBytes, out string? text)
    {
        var read = InputReader.ReadFile(fullPath, maxBytes);
        text = read.Text;
        return read.Problem is { } problem ? UnreadableInput.CannotRead(displayPath, Reason(problem)) : null;
    }

    /// <summary>The text of a file, or a <see cref="CliUsageException"/> saying plainly why it cannot be read.</summary>
    public static string ReadFile(string fullPath, string displayPath, long maxBytes = InputReader.DefaultMaxBytes) =>
        TryReadFile(fullPath, displayPath, maxBytes, out var text) is { } unreadable ? throw new CliUsageException(unreadable.Message) : text!;

    private static string Reason(InputProblem problem) => problem.Kind == InputProblemKind.TooLarge
        ? $"{problem.Message} (see {CommonOptions.MaxInputSizeName})"
        : problem.Message;
}
