using System.Text.Json.Nodes;
using EgressLsp.LanguageServer.Server;
using EgressLsp.LanguageServer.Server.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>Every LSP method the server serves, one handler each; the capabilities come from the handlers.</summary>
internal static class HandlerRegistry
{
    public static void RegisterAll(JsonRpc rpc, MessageGate gate, ServerState state, LspLoggerProvider logs, TaskCompletionSource<int> exitCode)
    {
        var diagnostics = new DiagnosticsPublisher(state);
        var providers = new List<ICapabilityProvider>();
        var registry = new Registrar(rpc, gate, state.Logger, providers);

        registry.Request(new InitializeHandler(state, logs, () => Capabilities(providers)));
        registry.Notification(new InitializedHandler(state));
        registry.Request(new ShutdownHandler(state));
        registry.Notification(new ExitHandler(state, exitCode));
        registry.Notification(new SetTraceHandler(logs));
        registry.Notification(new DidOpenHandler(state, diagnostics));
        registry.Notification(new DidChangeHandler(state, diagnostics));
        registry.Notification(new DidCloseHandler(state, diagnostics));
        registry.Notification(new DidSaveHandler());
        registry.Notification(new DidChangeConfigurationHandler(state));
        registry.Notification(new DidChangeWatchedFilesHandler(state));
        registry.Request(new HoverHandler(state));
        registry.Request(new DocumentSymbolHandler(state));
        registry.Request(new FoldingRangeHandler(state));
        registry.Request(new DefinitionHandler(state));
        registry.Request(new CompletionHandler(state));
        registry.Request(new CodeActionHandler(state));
        registry.Request(new CodeLensHandler(state));
        registry.Request(new ExecuteCommandHandler(state));
        registry.Request(new PreviewHandler(state));
        registry.Request(new EgressMapHandler(state));
    }

    private static JsonObject Capabilities(IEnumerable<ICapabilityProvider> providers)
    {
        var capabilities = new JsonObject { ["positionEncoding"] = "utf-16" };
        foreach (var provider in providers)
        {
            provider.AddCapabilities(capabilities);
        }
        return capabilities;
    }

    /// <summary>
    /// Binds handlers to JSON-RPC methods. LSP passes one params object, so each method takes it whole
    /// (<see cref="JsonRpcMethodAttribute.UseSingleObjectParameterDeserialization"/>), typed by the source-generated context;
    /// the gate checks its shape first. A request runs off the reading loop under <see cref="RequestBudget"/>, so one slow
    /// document never holds up the others; a notification runs in order (edits must apply in the order sent). A handler's
    /// failure is answered (or logged) and never ends the connection.
    /// </summary>
    private sealed class Registrar(JsonRpc rpc, MessageGate gate, ILogger logger, List<ICapabilityProvider> providers)
    {
        public void Request<TParams, TResult>(IRequestHandler<TParams, TResult> handler)
        {
            Delegate method = typeof(TParams) == typeof(NoParams)
                ? new Func<CancellationToken, Task<TResult>>(cancellationToken =>
                    RequestBudget.RunAsync(handler.Method, token => handler.HandleAsync((TParams)(object)NoParams.Instance, token), logger, cancellationToken))
                : new Func<TParams, CancellationToken, Task<TResult>>((request, cancellationToken) =>
                    RequestBudget.RunAsync(handler.Method, token => handler.HandleAsync(request, token), logger, cancellationToken));
            Add(handler.Method, typeof(TParams), method, handler);
        }

        public void Notification<TParams>(INotificationHandler<TParams> handler)
        {
            Delegate method = typeof(TParams) == typeof(NoParams)
                ? new Func<Task>(() => Guarded(handler.Method, () => handler.HandleAsync((TParams)(object)NoParams.Instance)))
                : new Func<TParams, Task>(notification => Guarded(handler.Method, () => handler.HandleAsync(notification)));
            Add(handler.Method, typeof(TParams), method, handler);
        }

        private async Task Guarded(string name, Func<Task> handle)
        {
            try
            {
                await handle().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "'{Method}' failed", name);
            }
        }

        private void Add(string name, Type parameters, Delegate method, object handler)
        {
            if (parameters != typeof(NoParams))
            {
                gate.Expect(name, LspConnection.StrictOptions.GetTypeInfo(parameters));
            }
            rpc.AddLocalRpcMethod(method.Method, method.Target, new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
            if (handler is ICapabilityProvider provider)
            {
                providers.Add(provider);
            }
        }
    }
}
