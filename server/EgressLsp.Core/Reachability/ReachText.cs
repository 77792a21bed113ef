using System.Text;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Reachability;

/// <summary>An answer in words, hop by hop: what <c>egressctl reach</c> prints and the editor's "Explain" shows.</summary>
public static class ReachText
{
    private static readonly LocalizedText AllowedThroughGateway = new("allowed, through the egress gateway", "允许,经出口网关");
    private static readonly LocalizedText AllowedDirectly = new("allowed, directly (bypassing every egress gateway)", "允许,直连(绕过所有出口网关)");
    private static readonly LocalizedText Assuming = new("assuming outboundTrafficPolicy {0}", "假定 outboundTrafficPolicy 为 {0}");
    private static readonly LocalizedText GeneratedFrom = new("generated from", "生成自");

    /// <summary>
    /// <c>source → host:port (PROTOCOL): verdict</c>, the assumed outbound traffic policy, then one line per hop:
    /// its step, its object and where it is read, what it does. Control characters of the workspace's text are escaped.
    /// </summary>
    public static string Of(ReachAnswer answer, string? locale)
    {
        var text = new StringBuilder();
        text.Append($"{answer.Source.Display} → {answer.Host}:{answer.Port} ({answer.Protocol}): {Verdict(answer).For(locale)}\n");
        text.Append(Assuming.For(locale).Replace("{0}", answer.Assumed.Name(), StringComparison.Ordinal));
        text.Append(answer.Note is { } note ? $" ({note.For(locale)})\n" : "\n");
        var width = answer.Hops.Max(h => h.Step.Length);
        foreach (var hop in answer.Hops)
        {
            text.Append("  ").Append(hop.Step.PadRight(width)).Append("  ");
            if (hop.Object is { } at)
            {
                text.Append($"{at.Kind} {at.Namespace}/{at.Name} ({(at.Generated ? GeneratedFrom.For(locale) + " " : "")}{at.File}:{at.Line}): ");
            }
            text.Append(Text.TerminalText.Line(hop.Detail.For(locale))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>"allowed, through the egress gateway", "allowed, directly …" or "refused: HTTP 403 (…)".</summary>
    public static LocalizedText Verdict(ReachAnswer answer) => answer.Outcome == ReachOutcome.Refused
        ? new LocalizedText($"refused: {answer.Symptom?.En}", $"拒绝:{answer.Symptom?.Zh}")
        : answer.Via == ReachVia.EgressGateway ? AllowedThroughGateway : AllowedDirectly;

    /// <summary>A matrix cell: <c>gateway</c>, <c>DIRECT</c>, or the refusal in a word (<c>403</c>, <c>502</c>, <c>reset</c>).</summary>
    public static string Cell(ReachAnswer answer)
    {
        if (answer.IsAllowed)
        {
            return answer.Via == ReachVia.EgressGateway ? "gateway" : "DIRECT";
        }
        var symptom = answer.Symptom?.En ?? "";
        return symptom.StartsWith("HTTP ", StringComparison.Ordinal) ? symptom.Split(' ')[1]
            : symptom.StartsWith("connection reset", StringComparison.Ordinal) ? "reset"
            : "refused";
    }

    /// <summary>Every source's answer for one destination, one after the other: the editor's "Explain".</summary>
    public static string Explain(ReachMatrix matrix, string? locale) =>
        string.Join("\n", matrix.Answers.SelectMany(a => a).Select(answer => Of(answer, locale)));
}
