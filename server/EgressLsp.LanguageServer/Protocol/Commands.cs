using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EgressLsp.LanguageServer.Protocol;

// Commands (LSP 3.17) and workspace/executeCommand.

/// <param name="CommandId">The command's identifier; empty for a lens that only informs (editors show it as plain text).</param>
public sealed record Command(
    string Title,
    [property: JsonPropertyName("command")] string CommandId,
    JsonNode?[]? Arguments);

public sealed record ExecuteCommandParams(string Command, JsonElement[]? Arguments = null);
