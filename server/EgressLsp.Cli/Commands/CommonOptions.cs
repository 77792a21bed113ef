using System.CommandLine;
using System.Globalization;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Workspace;
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

    /// <summary>
    /// <c>--locale</c>: <c>en</c> or <c>zh</c>, also as a language tag (<c>zh-CN</c>, <c>zh_CN.UTF-8</c>, <c>en-US</c>), as the
    /// language server accepts it from an editor.
    /// </summary>
    public static Option<string?> Locale()
    {
        var option = new Option<string?>("--locale")
        {
            Description = "Language of messages: en or zh, or a tag such as zh-CN (default: zh when LC_ALL/LC_MESSAGES/LANG starts with zh, else en)",
            HelpName = string.Join('|', Locales),
            CustomParser = result =>
            {
                var token = result.Tokens[^1].Value;
                var language = token.Split('-', '_', '.')[0];
                var match = Locales.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"invalid value '{token}' for --locale (allowed: {string.Join(", ", Locales)}, or a tag such as zh-CN)");
                }
                return match;
            },
        };
        option.CompletionSources.Add(Locales);
        return option;
    }

    public static Option<string?> Target() => Choice("--target", [], [.. TargetRegistry.Ids],
        "Expansion target (default: the config's environment.target, else istio-sidecar)");

    public const string MaxInputSizeName = "--max-input-size";

    /// <summary>The largest limit accepted: one input is read into one buffer.</summary>
    private const long MaxSize = 1L << 30;

    /// <summary>
    /// The most one input may hold: bytes, or a number with K, M or G (KiB, MiB, GiB). Reading stops there, so a
    /// device or an endless pipe cannot fill the memory.
    /// </summary>
    public static Option<long> MaxInputSize() => new(MaxInputSizeName)
    {
        Description = $"Largest input file or standard input read (default: {InputReader.FormatSize(InputReader.DefaultMaxBytes)}); bytes, or with K, M or G",
        HelpName = "SIZE",
        DefaultValueFactory = _ => InputReader.DefaultMaxBytes,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (ParseSize(token) is { } size)
            {
                return size;
            }
            result.AddError($"invalid value '{token}' for {MaxInputSizeName} (a size up to 1G such as 1048576, 512K or 64M)");
            return InputReader.DefaultMaxBytes;
        },
    };

    public static Option<bool> Verbose() => new("--verbose", ["-v"])
    {
        Description = "Also list what folder walks skipped (hidden folders and files, node_modules, links to folders) and unreadable workspace files",
        Arity = ArgumentArity.Zero,
    };

    /// <summary><c>1048576</c>, <c>512K</c>, <c>64M</c>, <c>1G</c> (binary multiples; <c>MB</c>/<c>MiB</c> accepted too) → bytes; null if not a size from 1 byte to 1 GiB.</summary>
    public static long? ParseSize(string text)
    {
        var trimmed = text.Trim();
        var unit = trimmed.TrimStart("0123456789".ToCharArray());
        var digits = trimmed[..^unit.Length];
        long multiplier = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        return multiplier > 0 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0 && number <= MaxSize / multiplier
            ? number * multiplier
            : null;
    }

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
        TargetRegistry.Find(name);
}
