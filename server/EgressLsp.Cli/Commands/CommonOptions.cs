using System.CommandLine;
using EgressLsp.Core.Configuration;

namespace EgressLsp.Cli.Commands;

/// <summary>The options several commands share, built fresh for each command tree.</summary>
internal static class CommonOptions
{
    public static readonly string[] Locales = ["en", "zh"];

    public static Option<string?> Config() => new("--config")
    {
        Description = "Project config file (default: the nearest egresslsp.yaml above the input file)",
        HelpName = "FILE",
    };

    public static Option<string[]> Workspace() => new("--workspace")
    {
        Description = "Folder of Kubernetes manifests to check against (gateways, workloads, namespaces); repeatable",
        HelpName = "DIR",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Locale() => Choice("--locale", [], Locales,
        "Language of diagnostic messages (default: zh when LC_ALL/LC_MESSAGES/LANG starts with zh, else en)");

    public static Option<string?> Target() => Choice("--target", [], [.. ExpansionTargets.Names],
        "Expansion target (default: the config's environment.target, else istio-sidecar)");

    /// <summary>
    /// A string option limited to <paramref name="allowed"/> (case-insensitive, normalised to lower case) whose
    /// error is one line naming the allowed values.
    /// </summary>
    public static Option<string?> Choice(string name, string[] aliases, string[] allowed, string description, string? defaultValue = null)
    {
        var option = new Option<string?>(name, aliases)
        {
            Description = description,
            HelpName = string.Join('|', allowed),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
                if (token is null)
                {
                    return defaultValue;
                }
                var match = allowed.FirstOrDefault(a => string.Equals(a, token, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"invalid value '{token}' for {name} (allowed: {string.Join(", ", allowed)})");
                }
                return match;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }
        option.CompletionSources.Add(allowed);
        return option;
    }

    public static ExpansionTarget? ParseTarget(string? name) =>
        name is not null && ExpansionTargets.TryParse(name, out var target) ? target : null;
}
