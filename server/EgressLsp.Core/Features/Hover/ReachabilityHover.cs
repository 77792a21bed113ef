using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Reachability;

namespace EgressLsp.Core.Features.Hover;

/// <summary>
/// "Who can reach this host": on a host of a policy's <c>to</c> entry or of a ServiceEntry, the sources of the
/// workspace that reach it through the egress gateway, those that reach it directly (a bypass) and those refused,
/// per port, from the workspace's reachability (policies included).
/// </summary>
internal static class ReachabilityHover
{
    private const int MaxListed = 8;

    private static readonly LocalizedText Heading = new("Who can reach {0}", "谁可以访问 {0}");
    private static readonly LocalizedText Assumed = new("assuming outboundTrafficPolicy {0}", "假定 outboundTrafficPolicy 为 {0}");
    private static readonly LocalizedText ThroughGateway = new("through the egress gateway", "经出口网关");
    private static readonly LocalizedText Directly = new("directly, past every gateway", "直连,绕过所有网关");
    private static readonly LocalizedText Refused = new("refused", "被拒绝");
    private static readonly LocalizedText Nobody = new("no source of the workspace", "工作区中没有来源");
    private static readonly LocalizedText More = new("{0} more", "另有 {0} 个");

    /// <summary>The section, or null when the workspace declares no destination for the host.</summary>
    public static string? Section(DocumentAnalysis analysis, string host, string? locale)
    {
        var matrix = EgressReachability.For(analysis.Context.Workspace, analysis.Context.Environment).Matrix(host);
        if (matrix.Destinations.IsEmpty)
        {
            return null;
        }
        var text = new StringBuilder("**").Append(Format(Heading, locale, host)).Append("** (")
            .Append(Format(Assumed, locale, analysis.Context.Environment.OutboundTrafficPolicy.Name())).Append(")\n");
        for (var column = 0; column < matrix.Destinations.Length; column++)
        {
            var answers = matrix.Answers.Select(row => row[column]).ToArray();
            text.Append($"\n:{matrix.Destinations[column].Port}\n");
            Line(text, ThroughGateway, answers.Where(a => a.Via == ReachVia.EgressGateway).Select(a => a.Source.Display), locale);
            Line(text, Directly, answers.Where(a => a.Via == ReachVia.Direct).Select(a => a.Source.Display), locale);
            Line(text, Refused, answers.Where(a => !a.IsAllowed).Select(a => $"{a.Source.Display} ({ReachText.Cell(a)})"), locale);
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, LocalizedText label, IEnumerable<string> sources, string? locale)
    {
        var all = sources.ToArray();
        var listed = all.Length == 0 ? Nobody.For(locale)
            : string.Join(", ", all.Take(MaxListed).Select(s => $"`{s}`")) + (all.Length > MaxListed ? ", " + Format(More, locale, all.Length - MaxListed) : "");
        text.Append("- ").Append(label.For(locale)).Append(": ").Append(listed).Append('\n');
    }

    private static string Format(LocalizedText text, string? locale, object value) =>
        text.For(locale).Replace("{0}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
