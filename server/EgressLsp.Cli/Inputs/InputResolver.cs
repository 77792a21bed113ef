using EgressLsp.Core.Workspace;
namespace EgressLsp.Cli.Inputs;

/// <summary>Turns the FILE / DIR / <c>-</c> arguments of a command into the files to analyse, read into memory.</summary>
public static class InputResolver
{
    /// <summary>
    /// For <c>validate</c>: files as given, folders walked (<see cref="DirectoryWalker"/>), <c>-</c> for standard
    /// input; a file reached twice is analysed once. Unreadable paths are usage errors.
    /// </summary>
    public static IReadOnlyList<InputFile> FilesAndDirectories(IReadOnlyList<string> arguments, CliContext context)
    {
        var environment = context.Environment;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<InputFile>();
        foreach (var argument in arguments)
        {
            if (argument == InputFile.StdinArgument)
            {
                if (seen.Add(InputFile.StdinDisplayPath))
                {
                    result.Add(new InputFile(InputFile.StdinDisplayPath, null, FileReader.ReadStdin(context.Stdin)));
                }
                continue;
            }
            var fullPath = FullPath(argument, environment);
            if (Directory.Exists(fullPath))
            {
                var files = ManifestFiles.FindYamlFiles(fullPath);
                if (files.Count == 0)
                {
                    throw new CliUsageException($"no *.yaml or *.yml files in '{argument}'");
                }
                foreach (var relative in files)
                {
                    var fileFullPath = Path.GetFullPath(Path.Combine(fullPath, relative));
                    if (seen.Add(fileFullPath))
                    {
                        var display = JoinDisplay(argument, relative);
                        result.Add(new InputFile(display, fileFullPath, FileReader.ReadFile(fileFullPath, display)));
                    }
                }
            }
            else if (seen.Add(fullPath))
            {
                result.Add(new InputFile(argument, fullPath, FileReader.ReadFile(fullPath, argument)));
            }
        }
        return result;
    }

    /// <summary>For <c>expand</c>: files or <c>-</c>; a folder is a usage error (expand writes what one policy file means).</summary>
    public static IReadOnlyList<InputFile> Files(IReadOnlyList<string> arguments, CliContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<InputFile>();
        foreach (var argument in arguments)
        {
            if (argument == InputFile.StdinArgument)
            {
                if (!seen.Add(InputFile.StdinDisplayPath))
                {
                    throw new CliUsageException("standard input ('-') can be given only once");
                }
                result.Add(new InputFile(InputFile.StdinDisplayPath, null, FileReader.ReadStdin(context.Stdin)));
                continue;
            }
            var fullPath = FullPath(argument, context.Environment);
            if (Directory.Exists(fullPath))
            {
                throw new CliUsageException($"'{argument}' is a directory; expand takes policy files (or - for standard input)");
            }
            if (seen.Add(fullPath))
            {
                result.Add(new InputFile(argument, fullPath, FileReader.ReadFile(fullPath, argument)));
            }
        }
        return result;
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
        var trimmed = directoryArgument.TrimEnd('/', Path.DirectorySeparatorChar);
        if (trimmed is "." or "")
        {
            return directoryArgument.Length > 0 && trimmed.Length == 0 ? "/" + relative : relative;
        }
        return trimmed + "/" + relative;
    }
}
