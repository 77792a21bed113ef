using EgressLsp.Core.Workspace;

namespace EgressLsp.Cli.Inputs;

/// <summary>A folder argument of <c>validate</c> and the files read from it.</summary>
public sealed record FolderInput(string Argument, IReadOnlyList<InputFile> Files);

/// <summary>
/// What <c>validate</c> reads from its arguments: the files, the inputs it could not read (each reported, none
/// stopping the others), what the folder walks skipped on purpose and the folder arguments.
/// </summary>
public sealed class InputSet
{
    public List<InputFile> Files { get; } = [];

    public List<UnreadableInput> Unreadable { get; } = [];

    /// <summary>Hidden files and folders, node_modules and links to folders the walks left out (listed with --verbose).</summary>
    public List<(string DisplayPath, string Reason)> Skipped { get; } = [];

    public List<FolderInput> Folders { get; } = [];
}

/// <summary>Turns the FILE / DIR / <c>-</c> arguments of a command into the files to analyse, read into memory.</summary>
public static class InputResolver
{
    /// <summary>
    /// For <c>validate</c>: files as given, folders walked (<see cref="ManifestFiles"/>), <c>-</c> for standard
    /// input; a file reached twice is analysed once. An input that cannot be read is recorded and the rest are read.
    /// </summary>
    public static InputSet FilesAndDirectories(IReadOnlyList<string> arguments, CliContext context, long maxBytes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new InputSet();
        foreach (var argument in arguments)
        {
            var fullPath = argument == InputFile.StdinArgument ? null : FullPath(argument, context.Environment);
            if (fullPath is null || !Directory.Exists(fullPath))
            {
                if (seen.Add(fullPath ?? InputFile.StdinDisplayPath))
                {
                    Read(argument, fullPath, context, maxBytes, inputs);
                }
                continue;
            }
            var scan = ManifestFiles.Scan(fullPath);
            inputs.Skipped.AddRange(scan.Skipped.Select(s => (JoinDisplay(argument, s.RelativePath), s.Reason)));
            inputs.Unreadable.AddRange(scan.Unlisted.Select(u => UnreadableInput.CannotRead(JoinDisplay(argument, u.RelativePath), u.Reason)));
            if (scan.Files.Count == 0 && scan.Unlisted.Count == 0)
            {
                inputs.Unreadable.Add(new UnreadableInput($"no *.yaml or *.yml files in '{argument}'"));
            }
            var before = inputs.Files.Count;
            foreach (var relative in scan.Files)
            {
                var fileFullPath = Path.GetFullPath(Path.Combine(fullPath, relative));
                if (seen.Add(fileFullPath))
                {
                    Read(JoinDisplay(argument, relative), fileFullPath, context, maxBytes, inputs);
                }
            }
            inputs.Folders.Add(new FolderInput(argument, inputs.Files[before..]));
        }
        return inputs;
    }

    /// <summary>
    /// For <c>expand</c>: files or <c>-</c>; a folder is a usage error (expand writes what one policy file means),
    /// and so is any input that cannot be read: a partial expansion must not reach <c>kubectl apply</c>.
    /// </summary>
    public static IReadOnlyList<InputFile> Files(IReadOnlyList<string> arguments, CliContext context, long maxBytes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new InputSet();
        foreach (var argument in arguments)
        {
            var fullPath = argument == InputFile.StdinArgument ? null : FullPath(argument, context.Environment);
            if (fullPath is not null && Directory.Exists(fullPath))
            {
                throw new CliUsageException($"'{argument}' is a directory; expand takes policy files (or - for standard input)");
            }
            if (!seen.Add(fullPath ?? InputFile.StdinDisplayPath))
            {
                if (fullPath is null)
                {
                    throw new CliUsageException("standard input ('-') can be given only once");
                }
                continue;
            }
            Read(argument, fullPath, context, maxBytes, inputs);
            if (inputs.Unreadable.Count > 0)
            {
                throw new CliUsageException(inputs.Unreadable[0].Message);
            }
        }
        return inputs.Files;
    }

    /// <param name="fullPath">Null for standard input.</param>
    private static void Read(string displayPath, string? fullPath, CliContext context, long maxBytes, InputSet inputs)
    {
        var unreadable = fullPath is null
            ? FileReader.TryReadStdin(context.Stdin, maxBytes, out var text)
            : FileReader.TryReadFile(fullPath, displayPath, maxBytes, out text);
        if (unreadable is not null)
        {
            inputs.Unreadable.Add(unreadable);
        }
        else
        {
            inputs.Files.Add(new InputFile(fullPath is null ? InputFile.StdinDisplayPath : displayPath, fullPath, text!));
        }
    }

    public static string FullPath(string argument, CliEnvironment environment)
    {
        try
        {
            return environment.FullPath(argument);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliUsageException($"'{argument}' is not a valid path");
        }
    }

    /// <summary><c>examples</c> + <c>a/b.yaml</c> → <c>examples/a/b.yaml</c>; <c>.</c> + <c>b.yaml</c> → <c>b.yaml</c>.</summary>
    public static string JoinDisplay(string directoryArgument, string relative)
    {
        if (relative.Length == 0)
        {
            return directoryArgument;
        }
        var trimmed = directoryArgument.TrimEnd('/', Path.DirectorySeparatorChar);
        if (trimmed is "." or "")
        {
            return directoryArgument.Length > 0 && trimmed.Length == 0 ? "/" + relative : relative;
        }
        return trimmed + "/" + relative;
    }
}
