using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Configuration;

/// <summary>
/// The project config file <c>egresslsp.yaml</c>: diagnostic levels per code and the expansion environment.
/// Found by walking up from a policy file; its own problems are diagnostics of the config file.
/// </summary>
public sealed class ProjectConfig
{
    public const string FileName = "egresslsp.yaml";

    public static ProjectConfig Default { get; } = new(null, ImmutableDictionary<string, DiagnosticLevel>.Empty, EgressEnvironment.Default, ImmutableArray<Diagnostic>.Empty);

    private ProjectConfig(string? path, ImmutableDictionary<string, DiagnosticLevel> levels, EgressEnvironment environment, ImmutableArray<Diagnostic> diagnostics)
    {
        Path = path;
        Levels = levels;
        Environment = environment;
        Diagnostics = diagnostics;
    }

    /// <summary>The file it was read from, or null for the defaults.</summary>
    public string? Path { get; }

    /// <summary>Level overrides by code (case-insensitive).</summary>
    public ImmutableDictionary<string, DiagnosticLevel> Levels { get; }

    public EgressEnvironment Environment { get; }

    /// <summary>Problems in the config file itself (schema errors), reported against it.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public DiagnosticLevel LevelFor(DiagnosticDescriptor descriptor) =>
        Levels.TryGetValue(descriptor.Code, out var level) ? level : descriptor.DefaultLevel;

    public ProjectConfig WithEnvironment(EgressEnvironment environment) => new(Path, Levels, environment, Diagnostics);

    /// <summary>The nearest <c>egresslsp.yaml</c> in the folder of <paramref name="documentPath"/> or above it.</summary>
    public static string? FindFor(string documentPath, Func<string, bool> fileExists)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(documentPath));
        while (!string.IsNullOrEmpty(directory))
        {
            var candidate = System.IO.Path.Combine(directory, FileName);
            if (fileExists(candidate))
            {
                return candidate;
            }
            directory = System.IO.Path.GetDirectoryName(directory);
        }
        return null;
    }

    public static ProjectConfig Parse(string path, string text)
    {
        var file = YamlFile.Parse(text);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        diagnostics.AddRange(file.Diagnostics);
        var root = file.Documents.FirstOrDefault()?.Root?.Resolved as YamlMapping;
        if (root is not null)
        {
            diagnostics.AddRange(SchemaValidator.Validate(root, SchemaCatalog.Config, file));
        }
        var levels = ImmutableDictionary.CreateBuilder<string, DiagnosticLevel>(StringComparer.OrdinalIgnoreCase);
        if (root?.GetMapping("rules") is { } rules)
        {
            foreach (var pair in rules.Pairs)
            {
                // A bare `off` is a string in YAML 1.2 (YamlDotNet), as the schema documents.
                if (pair.KeyText is { } code && pair.Value.Resolved is YamlScalar value && TryParseLevel(value.Value, out var level))
                {
                    levels[code] = level;
                }
            }
        }
        return new ProjectConfig(path, levels.ToImmutable(), ReadEnvironment(root?.GetMapping("environment")), diagnostics.ToImmutable());
    }

    public static bool TryParseLevel(string text, out DiagnosticLevel level)
    {
        switch (text.ToLowerInvariant())
        {
            case "error": level = DiagnosticLevel.Error; return true;
            case "warning": level = DiagnosticLevel.Warning; return true;
            case "info": level = DiagnosticLevel.Info; return true;
            case "off" or "false": level = DiagnosticLevel.Off; return true;
            default: level = DiagnosticLevel.Off; return false;
        }
    }

    private static EgressEnvironment ReadEnvironment(YamlMapping? environment)
    {
        var result = EgressEnvironment.Default;
        if (environment is null)
        {
            return result;
        }
        if (Targets.TargetRegistry.Find(environment.GetString("target")) is { } target)
        {
            result = result with { Target = target };
        }
        if (environment.GetString("gatewayNamespace") is { } gatewayNamespace) result = result with { GatewayNamespace = gatewayNamespace };
        if (environment.GetString("gatewayService") is { } gatewayService) result = result with { GatewayService = gatewayService };
        if (environment.GetString("rootNamespace") is { } rootNamespace) result = result with { RootNamespace = rootNamespace };
        if (environment.GetString("clusterDomain") is { } clusterDomain) result = result with { ClusterDomain = clusterDomain };
        if (environment.GetString("trustDomain") is { } trustDomain) result = result with { TrustDomain = trustDomain };
        if (OutboundTrafficPolicies.Parse(environment.GetString("outboundTrafficPolicy")) is { } outbound) result = result with { OutboundTrafficPolicy = outbound };
        if (Label.ReadAll(environment.GetMapping("gatewaySelector")) is { IsEmpty: false } selector)
        {
            result = result with { GatewaySelector = selector };
        }
        return result;
    }
}
