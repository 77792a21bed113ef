using EgressLsp.Core.Configuration;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.LanguageServer.Handlers;

internal sealed class DidChangeConfigurationHandler(ServerState state) : INotificationHandler<DidChangeConfigurationParams>
{
    public string Method => "workspace/didChangeConfiguration";

    public async Task HandleAsync(DidChangeConfigurationParams notification)
    {
        // Clients that support pull configuration send an empty notice; the others push the settings here.
        if (!await WorkspaceSettings.PullAsync(state).ConfigureAwait(false))
        {
            state.UpdateSettings(ClientSettings.Read(notification.Settings, state.Settings));
        }
    }
}

internal sealed class DidChangeWatchedFilesHandler(ServerState state) : INotificationHandler<DidChangeWatchedFilesParams>
{
    public string Method => "workspace/didChangeWatchedFiles";

    public Task HandleAsync(DidChangeWatchedFilesParams notification)
    {
        foreach (var change in notification.Changes)
        {
            var path = LspConvert.ToPath(change.Uri);
            if (string.Equals(Path.GetFileName(path), ProjectConfig.FileName, StringComparison.OrdinalIgnoreCase))
            {
                state.ConfigFilesChanged();
            }
            // An open document's buffer, not the disk, is what counts for it.
            if (state.Documents.Get(change.Uri) is null)
            {
                state.Workspace.FileChanged(path, deleted: change.Type == FileChangeType.Deleted);
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>Reads the <c>egressLsp</c> section with <c>workspace/configuration</c> when the client supports it.</summary>
internal static class WorkspaceSettings
{
    public const string Section = "egressLsp";

    /// <returns>False when the client cannot be asked.</returns>
    public static async Task<bool> PullAsync(ServerState state)
    {
        if (!state.ClientSupports("workspace", "configuration"))
        {
            return false;
        }
        var result = await state.Rpc.SendRequestAsync<ConfigurationParams, System.Text.Json.JsonElement[]>("workspace/configuration",
            new ConfigurationParams([new ConfigurationItem(null, Section)])).ConfigureAwait(false);
        if (result is { Length: > 0 })
        {
            state.UpdateSettings(ClientSettings.Read(result[0], state.Settings));
        }
        return true;
    }
}
