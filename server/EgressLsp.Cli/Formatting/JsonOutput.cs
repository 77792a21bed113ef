using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EgressLsp.Core.Text;

namespace EgressLsp.Cli.Formatting;

/// <summary>
/// Utf8JsonWriter set up the same way for every JSON the CLI prints: indented by two spaces, <c>\n</c> line
/// endings, non-ASCII text (Chinese messages) left readable but control and bidi characters escaped, a trailing newline. No reflection: NativeAOT-safe.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return TerminalText.EscapeJson(Encoding.UTF8.GetString(buffer.WrittenSpan)) + "\n";
    }
}
