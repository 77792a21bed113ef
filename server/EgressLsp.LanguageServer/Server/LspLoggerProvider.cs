using EgressLsp.Core.Text;
using EgressLsp.LanguageServer.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// Logs go to stderr (stdout carries the protocol) and, once connected, to the client as
/// <c>window/logMessage</c>: warnings and errors always, information too while <c>$/setTrace</c> is not off.
/// </summary>
internal sealed class LspLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    private readonly object _gate = new();

    public JsonRpc? Connection { get; set; }

    /// <summary><c>off</c>, <c>messages</c> or <c>verbose</c>, from initialize and <c>$/setTrace</c>.</summary>
    public string Trace { get; set; } = "off";

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        // Paths, URIs and method names come from the client and the workspace: one line, controls escaped.
        message = TerminalText.Line(message);
        lock (_gate)
        {
            stderr.WriteLine($"[{level}] {message}");
            stderr.Flush();
        }
        var forward = level >= LogLevel.Warning || (Trace != "off" && level >= (Trace == "verbose" ? LogLevel.Debug : LogLevel.Information));
        if (forward && Connection is { IsDisposed: false } connection)
        {
            var type = level switch
            {
                >= LogLevel.Error => MessageType.Error,
                LogLevel.Warning => MessageType.Warning,
                LogLevel.Information => MessageType.Info,
                _ => MessageType.Log,
            };
            _ = connection.SendNotificationAsync("window/logMessage", new LogMessageParams(type, message));
        }
    }

    private sealed class Logger(LspLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            provider.Write(logLevel, exception is null ? message : $"{message}: {exception}");
        }
    }
}
