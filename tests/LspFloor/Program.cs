using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

// The floor of the side-by-side harness: a NativeAOT StreamJsonRpc server with the formatter our server uses, answering
// initialize, shutdown and exit and nothing else.
var formatter = new SystemTextJsonFormatter();
formatter.JsonSerializerOptions.TypeInfoResolver = FloorContext.Default;
var handler = new HeaderDelimitedMessageHandler(Console.OpenStandardOutput(), Console.OpenStandardInput(), formatter);
var rpc = new JsonRpc(handler);
var done = new TaskCompletionSource();
rpc.AddLocalRpcMethod("initialize", new Func<JsonElement, InitResult>(_ => new InitResult(new Caps(2))));
rpc.AddLocalRpcMethod("shutdown", new Func<JsonElement?>(() => null));
rpc.AddLocalRpcMethod("exit", new Action(() => done.TrySetResult()));
rpc.StartListening();
await Task.WhenAny(done.Task, rpc.Completion);

public sealed record InitResult(Caps capabilities);
public sealed record Caps(int textDocumentSync);

[JsonSerializable(typeof(InitResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
public sealed partial class FloorContext : JsonSerializerContext;
