using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using EgressLsp.Cli.Commands;
using EgressLsp.Cli.Formatting;
using EgressLsp.Core;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli;

/// <summary>
/// <c>egressctl</c>: argument parsing, file I/O, output formatting and exit codes around the core library.
/// <see cref="Run"/> takes its streams and environment so tests run it in-process.
/// </summary>
public static class CliApp
{
    public const string Name = "egressctl";

    /// <summary>Runs one command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null)
    {
        var context = new CliContext(stdin, stdout, stderr, environment ?? CliEnvironment.FromProcess());
        try
        {
            var root = CreateRootCommand(context);
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Action is not HelpAction && UsageErrors(parse, args) is { Count: > 0 } errors)
            {
                stderr.Write($"{Name}: {TerminalText.Line(string.Join("; ", errors))} (see '{HelpCommandLine(parse)}')\n");
                return ExitCodes.Usage;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliUsageException e)
        {
            stderr.Write($"{Name}: {TerminalText.Line(e.Message)}\n");
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            // Reading is reported per file (CliUsageException); this is writing: a closed pipe, a full disk.
            TryWrite(stderr, $"{Name}: {TerminalText.Line(e.Message)}\n");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            stderr.Write($"{Name}: {e.GetType().Name}: {TerminalText.Line(e.Message)} (internal error)\n");
            if (context.Environment.GetVariable("EGRESSCTL_DEBUG") == "1")
            {
                stderr.Write(e + "\n");
            }
            return ExitCodes.Internal;
        }
    }

    /// <summary>
    /// The command tree. The root is a plain command named <c>egressctl</c> (a RootCommand would take its name and
    /// version from the entry assembly, which is the test host when tests run the CLI in-process).
    /// </summary>
    public static Command CreateRootCommand(CliContext context)
    {
        var version = new Option<bool>("--version") { Description = "Show version information", Arity = ArgumentArity.Zero };
        var root = new Command(Name, "Egress policies (ASMEgressTrafficPolicy) and hand-written Istio and osm-edge egress: validate, expand, convert, and who can reach what")
        {
            new HelpOption(),
            version,
            ExpandCommand.Create(context),
            ConvertCommand.Create(context),
            ReachCommand.Create(context),
            TestCommand.Create(context),
            ValidateCommand.Create(context),
            SchemaCommand.Create(context),
            LspCommand.Create(context),
        };
        root.SetAction(parse =>
        {
            if (parse.GetValue(version))
            {
                context.Stdout.Write(VersionLine + "\n");
                return ExitCodes.Success;
            }
            context.Stderr.Write($"{Name}: a command is required (expand, validate, convert, reach, test, schema, lsp); see '{Name} --help'\n");
            return ExitCodes.Usage;
        });
        return root;
    }

    /// <summary><c>egressctl 0.1.0 (commit 1a2b3c4)</c>: what <c>--version</c> prints.</summary>
    public static string VersionLine => ProductVersion.ShortCommit is { } commit
        ? $"{Name} {ProductVersion.Number} (commit {commit})"
        : $"{Name} {ProductVersion.Number}";

    /// <summary>
    /// The parser's errors, plus unknown options: System.CommandLine hands <c>--foo</c> to a command's FILE
    /// argument when it has room for it, so a dash-led argument given before <c>--</c> is reported as an unknown
    /// option (<c>-</c> alone is standard input; <c>-- -odd-name.yaml</c> passes a file whose name starts with a dash).
    /// </summary>
    private static List<string> UsageErrors(ParseResult parse, string[] args)
    {
        var errors = parse.Errors.Select(e => TerminalText.OneLine(e.Message).TrimEnd('.')).ToList();
        var beforeDoubleDash = args.TakeWhile(a => a != "--").ToHashSet(StringComparer.Ordinal);
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && beforeDoubleDash.Contains(token.Value))
                {
                    errors.Add($"unknown option '{token.Value}'");
                }
            }
        }
        return errors.Distinct().ToList();
    }

    private static string HelpCommandLine(ParseResult parse) =>
        parse.CommandResult.Command.Name == Name ? $"{Name} --help" : $"{Name} {parse.CommandResult.Command.Name} --help";

    private static void TryWrite(TextWriter writer, string text)
    {
        try
        {
            writer.Write(text);
        }
        catch (IOException)
        {
        }
    }
}
