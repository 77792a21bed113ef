using System.Globalization;
using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// Whole entries as LSP snippets: a policy, a rule, and a <c>to</c> entry for each traffic shape of the ASM
/// guide (HTTP, HTTP upgraded to HTTPS at the gateway, HTTPS passthrough), written the way the guide does.
/// </summary>
internal static class PolicySnippets
{
    private const string RulesShape = "spec.egressRules";
    private const string RuleShape = "spec.egressRules[]";
    private const string DestinationShape = "spec.egressRules[].to[]";

    private enum TrafficShape { Http, HttpUpgraded, HttpsPassthrough }

    private sealed record ShapeInfo(TrafficShape Shape, string Label, string Detail, LocalizedText Documentation, TrafficKind Kind);

    private static readonly ShapeInfo[] Shapes =
    [
        new(TrafficShape.Http, "to: HTTP", "Sidecar → 80 Gateway → 80 Service",
            new LocalizedText("A destination the application reaches over plain HTTP: the sidecar carries it to the egress gateway over mutual TLS, and the gateway sends HTTP to the service on port 80.",
                "应用以明文HTTP访问的目标:Sidecar通过双向TLS将流量发往出口网关,出口网关再以HTTP访问服务的80端口。"),
            TrafficKind.Http),
        new(TrafficShape.HttpUpgraded, "to: HTTP upgraded to HTTPS", "Sidecar → 80 Gateway → 443 Service (TLS)",
            new LocalizedText("The application sends plain HTTP; the egress gateway originates TLS and reaches the service with HTTPS on port 443 (`httpsUpgrade`).",
                "应用发送明文HTTP;出口网关发起TLS,以HTTPS访问服务的443端口(`httpsUpgrade`)。"),
            TrafficKind.Http),
        new(TrafficShape.HttpsPassthrough, "to: HTTPS passthrough", "Sidecar → 444 Gateway → 443 Service (SNI)",
            new LocalizedText("The application sends HTTPS itself; the egress gateway passes it through by SNI. Each HTTPS destination needs a gateway port of its own (444, 445, …).",
                "应用自行发送HTTPS;出口网关按SNI透传。每个HTTPS目标都需要独占一个网关端口(444、445……)。"),
            TrafficKind.Tls),
    ];

    /// <summary>Adds the snippets that fit the position: a policy at an empty root, a rule or a <c>to</c> at a new item.</summary>
    public static void Add(CompletionContext context, DocumentAnalysis analysis, RoutedDocument? document, List<CompletionEntry> items)
    {
        if (context.Position != CompletionPosition.Key || context.IsFlow)
        {
            return;
        }
        var shape = context.Shape;
        if (shape == "" && context.ExistingKeys.All(key => key == "apiVersion"))
        {
            items.Add(Snippet(context, "egress policy", "ASMEgressTrafficPolicy",
                new LocalizedText("A whole egress policy: the gateway, one rule with a source namespace and an HTTP destination.",
                    "完整的出口流量策略:出口网关,以及一条包含来源命名空间和HTTP目标的规则。"),
                writer => WritePolicy(writer, analysis, includeApiVersion: !context.ExistingKeys.Contains("apiVersion"))));
            return;
        }
        if (!context.AtItemStart || !context.ExistingKeys.IsEmpty)
        {
            return;
        }
        if (shape == RuleShape)
        {
            items.Add(Snippet(context, "egress rule", "from → to",
                new LocalizedText("A rule: a source namespace (`from`) and an HTTP destination (`to`).",
                    "一条规则:来源命名空间(`from`)和一个HTTP目标(`to`)。"),
                writer => WriteRule(writer, 0, analysis, Ports(document, analysis))));
        }
        else if (shape == DestinationShape)
        {
            var ports = Ports(document, analysis);
            foreach (var info in Shapes)
            {
                var gatewayPort = ports.For(info.Kind);
                items.Add(Snippet(context, info.Label, info.Detail, info.Documentation,
                    writer => WriteDestination(writer, 0, info.Shape, gatewayPort)));
            }
        }
    }

    private static CompletionEntry Snippet(CompletionContext context, string label, string detail, LocalizedText documentation,
        Action<SnippetWriter> write)
    {
        var writer = new SnippetWriter(context.Indent);
        write(writer);
        return new CompletionEntry(label, CompletionEntryKind.Snippet, detail, documentation, context.ItemPrefix + writer.ToString(), true,
            context.ReplaceSpan, "0" + label, SchemaCompletions.FilterText(context, label));
    }

    private static void WritePolicy(SnippetWriter writer, DocumentAnalysis analysis, bool includeApiVersion)
    {
        if (includeApiVersion)
        {
            writer.Line(0, "apiVersion: " + EgressPolicy.Group + "/v1");
        }
        writer.Line(0, "kind: " + EgressPolicy.KindName);
        var gateway = writer.Choice([.. analysis.Context.Workspace.GatewayNames], "egressgateway");
        writer.Line(0, "metadata:");
        writer.Line(2, "name: egress-by-" + gateway.Text);
        writer.Line(2, "namespace: istio-egress");
        writer.Line(0, "spec:");
        writer.Line(2, "byEgressGateway:");
        writer.Line(4, "name: " + gateway.Mirror);
        writer.Line(2, "egressRules:");
        writer.Item(2);
        WriteRule(writer, 4, analysis, new GatewayPorts(GatewayPortSuggestions.HttpPort, GatewayPortSuggestions.OpaqueFirst));
    }

