using EgressLsp.Core.Targets;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Inputs;

/// <summary>A project config file that was read, with its text (for reporting its own problems).</summary>
public sealed record LoadedConfig(string DisplayPath, string FullPath, SourceText Text, ProjectConfig Config);

/// <summary>
/// Picks the project config for each input: <c>--config F</c> for all of them, else the nearest
/// <c>egresslsp.yaml</c> walking up from the file (from the working directory for standard input), else the
/// defaults. <c>--target</c> overrides the config's target. Each config file is read once.
/// </summary>
public sealed class ConfigResolver
{
    private readonly CliEnvironment _environment;
    private readonly LoadedConfig? _explicit;
    private readonly ExpansionTarget? _target;
    private readonly Dictionary<string, LoadedConfig> _found = new(StringComparer.Ordinal);

    public ConfigResolver(CliEnvironment environment, string? explicitPath, ExpansionTarget? target)
    {
        _environment = environment;
        _target = target;
        if (explicitPath is not null)
        {
            var fullPath = InputResolver.FullPath(explicitPath, environment);
            _explicit = Load(fullPath, explicitPath);
        }
    }

    /// <summary>Every config file used so far, in the order first used.</summary>
    public IEnumerable<LoadedConfig> Loaded => _explicit is not null ? [_explicit] : _found.Values;

    public ProjectConfig For(InputFile input)
    {
        var loaded = _explicit ?? Find(input.FullPath ?? Path.Combine(_environment.CurrentDirectory, InputFile.StdinDisplayPath));
        var config = loaded?.Config ?? ProjectConfig.Default;
        return _target is { } target ? config.WithEnvironment(config.Environment with { Target = target }) : config;
    }

    private LoadedConfig? Find(string documentFullPath)
    {
        if (ProjectConfig.FindFor(documentFullPath, File.Exists) is not { } fullPath)
        {
            return null;
        }
        if (!_found.TryGetValue(fullPath, out var loaded))
        {
            loaded = Load(fullPath, DisplayPathOf(fullPath));
            _found[fullPath] = loaded;
        }
        return loaded;
    }

    private static LoadedConfig Load(string fullPath, string displayPath)
    {
        var text = FileReader.ReadFile(fullPath, displayPath);
        return new LoadedConfig(displayPath, fullPath, SourceText.From(text), ProjectConfig.Parse(displayPath, text));
    }

    private string DisplayPathOf(string fullPath)
    {
        var relative = Path.GetRelativePath(_environment.CurrentDirectory, fullPath);
        return Path.IsPathRooted(relative) ? fullPath : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
