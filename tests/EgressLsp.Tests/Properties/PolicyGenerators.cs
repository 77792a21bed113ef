using System.Text;
using CsCheck;

namespace EgressLsp.Tests.Properties;

/// <summary>
/// Generators of policy texts for the property tests: mostly valid <c>ASMEgressTrafficPolicy</c> documents built from
/// the policy schema's shapes (rules, from, to, hosts, ports, protocols, httpsUpgrade) in varied YAML styles (block
/// and flow collections, quoting, anchors and aliases, comments, CRLF, a BOM), and hostile variants of them (random
/// edits, tabs, deep nesting, stray YAML syntax) so that properties reach both expansion and error recovery.
/// </summary>
public static class PolicyGenerators
{
    private static readonly string[] Protocols = ["HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "MONGO", "MYSQL", "REDIS", "TCP", "TLS", "UDP"];

    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8]
        .Where(l => char.IsAsciiLetter(l[0]));

    /// <summary>Host names: mostly public DNS names, sometimes what the analyzer warns about or rejects.</summary>
    private static readonly Gen<string> Host = Gen.Frequency(
        (12, Gen.Select(Label, Label, Gen.OneOf("org", "com", "io", "cn"), (a, b, tld) => $"{a}.{b}.{tld}")),
        (4, Gen.Select(Label, Gen.OneOf("org", "com"), (a, tld) => $"{a}.{tld}")),
        (1, Gen.OneOf("*.wild.example.com", "10.0.0.1", "httpbin.default.svc.cluster.local", "bad host!", "", "-x.com", "a..b")));

    private static readonly Gen<int> PortNumber = Gen.Frequency(
        (10, Gen.OneOf(80, 443, 8080, 8443, 3306, 6379, 27017, 9000)),
        (2, Gen.Int[1, 65535]),
        (1, Gen.OneOf(0, -1, 65536, 99999)));

    private static readonly Gen<string> Protocol = Gen.Frequency(
        (20, Gen.OneOf(Protocols)),
        (1, Gen.OneOf("http", "SMTP", "")));

    private static readonly Gen<Node> Port = Gen.Select(PortNumber, Protocol, Gen.Int[0, 3], Label, (number, protocol, naming, suffix) =>
    {
        var fields = new List<(string, Node)> { ("number", Node.Int(number)), ("protocol", Node.Str(protocol)) };
        if (naming > 0)
        {
            // Mostly the <protocol>[-suffix] convention, sometimes not.
            var name = naming switch { 1 => protocol.ToLowerInvariant(), 2 => $"{protocol.ToLowerInvariant()}-{suffix}", _ => suffix };
            fields.Insert(0, ("name", Node.Str(name)));
        }
        return Node.Map(fields);
    });

    private static readonly Gen<Node?> HttpsUpgrade = Gen.Frequency(
        (6, Gen.Const((Node?)null)),
        (3, PortNumber.Select(p => (Node?)Node.Map([("enabled", Node.Bool(true)), ("port", Node.Int(p))]))),
        (1, Gen.Select(Gen.Bool, Gen.Bool, PortNumber, (enabled, withPort, p) =>
            (Node?)Node.Map(withPort ? [("enabled", Node.Bool(enabled)), ("port", Node.Int(p))] : [("enabled", Node.Bool(enabled))]))));

    private static readonly Gen<Node> To = Gen.Select(Label, Host.Array[1, 3], Port, Gen.Frequency((4, PortNumber.Select(p => (int?)p)), (1, Gen.Const((int?)null))), HttpsUpgrade,
        (name, hosts, port, gatewayPort, upgrade) =>
        {
            var fields = new List<(string, Node)> { ("name", Node.Str(name)), ("hosts", Node.Seq([.. hosts.Select(Node.Str)])), ("port", port) };
            if (gatewayPort is { } number)
            {
                fields.Add(("byEgressGateway", Node.Map([("port", Node.Int(number))])));
            }
            if (upgrade is not null)
            {
                fields.Add(("httpsUpgrade", upgrade));
            }
            return Node.Map(fields);
        });

    private static readonly Gen<Node> From = Gen.Select(Gen.OneOf("mytest", "default", "shop", "billing"), Gen.Frequency((3, Gen.Const((string?)null)), (1, Label.Select(l => (string?)l))),
        (ns, app) => Node.Map(app is null ? [("namespace", Node.Str(ns))] : [("namespace", Node.Str(ns)), ("workloadSelector", Node.Map([("app", Node.Str(app))]))]));

    private static readonly Gen<Node> Rule = Gen.Select(From.Array[1, 2], To.Array[1, 3], (from, to) =>
        Node.Map([("from", Node.Seq(from)), ("to", Node.Seq(to))]));

