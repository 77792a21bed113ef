using EgressLsp.LanguageServer.Handlers;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The language server on a pair of streams (stdin/stdout for editors): LSP framing, JSON-RPC with
/// cancellation (<c>$/cancelRequest</c>) and MethodNotFound for unknown requests from StreamJsonRpc,
/// System.Text.Json with source-generated types, and one handler per method.
/// </summary>
public static class LanguageServerHost
{
    /// <returns>The process exit code: 0 after shutdown + exit, 1 for exit without shutdown or a lost connection.</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log)
    {
        var logs = new LspLoggerProvider(log);
        using var loggerFactory = new LoggerFactory([logs]);
        using var rpc = LspConnection.Create(input, output);
        logs.Connection = rpc;
        var exitCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = new ServerState(rpc, loggerFactory);
        HandlerRegistry.RegisterAll(rpc, state, logs, exitCode);
        rpc.StartListening();
        var finished = await Task.WhenAny(exitCode.Task, rpc.Completion).ConfigureAwait(false);
        if (finished == exitCode.Task)
        {
            return await exitCode.Task.ConfigureAwait(false);
        }
        state.Logger.LogInformation("The client closed the connection");
        return state.ShutdownRequested ? 0 : 1;
    }
}
