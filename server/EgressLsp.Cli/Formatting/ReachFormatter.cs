using System.Text;
using System.Text.Json;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary><c>egressctl reach</c>'s output: one answer hop by hop (text, JSON), or the matrix (text, markdown, JSON).</summary>
public static class ReachFormatter
{
    public static string Text(ReachAnswer answer, string locale) => ReachText.Of(answer, locale);

    /// <summary>
    /// <c>{ "from", "to", "protocol", "outcome": "allowed" | "refused", "via": "egress-gateway" | "direct" | null, "symptom",
    /// "outboundTrafficPolicy", "hops": [{ "step", "object": { "kind", "namespace", "name", "file", "line", "generated" } | null, "detail" }] }</c>.
    /// </summary>
    public static string Json(ReachAnswer answer, string locale) => JsonOutput.Write(writer => WriteAnswer(writer, answer, locale, withHops: true));

    private static void WriteAnswer(Utf8JsonWriter writer, ReachAnswer answer, string locale, bool withHops)
    {
        writer.WriteStartObject();
        writer.WriteString("from", answer.Source.Display);
        writer.WriteString("to", $"{answer.Host}:{answer.Port}");
        writer.WriteString("protocol", answer.Protocol);
        writer.WriteString("outcome", answer.IsAllowed ? "allowed" : "refused");
        if (answer.Via is { } via)
        {
            writer.WriteString("via", via == ReachVia.EgressGateway ? "egress-gateway" : "direct");
        }
        else
        {
            writer.WriteNull("via");
        }
        if (answer.Symptom is { } symptom)
        {
            writer.WriteString("symptom", symptom.For(locale));
        }
        else
        {
            writer.WriteNull("symptom");
        }
        if (withHops)
        {
            writer.WriteString("outboundTrafficPolicy", answer.Assumed.Name());
            if (answer.Note is { } note)
            {
                writer.WriteString("note", note.For(locale));
            }
            writer.WriteStartArray("hops");
            foreach (var hop in answer.Hops)
            {
                writer.WriteStartObject();
                writer.WriteString("step", hop.Step);
                if (hop.Object is { } at)
                {
                    writer.WriteStartObject("object");
                    writer.WriteString("kind", at.Kind);
                    writer.WriteString("namespace", at.Namespace);
                    writer.WriteString("name", at.Name);
                    writer.WriteString("file", at.File);
                    writer.WriteNumber("line", at.Line);
                    writer.WriteBoolean("generated", at.Generated);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("object");
                }
                writer.WriteString("detail", hop.Detail.For(locale));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// One row per source, one column per destination; a cell is <c>gateway</c> (allowed through an egress gateway),
    /// <c>DIRECT</c> (allowed past every gateway: a bypass) or how the request is refused (<c>403</c>, <c>502</c>,
    /// <c>reset</c>…). Text is aligned columns, markdown a table.
    /// </summary>
    public static string MatrixTable(ReachMatrix matrix, bool markdown)
    {
        var header = new[] { "source" }.Concat(matrix.Destinations.Select(d => $"{d.Host}:{d.Port}")).ToArray();
        var rows = matrix.Sources.Select((source, i) => new[] { source.Display }.Concat(matrix.Answers[i].Select(ReachText.Cell)).ToArray()).ToArray();
        var text = new StringBuilder();
        var assumed = matrix.Answers.SelectMany(a => a).FirstOrDefault()?.Assumed ?? OutboundTrafficPolicy.RegistryOnly;
        if (markdown)
        {
            text.Append("| ").Append(string.Join(" | ", header.Select(Escape))).Append(" |\n");
            text.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
            foreach (var row in rows)
            {
                text.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
            }
            text.Append($"\n`gateway`: allowed through the egress gateway; `DIRECT`: allowed past every egress gateway (a bypass); otherwise how the request is refused. Assuming outboundTrafficPolicy {assumed.Name()}.\n");
            return text.ToString();
        }
        var widths = header.Select((h, column) => rows.Select(r => r[column].Length).Append(h.Length).Max()).ToArray();
        text.Append(string.Join("  ", header.Select((h, column) => h.PadRight(widths[column]))).TrimEnd()).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        }
        text.Append($"gateway: allowed through the egress gateway; DIRECT: allowed past every egress gateway (a bypass); otherwise how it is refused. Assuming outboundTrafficPolicy {assumed.Name()}.\n");
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary><c>{ "outboundTrafficPolicy", "sources": [...], "destinations": [...], "cells": [{ "from", "to", "protocol", "outcome", "via", "symptom" }] }</c>.</summary>
    public static string MatrixJson(ReachMatrix matrix, string locale) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("outboundTrafficPolicy", (matrix.Answers.SelectMany(a => a).FirstOrDefault()?.Assumed ?? OutboundTrafficPolicy.RegistryOnly).Name());
        writer.WriteStartArray("sources");
        foreach (var source in matrix.Sources)
        {
            writer.WriteStringValue(source.Display);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("destinations");
        foreach (var destination in matrix.Destinations)
        {
            writer.WriteStringValue($"{destination.Host}:{destination.Port}");
        }
        writer.WriteEndArray();
        writer.WriteStartArray("cells");
        foreach (var answer in matrix.Answers.SelectMany(a => a))
        {
            WriteAnswer(writer, answer, locale, withHops: false);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
