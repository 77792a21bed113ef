using System.Text.Json.Nodes;
using EgressLsp.Core;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;
using Microsoft.Extensions.Logging;

namespace EgressLsp.LanguageServer.Handlers;

internal sealed class InitializeHandler(ServerState state, LspLoggerProvider logs, Func<JsonObject> capabilities)
    : IRequestHandler<InitializeParams, InitializeResult>
{
    public string Method => "initialize";

    public Task<InitializeResult> HandleAsync(InitializeParams request, CancellationToken cancellationToken)
    {
        state.ClientCapabilities = request.Capabilities;
        state.ClientLocale = request.Locale;
        state.WorkspaceFolders = request.WorkspaceFolders is { Length: > 0 } folders
            ? [.. folders.Select(f => LspConvert.ToPath(f.Uri))]
            : request.RootUri is { } root ? [LspConvert.ToPath(root)] : request.RootPath is { } path ? [path] : [];
        state.UpdateSettings(ClientSettings.Read(request.InitializationOptions, ClientSettings.Empty));
        logs.Trace = request.Trace ?? "off";
        return Task.FromResult(new InitializeResult(capabilities(), new ServerInfo("egress-lsp", ProductVersion.Number)));
    }
}

/// <summary>After <c>initialized</c>: pull settings, watch manifests, index the workspace in the background.</summary>
internal sealed class InitializedHandler(ServerState state) : INotificationHandler<InitializedParams>
{
    public string Method => "initialized";

    public Task HandleAsync(InitializedParams notification)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await WorkspaceSettings.PullAsync(state).ConfigureAwait(false);
                if (state.ClientSupports("workspace", "didChangeWatchedFiles", "dynamicRegistration"))
                {
                    await state.Rpc.SendRequestAsync("client/registerCapability", new RegistrationParams(
                    [
                        new Registration("egress-lsp-watch", "workspace/didChangeWatchedFiles", System.Text.Json.JsonSerializer.SerializeToElement(
                            new DidChangeWatchedFilesRegistrationOptions([new Protocol.FileSystemWatcher("**/*.{yaml,yml}")]),
                            LspJsonContext.Default.DidChangeWatchedFilesRegistrationOptions)),
                    ])).ConfigureAwait(false);
                }
                await state.Workspace.IndexFoldersAsync(state.WorkspaceFolders, state.Documents.IsOpenPath).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                state.Logger.LogWarning("Workspace set-up incomplete: {Message}", e.Message);
            }
        });
        return Task.CompletedTask;
    }
}

internal sealed class ShutdownHandler(ServerState state) : IRequestHandler<NoParams, object?>
{
    public string Method => "shutdown";

    public Task<object?> HandleAsync(NoParams request, CancellationToken cancellationToken)
    {
        state.ShutdownRequested = true;
        return Task.FromResult<object?>(null);
    }
}

/// <summary><c>exit</c>: the process ends with 0 after a <c>shutdown</c> request, else 1 (LSP 3.17).</summary>
internal sealed class ExitHandler(ServerState state, TaskCompletionSource<int> exitCode) : INotificationHandler<NoParams>
{
    public string Method => "exit";

    public Task HandleAsync(NoParams notification)
    {
        exitCode.TrySetResult(state.ShutdownRequested ? 0 : 1);
        return Task.CompletedTask;
    }
}

internal sealed class SetTraceHandler(LspLoggerProvider logs) : INotificationHandler<SetTraceParams>
{
    public string Method => "$/setTrace";

    public Task HandleAsync(SetTraceParams notification)
    {
        logs.Trace = notification.Value;
        return Task.CompletedTask;
    }
}
