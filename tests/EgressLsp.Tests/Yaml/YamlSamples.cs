using System.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Yaml;

/// <summary>What the YAML reader tests share: a policy to read, seeded random edits of a text, and a dump of all a reader sees.</summary>
internal static class YamlSamples
{
    private static readonly string[] Insertions =
    [
        " ", "x", "\n", "  # edited\n", "    # note\n", "- ", ": ", "-", "#", "\t", "|\n", ">-\n", "&a ", "*a", "!!str ",
        "[", "]", "{", "}", "'", "\"", "---\n", "...\n", "  - name: added\n", "    port: 81\n", "      - extra.example.com\n",
        "\n\n", "  ", "key: value\n", "%YAML 1.2\n", "\r\n", "\r", "? ", "  -\n", "- - a\n", "!tag ", "'two\n  lines'",
        "\"open", "    - b\n", "      c: |\n        text\n", "x: &anchor 1\n", "y: *anchor\n", "#", "  key:\n",
    ];

    public static string Edit(string text, Random random, string[]? insertions = null)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        var at = random.Next(3) == 0 ? random.Next(text.Length + 1) : lineStarts[random.Next(lineStarts.Count)];
        switch (random.Next(4))
        {
            case 0:
                var length = Math.Min(random.Next(1, 16), text.Length - at);
                return text.Remove(at, length);
            case 1:
                var line = text.IndexOf('\n', at);
                return line < 0 ? text : text.Remove(at, line + 1 - at);
            default:
                return text.Insert(at, (insertions ?? Insertions)[random.Next((insertions ?? Insertions).Length)]);
        }
    }

    public static string Policy(int rules)
    {
        var text = new StringBuilder("apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress\n  namespace: istio-egress\nspec:\n  byEgressGateway:\n    name: egressgateway\n  egressRules:\n");
        for (var i = 0; i < rules; i++)
        {
            text.Append($"  - name: rule-{i}\n    from:\n    - namespace: team-{i % 4}\n      workloadSelector:\n        app: client-{i}\n")
                .Append($"    to:\n    - name: service-{i}\n      hosts:\n      - api-{i}.example.com\n      - \"www-{i}.example.com\"\n")
                .Append($"      port: {{number: 443, protocol: HTTPS, name: https}}\n      byEgressGateway:\n        port: {1000 + i}\n\n    # end of rule {i}\n");
        }
        return text.ToString();
    }

    /// <summary>Everything a reader of the file can see, one line per node and finding.</summary>
    public static string Dump(YamlFile file)
    {
        var text = new StringBuilder();
        foreach (var document in file.Documents)
        {
            text.Append($"document {document.Index} {document.Span}\n");
            Dump(document.Root, 1, text);
        }
        foreach (var diagnostic in file.Diagnostics)
        {
            text.Append($"{diagnostic.Code} {diagnostic.Span} {diagnostic.Message}\n");
        }
        foreach (var line in file.SyntaxErrorLines)
        {
            text.Append($"blanked {line}\n");
        }
        return text.ToString();
    }

    private static void Dump(YamlNode? node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case null:
                text.Append("(none)\n");
                break;
            case YamlScalar scalar:
                text.Append($"scalar {scalar.Span} {scalar.Style} {scalar.ValueType} {scalar.Tag} '{scalar.Value}'\n");
                break;
            case YamlMapping mapping:
                text.Append($"mapping {mapping.Span} flow={mapping.IsFlow} {mapping.Tag}\n");
                foreach (var pair in mapping.Pairs)
                {
                    Dump(pair.Key, depth + 1, text);
                    Dump(pair.Value, depth + 2, text);
                }
                break;
            case YamlSequence sequence:
                text.Append($"sequence {sequence.Span} flow={sequence.IsFlow} {sequence.Tag}\n");
                foreach (var item in sequence.Items)
                {
                    Dump(item, depth + 1, text);
                }
                break;
            case YamlAlias alias:
                text.Append($"alias {alias.Span} {alias.Name} -> {alias.Target?.Span}\n");
                break;
        }
    }
}
