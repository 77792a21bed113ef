using System.Collections.Immutable;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// Inline suppressions: <c># egress-lsp-disable-next-line EGP020 EGP021</c> silences those codes on the next
/// line; with no code it silences every diagnostic there.
/// </summary>
public sealed class Suppressions
{
    public const string Directive = "egress-lsp-disable-next-line";

    private static readonly Suppressions None = new(ImmutableDictionary<int, ImmutableArray<string>>.Empty);

    // Line → codes (an empty array means all codes).
    private readonly ImmutableDictionary<int, ImmutableArray<string>> _byLine;

    private Suppressions(ImmutableDictionary<int, ImmutableArray<string>> byLine) => _byLine = byLine;

    public static Suppressions Read(YamlFile file)
    {
        // Cheap test first: most files have no directive, and scanning comments costs a second tokenizer pass.
        if (!file.Text.Text.Contains(Directive, StringComparison.Ordinal))
        {
            return None;
        }
        var byLine = ImmutableDictionary.CreateBuilder<int, ImmutableArray<string>>();
        foreach (var comment in file.Comments)
        {
            var text = comment.Text.Trim();
            if (!text.StartsWith(Directive, StringComparison.Ordinal))
            {
                continue;
            }
            var codes = text[Directive.Length..]
                .Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(code => code.ToUpperInvariant())
                .ToImmutableArray();
            byLine[file.Text.GetLineIndex(comment.Span.Start) + 1] = codes;
        }
        return new Suppressions(byLine.ToImmutable());
    }

    public bool IsSuppressed(string code, int line) =>
        _byLine.TryGetValue(line, out var codes) && (codes.IsEmpty || codes.Contains(code, StringComparer.OrdinalIgnoreCase));
}
