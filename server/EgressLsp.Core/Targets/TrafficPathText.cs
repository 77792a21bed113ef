using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Targets;

/// <summary>The words every target's traffic-path line shares: what the last hop carries to the external host.</summary>
internal static class TrafficPathText
{
    private static readonly LocalizedText TlsOriginated = new("TLS originated", "由网关发起 TLS");
    private static readonly LocalizedText TlsPassedThrough = new("TLS from the application, passed through", "应用发起的 TLS,透传");
    private static readonly LocalizedText Plain = new("plain {0}", "明文 {0}");
    private static readonly LocalizedText Opaque = new("{0}, passed through", "{0},透传");
    private static readonly LocalizedText Note = new(" ({0})", "({0})");

    /// <summary>" (TLS originated)", " (plain HTTP)"…: the note after the external host.</summary>
    public static string LastHopNote(PlannedDestination destination, string? locale)
    {
        var protocol = destination.Source.Protocol ?? "";
        var carried = destination.OriginatesTls ? TlsOriginated.For(locale) : destination.Kind switch
        {
            TrafficKind.Tls => TlsPassedThrough.For(locale),
            TrafficKind.Http => Plain.Format(locale, protocol),
            _ => Opaque.Format(locale, protocol),
        };
        return NoteOf(carried, locale);
    }

    /// <summary>" (…)" in the locale's punctuation.</summary>
    public static string NoteOf(string text, string? locale) => Note.Format(locale, text);
}
