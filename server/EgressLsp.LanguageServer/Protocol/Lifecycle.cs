using System.Text.Json;
using System.Text.Json.Nodes;

namespace EgressLsp.LanguageServer.Protocol;

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record ClientInfo(string Name, string? Version = null);

/// <summary>Only <c>capabilities</c> is required; <c>processId</c> is too by the letter of LSP, but its null is accepted absent.</summary>
public sealed record InitializeParams(
    JsonElement Capabilities,
    int? ProcessId = null,
    ClientInfo? ClientInfo = null,
    string? Locale = null,
    string? RootUri = null,
    string? RootPath = null,
    JsonElement? InitializationOptions = null,
    string? Trace = null,
    WorkspaceFolder[]? WorkspaceFolders = null);

public sealed record ServerInfo(string Name, string Version);

/// <summary>Capabilities are assembled from the handlers (each declares its own), hence a JSON object.</summary>
public sealed record InitializeResult(JsonObject Capabilities, ServerInfo ServerInfo);

public sealed record InitializedParams;

public sealed record SetTraceParams(string Value);
