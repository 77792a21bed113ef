using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using EgressLsp.LanguageServer.Protocol;
using StreamJsonRpc;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The one place that touches StreamJsonRpc APIs the trim analyzer cannot prove safe. They are safe here because
/// the System.Text.Json formatter serializes each parameter object whole, through <see cref="LspJsonContext"/>
/// (no reflection over the object); the native-build smoke test in tests/ checks it on a NativeAOT binary.
/// </summary>
internal static class LspConnection
{
    private const string Justification =
        "Parameter objects are serialized whole by SystemTextJsonFormatter with the source-generated LspJsonContext.";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Justification)]
    public static JsonRpc Create(Stream input, Stream output)
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.TypeInfoResolver = LspJsonContext.Default;
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public static Task SendNotificationAsync<TParams>(this JsonRpc rpc, string method, TParams parameters) where TParams : class =>
        rpc.NotifyWithParameterObjectAsync(method, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public static Task<TResult> SendRequestAsync<TParams, TResult>(this JsonRpc rpc, string method, TParams parameters, CancellationToken cancellationToken = default)
        where TParams : class =>
        rpc.InvokeWithParameterObjectAsync<TResult>(method, parameters, cancellationToken);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public static Task SendRequestAsync<TParams>(this JsonRpc rpc, string method, TParams parameters) where TParams : class =>
        rpc.InvokeWithParameterObjectAsync(method, parameters);
}
