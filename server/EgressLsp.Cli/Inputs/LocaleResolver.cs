namespace EgressLsp.Cli.Inputs;

/// <summary>
/// The language of diagnostic messages: <c>--locale</c>, else <c>zh</c> when the first set of LC_ALL,
/// LC_MESSAGES, LANG (the POSIX order) starts with <c>zh</c>, else <c>en</c>.
/// </summary>
public static class LocaleResolver
{
    public static string Resolve(string? option, CliEnvironment environment)
    {
        if (option is not null)
        {
            return option;
        }
        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "LANG"])
        {
            if (environment.GetVariable(name) is { Length: > 0 } value)
            {
                return value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";
            }
        }
        return "en";
    }
}
