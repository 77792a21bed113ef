using System.Text;

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

/// <summary>Reads files as UTF-8 (a byte-order mark picks UTF-16/32; invalid bytes become U+FFFD).</summary>
public static class FileReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string ReadStdin(TextReader stdin)
    {
        try
        {
            return stdin.ReadToEnd();
        }
        catch (IOException e)
        {
            throw new CliUsageException($"cannot read standard input: {e.Message}");
        }
    }

    /// <summary>The text of a file, or a <see cref="CliUsageException"/> saying plainly why it cannot be read.</summary>
    public static string ReadFile(string fullPath, string displayPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new CliUsageException($"cannot read '{displayPath}': it is a directory");
        }
        try
        {
            using var reader = new StreamReader(fullPath, Utf8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException($"cannot read '{displayPath}': no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{displayPath}': permission denied");
        }
        catch (IOException e)
        {
            throw new CliUsageException($"cannot read '{displayPath}': {e.Message}");
        }
    }

    /// <summary>The text of a workspace file, or null when it cannot be read (the workspace is best effort).</summary>
    public static string? TryReadFile(string fullPath)
    {
        try
        {
            using var reader = new StreamReader(fullPath, Utf8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
