using System.Text.Json;

namespace EgressLsp.LanguageServer.Protocol;

public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

public sealed record ConfigurationItem(string? ScopeUri, string? Section);

public sealed record ConfigurationParams(ConfigurationItem[] Items);

public sealed record FileEvent(string Uri, int Type);

public static class FileChangeType
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record FileSystemWatcher(string GlobPattern);

public sealed record DidChangeWatchedFilesRegistrationOptions(FileSystemWatcher[] Watchers);

public sealed record Registration(string Id, string Method, JsonElement? RegisterOptions);

public sealed record RegistrationParams(Registration[] Registrations);
