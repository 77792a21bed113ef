using System.Globalization;
using System.Text;

namespace EgressLsp.Core.Reachability;

/// <summary>
/// The egress map of a workspace as SVG, drawn from its reachability matrix with no renderer needed: sources
/// (namespaces, labelled workloads) on the left, the egress gateways in the middle, the external destinations on the
/// right. Allowed paths are drawn through their gateway (green), bypasses straight to the host (red, dashed), and each
/// destination and source says how many requests are refused. Every element carries a tooltip and links to the object
/// that decides it (<c>file#Lline</c>; the editor opens it).
/// </summary>
public static class EgressMap
{
    private const int RowHeight = 30;
    private const int Top = 64;
    private const int BoxHeight = 22;
    private const int ColumnWidth = 250;
    private const int SourceX = 20;
    private const int GatewayX = 390;
    private const int HostX = 760;
    private const int Width = HostX + ColumnWidth + 20;

    public static string Svg(ReachMatrix matrix)
    {
        var answers = matrix.Answers.SelectMany(a => a).ToArray();
        var gateways = answers.Where(a => a.Gateway is not null).Select(a => a.Gateway!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rows = Math.Max(Math.Max(matrix.Sources.Length, matrix.Destinations.Length), Math.Max(gateways.Length, 1));
        var height = Top + rows * RowHeight + 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<title>Egress map</title>\n");
        svg.Append("<style>.box{fill:#f6f8fa;stroke:#8c959f}.gw{fill:#ddf4ff;stroke:#0969da}.ok{stroke:#1a7f37;stroke-width:1.5;fill:none}")
            .Append(".bypass{stroke:#cf222e;stroke-width:1.5;stroke-dasharray:6 4;fill:none}.refused{fill:#cf222e}.muted{fill:#57606a}</style>\n");
        var assumed = answers.Length > 0 ? $" · assuming outboundTrafficPolicy {Configuration.OutboundTrafficPolicies.Name(answers[0].Assumed)}" : "";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{SourceX}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Egress map</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{SourceX}\" y=\"42\" class=\"muted\">green: allowed through an egress gateway · red dashed: allowed past every gateway (a bypass) · ✗ refused{assumed}</text>\n");
        Header(svg, SourceX, "sources");
        Header(svg, GatewayX, "egress gateways");
        Header(svg, HostX, "destinations");

        var sourceIndex = matrix.Sources.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var hostIndex = matrix.Destinations.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        var gatewayIndex = gateways.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);

        // Edges first, so the boxes sit on top of them.
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < matrix.Sources.Length; row++)
        {
            for (var column = 0; column < matrix.Destinations.Length; column++)
            {
                var answer = matrix.Answers[row][column];
                if (!answer.IsAllowed)
                {
                    continue;
                }
                if (answer.Via == ReachVia.EgressGateway && answer.Gateway is { } gateway)
                {
                    var g = gatewayIndex[gateway];
                    Edge(svg, drawn, $"s{row}g{g}", SourceX + ColumnWidth, Y(row), GatewayX, Y(g), "ok",
                        $"{answer.Source.Display} → {gateway}", answer.ObjectAt("sidecar"));
                    Edge(svg, drawn, $"g{g}h{column}", GatewayX + ColumnWidth, Y(g), HostX, Y(column), "ok",
                        $"{gateway} → {answer.Host}:{answer.Port}", answer.ObjectAt("gateway-route"));
                }
                else
                {
                    Edge(svg, drawn, $"s{row}h{column}", SourceX + ColumnWidth, Y(row), HostX, Y(column), "bypass",
                        $"{answer.Source.Display} → {answer.Host}:{answer.Port} directly, past every egress gateway", answer.ObjectAt("sidecar") ?? answer.ObjectAt("registry"));
                }
            }
        }

        for (var row = 0; row < matrix.Sources.Length; row++)
        {
            var refused = matrix.Answers[row].Where(a => !a.IsAllowed).ToArray();
            Box(svg, SourceX, row, "box", matrix.Sources[row].Display, refused.Length, null,
                $"{matrix.Sources[row].Display}: {matrix.Answers[row].Count(a => a.IsAllowed)} allowed, {refused.Length} refused");
        }
        for (var g = 0; g < gateways.Length; g++)
        {
            var through = answers.Where(a => a.Gateway == gateways[g]).ToArray();
            var gatewayObject = through.Select(a => a.ObjectAt("gateway-server")).FirstOrDefault(o => o is not null);
            Box(svg, GatewayX, g, "gw", ServiceName(gateways[g]), 0, gatewayObject, $"{gateways[g]}: {through.Count(a => a.IsAllowed)} allowed paths");
        }
        for (var column = 0; column < matrix.Destinations.Length; column++)
        {
            var destination = matrix.Destinations[column];
            var inColumn = matrix.Answers.Select(row => row[column]).ToArray();
            var refused = inColumn.Where(a => !a.IsAllowed).ToArray();
            var declared = inColumn.Select(a => a.ObjectAt("registry")).FirstOrDefault(o => o is not null);
            var refusals = string.Join("; ", refused.Select(a => $"{a.Source.Display}: {ReachText.Cell(a)}"));
            Box(svg, HostX, column, "box", $"{destination.Host}:{destination.Port}", refused.Length, declared,
                $"{destination.Host}:{destination.Port}: {inColumn.Count(a => a.IsAllowed)} allowed, {refused.Length} refused{(refused.Length > 0 ? $" ({refusals})" : "")}");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary><c>egressgateway.istio-system</c> for <c>egressgateway.istio-system.svc.cluster.local</c>.</summary>
    private static string ServiceName(string host) => host.IndexOf(".svc.", StringComparison.Ordinal) is var at and > 0 ? host[..at] : host;

    private static int Y(int row) => Top + row * RowHeight + BoxHeight / 2;

    private static void Header(StringBuilder svg, int x, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Top - 8}\" font-weight=\"bold\">{Escape(text)}</text>\n");

    private static void Edge(StringBuilder svg, HashSet<string> drawn, string key, int x1, int y1, int x2, int y2, string style, string title, HopObject? decides)
    {
        if (!drawn.Add(key))
        {
            return;
        }
        var middle = (x1 + x2) / 2;
        Open(svg, decides);
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"{style}\" d=\"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}\"><title>{Escape(title + Where(decides))}</title></path>");
        Close(svg, decides);
    }

    private static void Box(StringBuilder svg, int x, int row, string style, string label, int refused, HopObject? decides, string title)
    {
        var y = Top + row * RowHeight;
        Open(svg, decides);
        svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Escape(title + Where(decides))}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{style}\" x=\"{x}\" y=\"{y}\" width=\"{ColumnWidth}\" height=\"{BoxHeight}\" rx=\"4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 15}\">{Escape(Shorten(label, refused > 0 ? 30 : 36))}</text>");
        if (refused > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"refused\" x=\"{x + ColumnWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">✗ {refused}</text>");
        }
        svg.Append("</g>");
        Close(svg, decides);
    }

    private static void Open(StringBuilder svg, HopObject? decides)
    {
        if (decides is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{Escape(decides.File)}#L{decides.Line}\" data-file=\"{Escape(decides.File)}\" data-line=\"{decides.Line}\">");
        }
    }

    private static void Close(StringBuilder svg, HopObject? decides) => svg.Append(decides is null ? "\n" : "</a>\n");

    private static string Where(HopObject? decides) =>
        decides is null ? "" : $" — {decides.Kind} {decides.Namespace}/{decides.Name} ({decides.File}:{decides.Line})";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