    private static void WriteRule(SnippetWriter writer, int depth, DocumentAnalysis analysis, GatewayPorts ports)
    {
        writer.Line(depth, "from:");
        writer.Item(depth);
        writer.Line(depth + 2, "namespace: " + writer.Choice([.. analysis.Context.Workspace.KnownNamespaces], "default").Text);
        writer.Line(depth, "to:");
        writer.Item(depth);
        WriteDestination(writer, depth + 2, TrafficShape.Http, ports.For(TrafficKind.Http));
    }

    private static void WriteDestination(SnippetWriter writer, int depth, TrafficShape shape, int? gatewayPort)
    {
        var https = shape == TrafficShape.HttpsPassthrough;
        writer.Line(depth, "name: " + writer.Placeholder(https ? "httpbin-service-https" : "httpbin-service-http"));
        writer.Line(depth, "hosts:");
        writer.Item(depth);
        writer.Line(depth + 2, writer.Placeholder("httpbin.org"));
        writer.Line(depth, "port:");
        writer.Line(depth + 2, https ? "name: https" : "name: http");
        writer.Line(depth + 2, https ? "number: 443" : "number: 80");
        writer.Line(depth + 2, https ? "protocol: HTTPS" : "protocol: HTTP");
        if (gatewayPort is { } port)
        {
            writer.Line(depth, "byEgressGateway:");
            writer.Line(depth + 2, "port: " + writer.Placeholder(port.ToString(CultureInfo.InvariantCulture)));
        }
        if (shape == TrafficShape.HttpUpgraded)
        {
            writer.Line(depth, "httpsUpgrade:");
            writer.Line(depth + 2, "enabled: true");
            writer.Line(depth + 2, "port: 443");
        }
    }

    /// <summary>
    /// The gateway ports a new destination would take, as the quick fixes pick them (HTTP shares 80, each
    /// HTTPS gets its own from 444 up); none when the policy relies on v1's automatic allocation.
    /// </summary>
    private static GatewayPorts Ports(RoutedDocument? document, DocumentAnalysis analysis)
    {
        if (document?.Plan is not { } plan)
        {
            return new GatewayPorts(GatewayPortSuggestions.HttpPort, GatewayPortSuggestions.OpaqueFirst);
        }
        if (!plan.Destinations.IsEmpty && plan.Destinations.All(d => d.GatewayPortOrigin == GatewayPortOrigin.AutoAllocated))
        {
            return new GatewayPorts(null, null);
        }
        var gateway = document.Policy?.GatewayName is { } name ? analysis.Context.Workspace.FindGateway(name) : null;
        var suggestions = new GatewayPortSuggestions(plan, gateway);
        return new GatewayPorts(suggestions.Take(TrafficKind.Http), suggestions.Take(TrafficKind.Tls));
    }

    private readonly record struct GatewayPorts(int? Http, int? Tls)
    {
        public int? For(TrafficKind kind) => kind == TrafficKind.Tls ? Tls : Http;
    }

    /// <summary>
    /// Writes snippet lines relative to the insert's first column, numbering tab stops in order; literal text
    /// is escaped for the snippet syntax.
    /// </summary>
    private sealed class SnippetWriter(int indent)
    {
        private readonly StringBuilder _text = new();
        private int _nextTabStop = 1;
        private bool _itemPending;

        public readonly record struct TabStop(string Text, string Mirror);

        /// <summary>Writes a line at <paramref name="depth"/> columns; right after <see cref="Item"/>, it follows that "- ".</summary>
        public void Line(int depth, string text)
        {
            if (_itemPending)
            {
                _itemPending = false;
            }
            else
            {
                if (_text.Length > 0)
                {
                    _text.Append('\n').Append(' ', indent + depth);
                }
                else
                {
                    _text.Append(' ', depth);
                }
            }
            _text.Append(text);
        }

        /// <summary>Starts a list item at <paramref name="depth"/>: the next line goes on the same line, after "- ".</summary>
        public void Item(int depth)
        {
            Line(depth, "- ");
            _itemPending = true;
        }

        public string Placeholder(string value) => $"${{{_nextTabStop++}:{Escape(value)}}}";

        /// <summary>A choice among known values, or a placeholder with <paramref name="fallback"/> when none is known.</summary>
        public TabStop Choice(IReadOnlyList<string> options, string fallback)
        {
            var number = _nextTabStop;
            var text = options.Count > 1
                ? $"${{{_nextTabStop++}|{string.Join(',', options.Select(EscapeChoice))}|}}"
                : Placeholder(options.Count == 1 ? options[0] : fallback);
            return new TabStop(text, "$" + number.ToString(CultureInfo.InvariantCulture));
        }

        public override string ToString() => _text.ToString();

        private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("$", "\\$").Replace("}", "\\}");

        private static string EscapeChoice(string text) => Escape(text).Replace(",", "\\,").Replace("|", "\\|");
    }
}
