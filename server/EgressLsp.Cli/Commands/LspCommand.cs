using System.CommandLine;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.Cli.Commands;

/// <summary>
/// <c>egressctl lsp</c>: the language server on standard input and output (LSP framing); logs go to stderr.
/// <c>--stdio</c> is accepted because editors pass it by habit.
/// </summary>
internal static class LspCommand
{
    public static Command Create(CliContext context)
    {
        var stdio = new Option<bool>("--stdio") { Description = "Communicate over standard input and output (the default and only transport)", Arity = ArgumentArity.Zero };
        var command = new Command("lsp", "Run the language server on stdin/stdout (LSP 3.17)") { stdio };
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CliContext context) =>
        // The protocol needs the raw byte streams, not the CLI's text writers.
        LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), context.Stderr).GetAwaiter().GetResult();
}
