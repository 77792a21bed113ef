namespace EgressLsp.Cli.Formatting;

/// <summary>
/// <c>--format json</c>: an array with one object per diagnostic, in file order then position order:
/// <c>{file, line, column, endLine, endColumn, severity, code, message, documentation}</c>, lines and columns
/// 1-based (columns in UTF-16 code units).
/// </summary>
public static class JsonFormatter
{
    public static string Format(IEnumerable<FileReport> files, string locale) => JsonOutput.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var file in files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                var region = Region.Of(file.Text, diagnostic.Span);
                writer.WriteStartObject();
                writer.WriteString("file", file.DisplayPath);
                writer.WriteNumber("line", region.StartLine);
                writer.WriteNumber("column", region.StartColumn);
                writer.WriteNumber("endLine", region.EndLine);
                writer.WriteNumber("endColumn", region.EndColumn);
                writer.WriteString("severity", Levels.Name(diagnostic.Level));
                writer.WriteString("code", diagnostic.Code);
                writer.WriteString("message", diagnostic.Message.For(locale));
                writer.WriteString("documentation", diagnostic.DocumentationUrl);
                writer.WriteEndObject();
            }
        }
        writer.WriteEndArray();
    });
}
