using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server.Rpc;

/// <summary>
/// Each request runs on the thread pool (the reading loop goes on to the next message) and gets an answer within
/// <see cref="Limit"/>: past it the request is cancelled and answered with RequestFailed, and the server serves others
/// meanwhile. A handler's exception is answered with InternalError. Work is bounded in memory by the input limits
/// (document size, the YAML budget), not here.
/// </summary>
internal static class RequestBudget
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<T> RunAsync<T>(string method, Func<CancellationToken, Task<T>> handle, ILogger logger, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => handle(budget.Token), budget.Token);
        var finished = await Task.WhenAny(work, Task.Delay(Limit, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != work)
        {
            budget.Cancel();
            logger.LogWarning("'{Method}' took longer than {Seconds} s and was stopped", method, Limit.TotalSeconds);
            throw LspErrorCodes.Error(LspErrorCodes.RequestFailed, $"'{method}' took longer than {Limit.TotalSeconds:0} s and was stopped");
        }
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not (LocalRpcException or OutOfMemoryException))
        {
            logger.LogError(e, "'{Method}' failed", method);
            throw LspErrorCodes.Error(LspErrorCodes.InternalError, $"'{method}' failed: {e.Message}");
        }
    }
}
