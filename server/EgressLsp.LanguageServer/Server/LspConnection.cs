using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using EgressLsp.LanguageServer.Protocol;
using EgressLsp.LanguageServer.Server.Rpc;
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

    /// <summary>
    /// How the gate reads parameters (<see cref="MessageGate"/>): the same types, but a required member that is missing
    /// or null is an error instead of a default (optional members of the protocol types default to null).
    /// </summary>
    public static JsonSerializerOptions StrictOptions { get; } = new()
    {
        TypeInfoResolver = LspJsonContext.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The connection: StreamJsonRpc over <see cref="GuardedMessageHandler"/>, which checks every message first.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Justification)]
    public static (JsonRpc Rpc, GuardedMessageHandler Handler) Create(Stream input, Stream output)
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.TypeInfoResolver = LspJsonContext.Default;
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        var handler = new GuardedMessageHandler(input, output, formatter);
        return (new JsonRpc(handler), handler);
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
