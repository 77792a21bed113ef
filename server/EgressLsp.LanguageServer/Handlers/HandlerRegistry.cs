using System.Text.Json.Nodes;
using EgressLsp.LanguageServer.Server;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>Every LSP method the server serves, one handler each; the capabilities come from the handlers.</summary>
internal static class HandlerRegistry
{
    public static void RegisterAll(JsonRpc rpc, ServerState state, LspLoggerProvider logs, TaskCompletionSource<int> exitCode)
    {
        var diagnostics = new DiagnosticsPublisher(state);
        var providers = new List<ICapabilityProvider>();
        var registry = new Registrar(rpc, providers);

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
    /// (<see cref="JsonRpcMethodAttribute.UseSingleObjectParameterDeserialization"/>), typed by the source-generated context.
    /// </summary>
    private sealed class Registrar(JsonRpc rpc, List<ICapabilityProvider> providers)
    {
        public void Request<TParams, TResult>(IRequestHandler<TParams, TResult> handler)
        {
            Delegate method = typeof(TParams) == typeof(NoParams)
                ? new Func<CancellationToken, Task<TResult>>(cancellationToken => handler.HandleAsync((TParams)(object)NoParams.Instance, cancellationToken))
                : new Func<TParams, CancellationToken, Task<TResult>>(handler.HandleAsync);
            Add(handler.Method, method, handler);
        }

        public void Notification<TParams>(INotificationHandler<TParams> handler)
        {
            Delegate method = typeof(TParams) == typeof(NoParams)
                ? new Func<Task>(() => handler.HandleAsync((TParams)(object)NoParams.Instance))
                : new Func<TParams, Task>(handler.HandleAsync);
            Add(handler.Method, method, handler);
        }

        private void Add(string name, Delegate method, object handler)
        {
            rpc.AddLocalRpcMethod(method.Method, method.Target, new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
            if (handler is ICapabilityProvider provider)
            {
                providers.Add(provider);
            }
        }
    }
}
