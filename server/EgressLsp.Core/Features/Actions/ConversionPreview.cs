using System.Text;
using EgressLsp.Core.Conversion;

namespace EgressLsp.Core.Features.Actions;

/// <summary>What the editor shows and writes for "Convert to egress policy".</summary>
public static class ConversionPreview
{
    /// <summary>
    /// The proposal as <c>egressctl convert</c> prints it, then its findings as comments (<c># path:line:column CODE
    /// message</c>, in the client's language): a preview that says what was left out is read before it is applied.
    /// </summary>
    public static string Text(ConversionResult result, string? locale)
    {
        var text = new StringBuilder(result.ToYaml());
        if (result.Policies.IsEmpty)
        {
            text.Append(locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
                ? "# 没有可转换的内容:没有流量以策略能表达的方式经过出口网关\n"
                : "# Nothing converted: no traffic goes through an egress gateway in a way a policy can express\n");
        }
        foreach (var finding in result.Findings)
        {
            var start = finding.Location.Range.Start;
            text.Append($"# {finding.Location.Path}:{start.Line + 1}:{start.Character + 1}: {finding.Diagnostic.Code} ")
                .Append(finding.Diagnostic.Message.For(locale).ReplaceLineEndings(" ")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary><c>egress.yaml</c> → <c>egress.egress-policy.yaml</c>, beside the resources it was proposed for.</summary>
    public static string FileName(string documentPath)
    {
        var name = Path.GetFileNameWithoutExtension(documentPath);
        return $"{(name.Length == 0 ? "resources" : name)}.egress-policy.yaml";
    }
}
