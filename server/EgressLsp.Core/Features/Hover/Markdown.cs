namespace EgressLsp.Core.Features.Hover;

/// <summary>Markdown fragments for hovers; text from the document is always put in code spans, so it renders verbatim.</summary>
internal static class Markdown
{
    /// <summary>A code span that survives backticks inside <paramref name="text"/> (CommonMark: a longer fence).</summary>
    public static string Code(string text)
    {
        if (!text.Contains('`'))
        {
            return $"`{text}`";
        }
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        return $"{fence} {text} {fence}";
    }

    /// <summary>A fenced YAML block; the fence is longer than any backtick run in the text.</summary>
    public static string YamlBlock(string yaml)
    {
        var fence = yaml.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        return $"{fence}yaml\n{yaml}\n{fence}";
    }

    /// <summary>Separates the sections of one hover.</summary>
    public const string Rule = "\n\n---\n\n";
}
