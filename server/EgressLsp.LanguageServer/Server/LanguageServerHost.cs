using EgressLsp.LanguageServer.Handlers;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The language server on a pair of streams (stdin/stdout for editors): every message checked first
/// (<see cref="Rpc.GuardedMessageHandler"/>: malformed input answered per JSON-RPC and LSP, never fatal), JSON-RPC with
/// cancellation (<c>$/cancelRequest</c>) and MethodNotFound for unknown requests from StreamJsonRpc,
/// System.Text.Json with source-generated types, and one handler per method, each request under a time budget.
/// </summary>
public static class LanguageServerHost
{
    /// <returns>The process exit code: 0 after shutdown + exit, 1 for exit without shutdown or a lost connection.</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log)
    {
        var logs = new LspLoggerProvider(log);
        using var loggerFactory = new LoggerFactory([logs]);
        var (rpc, handler) = LspConnection.Create(input, output);
        using var _ = rpc;
        logs.Connection = rpc;
        var exitCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = new ServerState(rpc, loggerFactory);
        handler.Logger = state.Logger;
        HandlerRegistry.RegisterAll(rpc, handler.Gate, state, logs, exitCode);
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