    /// <summary>The policy as a tree of nodes (before it is written as YAML).</summary>
    private static readonly Gen<Node> PolicyTree = Gen.Select(Gen.Frequency((5, Gen.Const("istio.alibabacloud.com/v1")), (1, Gen.Const("istio.alibabacloud.com/v1beta1"))),
        Gen.OneOf("egress-by-egressgateway", "egress-by-other", "p"), Gen.OneOf("istio-egress", "istio-system"), Rule.Array[1, 3],
        (apiVersion, name, ns, rules) => Node.Map([
            ("apiVersion", Node.Str(apiVersion)),
            ("kind", Node.Str("ASMEgressTrafficPolicy")),
            ("metadata", Node.Map([("name", Node.Str(name)), ("namespace", Node.Str(ns))])),
            ("spec", Node.Map([("byEgressGateway", Node.Map([("name", Node.Str("egressgateway"))])), ("egressRules", Node.Seq(rules))])),
        ]));

    /// <summary>How a tree is written: each choice is one a person or a generator might make.</summary>
    private sealed record Style(int Indent, bool FlowLeaves, bool Quote, bool Comments, bool Anchor, bool Crlf, bool Bom, int Documents);

    private static readonly Gen<Style> Styles = Gen.Select(Gen.OneOf(2, 4), Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool,
        Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true))), Gen.Frequency((8, Gen.Const(false)), (1, Gen.Const(true))), Gen.Frequency((6, Gen.Const(1)), (1, Gen.Const(2))),
        (indent, flow, quote, comments, anchor, crlf, bom, documents) => new Style(indent, flow, quote, comments, anchor, crlf, bom, documents));

    /// <summary>Mostly valid policies, written in varied styles: they reach validation and expansion.</summary>
    public static readonly Gen<string> Policy = Gen.Select(PolicyTree.Array[1, 2], Styles, (trees, style) =>
    {
        var text = new StringBuilder();
        for (var i = 0; i < Math.Min(trees.Length, style.Documents); i++)
        {
            if (i > 0)
            {
                text.Append("---\n");
            }
            new Writer(text, style).Write(trees[i]);
        }
        var yaml = text.ToString();
        if (style.Crlf)
        {
            yaml = yaml.Replace("\n", "\r\n", StringComparison.Ordinal);
        }
        return style.Bom ? "\uFEFF" + yaml : yaml;
    });

    /// <summary>Fragments a hostile or careless edit leaves behind.</summary>
    private static readonly Gen<string> Debris = Gen.Frequency(
        (6, Gen.OneOf(":", "-", "- ", "[", "]", "{", "}", ",", "\t", "  ", "\n", "\r\n", "\r", "#", "\"", "'", "|", ">", "?", "&a ", "*a", "*missing", "!!str ",
            "!!int ", "!custom ", "---\n", "...\n", "%YAML 1.2\n---\n", "\uFEFF", "\0", "\u202E", "\u001b[31m", "<<: *a\n", "\uD800", "😀", "{a: [b, {c: d}]}", "key: value\n")),
        (1, Gen.Int[1, 300].Select(depth => new string('[', depth))),
        (1, Gen.Int[1, 300].Select(depth => new string('{', depth) + "a: b")),
        (1, Gen.Int[1, 60].Select(depth => string.Concat(Enumerable.Range(0, depth).Select(d => new string(' ', d) + "- \n")))),
        (1, Gen.String[Gen.Char, 1, 20]));

    /// <summary>One edit at a relative position (0..1) of the text.</summary>
    private static readonly Gen<Func<string, string>> Mutation = Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Double[0, 1], Debris, (kind, at, to, debris) =>
        (Func<string, string>)(text =>
        {
            var start = (int)(at * text.Length);
            var end = Math.Min(text.Length, start + (int)(to * 40));
            return kind switch
            {
                0 => text[..start] + text[end..], // delete
                1 => text[..start] + debris + text[start..], // insert
                2 => text[..start] + debris + text[end..], // replace
                3 => text[..start], // truncate
                4 => DuplicateLineAt(text, start),
                _ => text.Replace("  ", "\t", StringComparison.Ordinal), // tabs for indentation
            };
        }));

    /// <summary>Policies with one to four random edits: mostly broken, sometimes still valid.</summary>
    public static readonly Gen<string> MutatedPolicy = Gen.Select(Policy, Mutation.Array[1, 4], (text, edits) => edits.Aggregate(text, (t, edit) => edit(t)));

    /// <summary>
    /// Hand-written Istio configuration (the golden IST/EGI cases and Istio's own analyzer cases), with one to four random
    /// edits: what the cross-resource analysis reads while someone types.
    /// </summary>
    public static readonly Gen<string> MutatedIstio = Gen.Select(
        Gen.OneOf([.. IstioCorpus().Select(Gen.Const)]), Mutation.Array[0, 4], (text, edits) => edits.Aggregate(text, (t, edit) => edit(t)));

    private static IEnumerable<string> IstioCorpus() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "EgressLsp.Tests", "golden", "diagnostics"), "*.yaml")
            .Where(f => Path.GetFileName(f) is var name && (name.StartsWith("ist", StringComparison.Ordinal) || name.StartsWith("egi", StringComparison.Ordinal)))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze"), "*.yaml"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText);

    /// <summary>Anything a file may hold: generated policies, their mutations, Istio resources, YAML debris and arbitrary characters.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency(
        (3, Policy),
        (6, MutatedPolicy),
        (4, MutatedIstio),
        (2, Debris.Array[1, 30].Select(string.Concat)),
        (1, Gen.String));

    private static string DuplicateLineAt(string text, int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, Math.Min(offset, text.Length - 1))) + 1;
        var lineEnd = text.IndexOf('\n', lineStart);
        var line = lineEnd < 0 ? text[lineStart..] + "\n" : text[lineStart..(lineEnd + 1)];
        return text[..lineStart] + line + text[lineStart..];
    }

    /// <summary>A YAML value before it is written.</summary>
    private sealed record Node(string? Scalar, bool Quotable, IReadOnlyList<(string Key, Node Value)>? Pairs, IReadOnlyList<Node>? Items)
    {
        public static Node Str(string value) => new(value, true, null, null);

        public static Node Int(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), false, null, null);

        public static Node Bool(bool value) => new(value ? "true" : "false", false, null, null);

        public static Node Map(IReadOnlyList<(string, Node)> pairs) => new(null, false, pairs, null);

        public static Node Seq(IReadOnlyList<Node> items) => new(null, false, null, items);

        public bool IsLeafCollection => (Pairs?.All(p => p.Value.Scalar is not null) ?? false) || (Items?.All(i => i.Scalar is not null) ?? false);
    }

    /// <summary>Writes a node tree as block YAML; small collections of scalars in flow style when the style says so.</summary>
    private sealed class Writer(StringBuilder text, Style style)
    {
        private readonly Dictionary<string, string> _anchors = new(StringComparer.Ordinal);

        public void Write(Node root)
        {
            if (style.Comments)
            {
                text.Append("# generated policy\n");
            }
            WritePairs(root.Pairs!, 0);
        }

        private void WritePairs(IReadOnlyList<(string Key, Node Value)> pairs, int indent, bool firstInline = false)
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                if (!(firstInline && i == 0))
                {
                    text.Append(' ', indent);
                }
                text.Append(pairs[i].Key).Append(':');
                WriteValue(pairs[i].Value, indent);
            }
        }

        private void WriteValue(Node value, int indent)
        {
            if (value.Scalar is { } scalar)
            {
                text.Append(' ').Append(Scalar(value, scalar)).Append(style.Comments && scalar.Length % 3 == 0 ? " # note\n" : "\n");
                return;
            }
            var flow = Flow(value);
            if (style.Anchor && value.Pairs is not null && flow.Length > 0)
            {
                // The first occurrence of a flow mapping is anchored; an equal one later is an alias to it.
                if (_anchors.TryGetValue(flow, out var anchor))
                {
                    text.Append(" *").Append(anchor).Append('\n');
                    return;
                }
                anchor = $"a{_anchors.Count}";
                _anchors[flow] = anchor;
                text.Append(" &").Append(anchor);
            }
            if (style.FlowLeaves && value.IsLeafCollection)
            {
                text.Append(' ').Append(flow).Append('\n');
                return;
            }
            text.Append('\n');
            if (value.Pairs is { } pairs)
            {
                WritePairs(pairs, indent + style.Indent);
                return;
            }
            foreach (var item in value.Items!)
            {
                text.Append(' ', indent).Append("- ");
                if (item.Pairs is { } itemPairs)
                {
                    WritePairs(itemPairs, indent + 2, firstInline: true);
                }
                else
                {
                    text.Append(Scalar(item, item.Scalar!)).Append('\n');
                }
            }
        }

        private string Flow(Node value) => value switch
        {
            { Scalar: { } s } => Scalar(value, s),
            { Pairs: { } pairs } => "{" + string.Join(", ", pairs.Select(p => $"{p.Key}: {Flow(p.Value)}")) + "}",
            { Items: { } items } => "[" + string.Join(", ", items.Select(Flow)) + "]",
            _ => "",
        };

        private string Scalar(Node node, string value) =>
            node.Quotable && (style.Quote || value.Length == 0 || NeedsQuotes(value)) ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : value;

        private static bool NeedsQuotes(string value) =>
            value.IndexOfAny([':', '#', '*', '&', '!', ' ', '[', ']', '{', '}', ',', '-']) >= 0 || EgressLsp.Core.Yaml.YamlScalar.IsTyped(value);
    }
}
