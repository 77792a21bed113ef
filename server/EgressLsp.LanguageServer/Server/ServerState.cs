using System.Text.Json;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using EgressLsp.LanguageServer.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// Everything the handlers share: the connection, the client's settings, open documents and the analysis
/// snapshot of each (one immutable <see cref="DocumentAnalysis"/> per document version and context).
/// </summary>
internal sealed class ServerState
{
    /// <summary>A document over this is kept (edits still apply) but not analysed, as the CLI and the workspace index refuse such files.</summary>
    private const long MaxDocumentChars = InputReader.DefaultMaxBytes;

    private static readonly LocalizedText TooLarge = new(
        $"This document is larger than {InputReader.DefaultMaxBytes / (1024 * 1024)} MiB, the most EgressLsp analyses; it is not analysed",
        $"此文档超过 {InputReader.DefaultMaxBytes / (1024 * 1024)} MiB,超出 EgressLsp 的分析上限;不做分析");

    private readonly object _snapshotGate = new();
    private readonly Dictionary<string, (OpenDocument Document, int ContextVersion, DocumentAnalysis Analysis)> _snapshots = new(StringComparer.Ordinal);
    private int _contextVersion;

    public ServerState(JsonRpc rpc, ILoggerFactory loggerFactory)
    {
        Rpc = rpc;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("EgressLsp");
        Configs = new ProjectConfigs(Logger);
        Workspace = new WorkspaceService(Logger);
        Workspace.Changed += ContextChanged;
    }

    public JsonRpc Rpc { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    public DocumentStore Documents { get; } = new();

    public ProjectConfigs Configs { get; }

    public WorkspaceService Workspace { get; }

    public JsonElement ClientCapabilities { get; set; }

    public IReadOnlyList<string> WorkspaceFolders { get; set; } = [];

    public ClientSettings Settings { get; private set; } = ClientSettings.Empty;

    /// <summary>The client's locale (<c>InitializeParams.locale</c>), unless the settings name one.</summary>
    public string? ClientLocale { get; set; }

    public string? Locale => Settings.Locale ?? ClientLocale;

    public bool ShutdownRequested { get; set; }

    /// <summary>Raised when every open document's diagnostics may have changed (settings, configs, workspace).</summary>
    public event Action? AllDocumentsChanged;

    public void UpdateSettings(ClientSettings settings)
    {
        Settings = settings;
        ContextChanged();
    }

    public void ConfigFilesChanged()
    {
        Configs.Invalidate();
        ContextChanged();
    }

    /// <summary>The snapshot of an open document at its current version; null when it is not open.</summary>
    public DocumentAnalysis? Snapshot(string uri)
    {
        if (Documents.Get(uri) is not { } document)
        {
            return null;
        }
        var contextVersion = Volatile.Read(ref _contextVersion);
        lock (_snapshotGate)
        {
            if (_snapshots.TryGetValue(uri, out var cached) && cached.Document == document && cached.ContextVersion == contextVersion)
            {
                return cached.Analysis;
            }
        }
        var analysis = Analyze(document);
        lock (_snapshotGate)
        {
            _snapshots[uri] = (document, contextVersion, analysis);
        }
        return analysis;
    }

    public void Forget(string uri)
    {
        lock (_snapshotGate)
        {
            _snapshots.Remove(uri);
        }
    }

    public bool ClientSupports(params string[] path)
    {
        var element = ClientCapabilities;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return false;
            }
        }
        return element.ValueKind is JsonValueKind.True or JsonValueKind.Object;
    }

    private DocumentAnalysis Analyze(OpenDocument document)
    {
        var yaml = document.Text.Length > MaxDocumentChars ? YamlFile.NotRead(document.Text, TooLarge) : YamlFile.Parse(document.Text);
        if (IsProjectConfig(document.Path) && Configs.Update(document.Path, document.Text))
        {
            // Levels and environment of every document under this config may change.
            ContextChanged();
        }
        var workspace = Workspace.WithOpenDocument(document.Path, yaml);
        var config = Configs.For(document.Path);
        config = config.WithEnvironment(Settings.Apply(config.Environment));
        return new DocumentAnalysis(document.Path, yaml, new AnalysisContext(config, workspace));
    }

    private static bool IsProjectConfig(string path) =>
        string.Equals(Path.GetFileName(path), ProjectConfig.FileName, StringComparison.OrdinalIgnoreCase);

    private void ContextChanged()
    {
        Interlocked.Increment(ref _contextVersion);
        AllDocumentsChanged?.Invoke();
    }
}
