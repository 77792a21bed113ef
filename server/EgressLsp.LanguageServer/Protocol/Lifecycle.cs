using System.Text.Json;
using System.Text.Json.Nodes;

namespace EgressLsp.LanguageServer.Protocol;

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record ClientInfo(string Name, string? Version);

public sealed record InitializeParams(
    int? ProcessId,
    ClientInfo? ClientInfo,
    string? Locale,
    string? RootUri,
    string? RootPath,
    JsonElement? InitializationOptions,
    JsonElement Capabilities,
    string? Trace,
    WorkspaceFolder[]? WorkspaceFolders);

public sealed record ServerInfo(string Name, string Version);

/// <summary>Capabilities are assembled from the handlers (each declares its own), hence a JSON object.</summary>
public sealed record InitializeResult(JsonObject Capabilities, ServerInfo ServerInfo);

public sealed record InitializedParams;

public sealed record SetTraceParams(string Value);
