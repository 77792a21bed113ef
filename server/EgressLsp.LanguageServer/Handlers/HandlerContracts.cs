using System.Text.Json.Nodes;

namespace EgressLsp.LanguageServer.Handlers;

/// <summary>One LSP request method: typed parameters in, typed result out.</summary>
internal interface IRequestHandler<TParams, TResult>
{
    string Method { get; }

    Task<TResult> HandleAsync(TParams request, CancellationToken cancellationToken);
}

/// <summary>One LSP notification method.</summary>
internal interface INotificationHandler<TParams>
{
    string Method { get; }

    Task HandleAsync(TParams notification);
}

/// <summary>The parameters of a method that takes none (<c>shutdown</c>, <c>exit</c>).</summary>
internal sealed record NoParams
{
    public static NoParams Instance { get; } = new();
}

/// <summary>A handler that advertises what it serves in the <c>initialize</c> result.</summary>
internal interface ICapabilityProvider
{
    void AddCapabilities(JsonObject capabilities);
}
