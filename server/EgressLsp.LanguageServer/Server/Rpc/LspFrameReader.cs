using System.Buffers.Text;
using System.Text;

namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>One framed message from the client: its body, or why the frame could not be read.</summary>
internal readonly record struct LspFrame(byte[]? Body, string? Problem);

/// <summary>
/// Reads LSP's base protocol (<c>Content-Length: N\r\n\r\n</c> + N bytes) from the client, bounded: a header line,
/// the header block and a body each have a size limit, the body is read exactly (never trusted beyond what arrives),
/// and a frame that cannot be read is reported as a problem and skipped, so the next well-formed message is still
/// read. A header without a usable Content-Length (or one over the limit) leaves the body's length unknown: the reader
/// skips to the next line that starts a header (<c>Content-Length:</c> anywhere in a line is taken as the start of the next frame, since a body
/// is followed by the next header with no line break).
/// </summary>
internal sealed class LspFrameReader(Stream input, int maxBodyBytes)
{
    private const int MaxHeaderLineBytes = 8 * 1024;
    private const int MaxHeaderLines = 32;
    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;

    /// <returns>The next frame, or null at the end of the input (a frame cut off by the end is dropped).</returns>
    public async ValueTask<LspFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        long? contentLength = null;
        string? problem = null;
        var lines = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is not { } text)
            {
                return null;
            }
            if (text.Length == 0)
            {
                if (lines == 0)
                {
                    continue; // blank lines between frames carry nothing
                }
                break;
            }
            if (++lines > MaxHeaderLines)
            {
                problem ??= $"more than {MaxHeaderLines} header lines";
                continue;
            }
            var start = text.AsSpan().IndexOf(ContentLengthName);
            if (start > 0)
            {
                // The rest of a frame whose length was unknown, then the next frame's header: start over there.
                problem = null;
                contentLength = null;
                lines = 1;
                text = text[start..];
            }
            if (start >= 0 || StartsWithIgnoreCase(text, ContentLengthName))
            {
                var value = text.AsSpan(ContentLengthName.Length).Trim(" \t"u8);
                if (Utf8Parser.TryParse(value, out long length, out var consumed) && consumed == value.Length && length >= 0)
                {
                    contentLength = length;
                }
                else
                {
                    problem = $"Content-Length '{Printable(value)}' is not a number of bytes";
                }
            }
            else if (text.AsSpan().IndexOf((byte)':') <= 0)
            {
                problem ??= $"'{Printable(text)}' is not a header";
            }
            // Other headers (Content-Type) are accepted and ignored: the body is UTF-8 JSON whatever they say.
        }
        if (problem is not null || contentLength is not { } bodyLength)
        {
            return new LspFrame(null, problem ?? "a message without a Content-Length header");
        }
        if (bodyLength > maxBodyBytes)
        {
            // Not read, and not skipped either (a length of 2^40 would stall the reader): the next header is looked for
            // as after a frame of unknown length.
            return new LspFrame(null, $"a message of {bodyLength:N0} bytes, over the {maxBodyBytes:N0}-byte limit");
        }
        var body = new byte[bodyLength];
        return await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false) ? new LspFrame(body, null) : null;
    }

    /// <summary>The next line without its CR LF (or LF); a line longer than the limit is cut to it. Null at the end.</summary>
    private async ValueTask<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            line.Write(_buffer, _start, Math.Min(take, Math.Max(0, MaxHeaderLineBytes - (int)line.Length)));
            _start += take;
            if (newline >= 0)
            {
                _start++;
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.Length > 0 ? line.ToArray() : null;
            }
        }
    }

    private async ValueTask<bool> ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            var take = Math.Min(_end - _start, target.Length - filled);
            Buffer.BlockCopy(_buffer, _start, target, filled, take);
            _start += take;
            filled += take;
        }
        return true;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfInput)
        {
            return false;
        }
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfInput = true;
            return false;
        }
        _end += read;
        return true;
    }

    private static bool StartsWithIgnoreCase(byte[] text, byte[] prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text.AsSpan(0, prefix.Length), prefix);

    /// <summary>A header as it may be quoted in a log or an error (decoded, then shortened and escaped as the gate does).</summary>
    private static string Printable(ReadOnlySpan<byte> bytes) => MessageGate.Printable(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 81)]));
}
