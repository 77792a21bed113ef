using System.IO.Pipes;
using System.Text;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.Fuzz;

/// <summary>
/// The language server's input stream: the bytes are what an editor (or an attacker) writes to <c>egressctl lsp</c>,
/// given to the server's public entry point (<see cref="LanguageServerHost.RunAsync"/>) in-process, followed by one
/// well-formed hover request, the probe. A bug is an exception out of the server, a server that does not stop at
/// the end of its input, or — when the bytes are a sequence of properly framed messages and none of them is
/// <c>exit</c> — a probe left unanswered: the server died or wedged on a message it should have answered with an
/// error and kept serving.
/// </summary>
internal static class JsonRpcTarget
{
    private const string ProbeId = "egress-fuzz-probe";

    private static readonly byte[] Probe = Frame(
        "{\"jsonrpc\":\"2.0\",\"id\":\"" + ProbeId + "\",\"method\":\"textDocument/hover\","
        + "\"params\":{\"textDocument\":{\"uri\":\"file:///fuzz/probe.yaml\"},\"position\":{\"line\":0,\"character\":0}}}");

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    public static void Run(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var mustAnswer = IsFramedWithoutExit(bytes);

        using var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var serverInput = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        using var fromServer = new AnonymousPipeServerStream(PipeDirection.In);
        using var serverOutput = new AnonymousPipeClientStream(PipeDirection.Out, fromServer.ClientSafePipeHandle);

        var server = Task.Run(() => LanguageServerHost.RunAsync(serverInput, serverOutput, TextWriter.Null));
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() => ReadUntilProbeAnswer(fromServer, answered));
        var writer = Task.Run(() =>
        {
            try
            {
                toServer.Write(bytes);
                toServer.Write(Probe);
                toServer.Flush();
            }
            catch (IOException)
            {
                // The server stopped reading (it closed its input): judged below by whether it answered.
            }
        });

        var probeAnswered = Task.WhenAny(answered.Task, server).Wait(AnswerTimeout) && answered.Task.IsCompleted;
        if (!probeAnswered)
        {
            // Give a server that is still running the rest of the timeout, then judge.
            probeAnswered = answered.Task.Wait(server.IsCompleted ? TimeSpan.Zero : AnswerTimeout);
        }
        writer.Wait(AnswerTimeout);
        toServer.Dispose(); // end of input: the server must stop
        if (!server.Wait(AnswerTimeout))
        {
            throw new TimeoutException("the language server did not stop within 5 s after the end of its input");
        }
        serverOutput.Dispose();
        reader.Wait(AnswerTimeout);
        if (server.IsFaulted)
        {
            throw new InvalidOperationException("the language server threw", server.Exception);
        }
        if (mustAnswer && !probeAnswered)
        {
            throw new InvalidOperationException(server.IsCompleted
                ? $"the language server stopped (exit code {server.Result}) before answering a well-formed request after this input"
                : "the language server did not answer a well-formed request within 5 s after this input");
        }
    }

    private static void ReadUntilProbeAnswer(Stream output, TaskCompletionSource answered)
    {
        var seen = new StringBuilder();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = output.Read(chunk, 0, chunk.Length)) > 0)
            {
                seen.Append(Encoding.UTF8.GetString(chunk, 0, read));
                if (seen.ToString().Contains($"\"id\":\"{ProbeId}\"", StringComparison.Ordinal))
                {
                    answered.TrySetResult();
                }
                // Keep only a tail long enough to hold the id across chunk boundaries.
                if (seen.Length > 4096)
                {
                    seen.Remove(0, seen.Length - 64);
                }
            }
        }
        catch (IOException)
        {
            // The server's end closed.
        }
    }

    private static byte[] Frame(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
    }

    /// <summary>
    /// True when the bytes are whole LSP messages (header lines, one <c>Content-Length</c>, a blank line, a body of
    /// exactly that length), none of which mentions <c>exit</c>: after such input a live server must answer.
    /// </summary>
    private static bool IsFramedWithoutExit(byte[] bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            var headerEnd = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                return false;
            }
            long? length = null;
            foreach (var line in Encoding.ASCII.GetString(bytes, at, headerEnd).Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return false;
                }
                if (line[..colon].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    if (length is not null || !long.TryParse(line[(colon + 1)..].Trim(), out var parsed) || parsed < 0)
                    {
                        return false;
                    }
                    length = parsed;
                }
            }
            var bodyStart = at + headerEnd + 4;
            if (length is not { } size || size > bytes.Length - bodyStart)
            {
                return false;
            }
            if (bytes.AsSpan(bodyStart, (int)size).IndexOf("exit"u8) >= 0)
            {
                return false;
            }
            at = bodyStart + (int)size;
        }
        return true;
    }
}
