using System.Text.Json;
using EgressLsp.Core;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary>
/// <c>--format sarif</c>: a SARIF 2.1.0 log for code scanning in CI (GitHub, GitLab, Azure DevOps). One run; the
/// driver (with the product version) lists one rule per code that occurs (sorted); results carry 1-based regions in
/// UTF-16 code units and artifact URIs relative to the working directory with '/' separators, marked as relative to
/// <c>%SRCROOT%</c> (run it from the repository root, as CI does, and code scanning places each result on its file;
/// absolute <c>file://</c> URIs for files outside it). Nothing machine-specific is written, so the log is stable for
/// the same inputs.
/// </summary>
public static class SarifFormatter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string InformationUri = "https://github.com/egress-lsp/egress-lsp";

    /// <summary>The base the relative URIs are relative to: the repository root, by code scanning's convention.</summary>
    public const string SourceRoot = "%SRCROOT%";

    public static string Format(IReadOnlyList<FileReport> files, string locale, string currentDirectory)
    {
        var rules = files.SelectMany(f => f.Diagnostics)
            .Select(d => d.Descriptor)
            .DistinctBy(d => d.Code)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Length; i++)
        {
            ruleIndex[rules[i].Code] = i;
        }

        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUri);
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();

            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "egressctl");
            writer.WriteString("semanticVersion", ProductVersion.Number);
            writer.WriteString("informationUri", InformationUri);
            writer.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(writer, rule);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteString("columnKind", "utf16CodeUnits");
            writer.WriteStartArray("results");
            foreach (var file in files)
            {
                var uri = ArtifactUri(file.DisplayPath, file.FullPath, currentDirectory);
                foreach (var diagnostic in file.Diagnostics)
                {
                    WriteResult(writer, file, uri, diagnostic, ruleIndex[diagnostic.Code], locale, currentDirectory);
                }
            }
            writer.WriteEndArray();

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter writer, DiagnosticDescriptor rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Code);
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", rule.TitleEn);
        writer.WriteEndObject();
        writer.WriteString("helpUri", rule.DocumentationUrl);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", Levels.SarifName(rule.DefaultLevel));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, FileReport file, string uri, Diagnostic diagnostic, int ruleIndex,
        string locale, string currentDirectory)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", diagnostic.Code);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Levels.SarifName(diagnostic.Level));
        writer.WriteStartObject("message");
        writer.WriteString("text", diagnostic.Message.For(locale));
        writer.WriteEndObject();
        writer.WriteStartArray("locations");
        WriteLocation(writer, uri, Region.Of(file.Text, diagnostic.Span), message: null);
        writer.WriteEndArray();
        if (!diagnostic.Related.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("relatedLocations");
            foreach (var related in diagnostic.Related)
            {
                var relatedUri = related.Path is null ? uri : ArtifactUri(related.Path, null, currentDirectory);
                WriteLocation(writer, relatedUri, Of(related.Range), related.Message.For(locale));
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter writer, string uri, Region region, string? message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("physicalLocation");
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", uri);
        if (!uri.StartsWith("file:", StringComparison.Ordinal))
        {
            writer.WriteString("uriBaseId", SourceRoot);
        }
        writer.WriteEndObject();
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", region.StartLine);
        writer.WriteNumber("startColumn", region.StartColumn);
        writer.WriteNumber("endLine", region.EndLine);
        writer.WriteNumber("endColumn", region.EndColumn);
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (message is not null)
        {
            writer.WriteStartObject("message");
            writer.WriteString("text", message);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static Region Of(LinePositionSpan range) =>
        new(range.Start.Line + 1, range.Start.Character + 1, range.End.Line + 1, range.End.Character + 1);

    /// <summary>
    /// A URI reference for a file: relative to the working directory with '/' separators and each segment
    /// percent-encoded, or an absolute <c>file://</c> URI when the file is outside the working directory.
    /// </summary>
    public static string ArtifactUri(string displayPath, string? fullPath, string currentDirectory)
    {
        if (fullPath is null && !Path.IsPathRooted(displayPath) && displayPath.StartsWith('<'))
        {
            return Uri.EscapeDataString(displayPath);
        }
        fullPath ??= Path.GetFullPath(displayPath, currentDirectory);
        var relative = Path.GetRelativePath(currentDirectory, fullPath);
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return new Uri(fullPath).AbsoluteUri;
        }
        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
