using System.Collections.Concurrent;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Text;
using Microsoft.Extensions.Logging;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The <c>egresslsp.yaml</c> that applies to each document, read from disk once and again when the file
/// changes (or its open editor buffer does).
/// </summary>
internal sealed class ProjectConfigs(ILogger logger)
{
    private readonly ConcurrentDictionary<string, ProjectConfig> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _nearestByFolder = new(StringComparer.Ordinal);

    public ProjectConfig For(string documentPath)
    {
        if (!Path.IsPathRooted(documentPath))
        {
            return ProjectConfig.Default;
        }
        var folder = Path.GetDirectoryName(documentPath) ?? "";
        var configPath = _nearestByFolder.GetOrAdd(folder, _ => ProjectConfig.FindFor(documentPath, File.Exists));
        return configPath is null ? ProjectConfig.Default : _byPath.GetOrAdd(configPath, Load);
    }

    private readonly ConcurrentDictionary<string, string> _openTexts = new(StringComparer.Ordinal);

    /// <summary>An open config file's text wins over the disk. Returns true when that changes the config.</summary>
    public bool Update(string configPath, SourceText text)
    {
        if (_openTexts.TryGetValue(configPath, out var known) && known == text.Text)
        {
            return false;
        }
        _openTexts[configPath] = text.Text;
        _byPath[configPath] = ProjectConfig.Parse(configPath, text.Text);
        return true;
    }

    /// <summary>Forgets what it knows after a config file appeared, changed or disappeared.</summary>
    public void Invalidate()
    {
        _byPath.Clear();
        _openTexts.Clear();
        _nearestByFolder.Clear();
    }

    private ProjectConfig Load(string path)
    {
        try
        {
            return ProjectConfig.Parse(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Cannot read {Path}: {Message}", path, e.Message);
            return ProjectConfig.Default;
        }
    }
}
