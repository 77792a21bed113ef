using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// One entry of the diagnostics catalogue: a stable code, its default level and message templates in English
/// and Chinese (composite-format placeholders {0}, {1}…).
/// </summary>
public sealed class DiagnosticDescriptor
{
    public const string DocumentationBase = "https://github.com/egress-lsp/egress-lsp/blob/main/README.md#";

    public DiagnosticDescriptor(string code, DiagnosticLevel defaultLevel, string titleEn, string messageEn, string messageZh,
        DiagnosticTags tags = DiagnosticTags.None)
    {
        Code = code;
        DefaultLevel = defaultLevel;
        TitleEn = titleEn;
        MessageEn = messageEn;
        MessageZh = messageZh;
        Tags = tags;
        DocumentationUrl = DocumentationBase + code.ToLowerInvariant();
    }

    public string Code { get; }

    public DiagnosticLevel DefaultLevel { get; }

    /// <summary>One line saying when the diagnostic is reported (README table, SARIF rule text).</summary>
    public string TitleEn { get; }

    public string MessageEn { get; }

    public string MessageZh { get; }

    public DiagnosticTags Tags { get; }

    public string DocumentationUrl { get; }

    public Diagnostic Create(TextSpan span, params object?[] args) =>
        new(this, DefaultLevel, span, Format(args), ImmutableArray<CodeFix>.Empty, ImmutableArray<RelatedInformation>.Empty);

    /// <summary>Fills the templates; a <see cref="LocalizedText"/> argument contributes its own language's form.</summary>
    public LocalizedText Format(params object?[] args) => new(
        string.Format(CultureInfo.InvariantCulture, MessageEn, Localize(args, zh: false)),
        string.Format(CultureInfo.InvariantCulture, MessageZh, Localize(args, zh: true)));

    private static object?[] Localize(object?[] args, bool zh)
    {
        var result = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            result[i] = args[i] is LocalizedText text ? (zh ? text.Zh : text.En) : args[i];
        }
        return result;
    }

    public override string ToString() => Code;
}
