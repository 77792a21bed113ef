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
    private readonly Dictionary<string, (OpenDocument Document, Versions Versions, DocumentAnalysis Analysis)> _snapshots = new(StringComparer.Ordinal);

    // What every snapshot depends on, and what only those reading the mesh's resources depend on.
    private int _contextVersion;
    private int _meshVersion;

    private readonly record struct Versions(int Context, int Mesh);

    public ServerState(JsonRpc rpc, ILoggerFactory loggerFactory)
    {
        Rpc = rpc;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("EgressLsp");
        Configs = new ProjectConfigs(Logger);
        Workspace = new WorkspaceService(Logger);
        Workspace.Changed += () => ContextChanged();
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

    /// <summary>Raised when other open documents' diagnostics may have changed (settings, configs, workspace, an edit).</summary>
    public event Action<DocumentsChange>? DocumentsChanged;

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
        var seen = new Versions(Volatile.Read(ref _contextVersion), Volatile.Read(ref _meshVersion));
        YamlFile? previous = null;
        lock (_snapshotGate)
        {
            if (_snapshots.TryGetValue(uri, out var cached))
            {
                if (cached.Document == document && cached.Versions.Context == seen.Context &&
                    (cached.Versions.Mesh == seen.Mesh || !cached.Analysis.ReadsMesh))
                {
                    return cached.Analysis;
                }
                previous = cached.Analysis.Yaml;
            }
        }
        var (analysis, change) = Analyze(document, previous);
        var valid = change == FactsChange.None ? seen : OwnChange(change, uri, seen);
        lock (_snapshotGate)
        {
            _snapshots[uri] = (document, valid, analysis);
        }
        return analysis;
    }

    /// <summary>Whether an open document's findings depend on the mesh's resources, as its last snapshot says (true when none yet).</summary>
    public bool ReadsMesh(string uri)
    {
        lock (_snapshotGate)
        {
            return !_snapshots.TryGetValue(uri, out var cached) || cached.Analysis.ReadsMesh;
        }
    }

    /// <summary>
    /// An open document changed facts others read: they are told, the document itself is not (its new snapshot already
    /// has them). Returns the versions its snapshot is valid for: the new one, unless another change came meanwhile.
    /// </summary>
    private Versions OwnChange(FactsChange change, string uri, Versions seen)
    {
        Versions valid;
        if (change == FactsChange.MeshOnly)
        {
            var mesh = Interlocked.Increment(ref _meshVersion);
            valid = seen with { Mesh = mesh == seen.Mesh + 1 ? mesh : seen.Mesh };
        }
        else
        {
            var context = Interlocked.Increment(ref _contextVersion);
            valid = seen with { Context = context == seen.Context + 1 ? context : seen.Context };
        }
        DocumentsChanged?.Invoke(new DocumentsChange(uri, MeshOnly: change == FactsChange.MeshOnly));
        return valid;
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

    /// <param name="previous">The document as last read, if it was: an edit inside one entry of it parses only that entry.</param>
    private (DocumentAnalysis Analysis, FactsChange Change) Analyze(OpenDocument document, YamlFile? previous)
    {
        var yaml = document.Text.Length > MaxDocumentChars ? YamlFile.NotRead(document.Text, TooLarge) : YamlFile.Parse(document.Text, previous);
        if (IsProjectConfig(document.Path) && Configs.Update(document.Path, document.Text))
        {
            // Levels and environment of every document under this config may change.
            ContextChanged();
        }
        var (workspace, change) = Workspace.WithOpenDocument(document.Path, yaml);
        var config = Configs.For(document.Path);
        config = config.WithEnvironment(Settings.Apply(config.Environment));
        return (new DocumentAnalysis(document.Path, yaml, new AnalysisContext(config, workspace)), change);
    }

    private static bool IsProjectConfig(string path) =>
        string.Equals(Path.GetFileName(path), ProjectConfig.FileName, StringComparison.OrdinalIgnoreCase);

    private void ContextChanged()
    {
        Interlocked.Increment(ref _contextVersion);
        DocumentsChanged?.Invoke(DocumentsChange.Everything);
    }
}

/// <summary>Which open documents may need analysing again: all but <see cref="CausedBy"/>, or only those reading the mesh.</summary>
internal sealed record DocumentsChange(string? CausedBy, bool MeshOnly)
{
    public static DocumentsChange Everything { get; } = new(null, MeshOnly: false);
}
