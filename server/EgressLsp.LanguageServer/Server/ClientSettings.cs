using System.Collections.Immutable;
using System.Text.Json;
using EgressLsp.Core.Targets;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Policy;

namespace EgressLsp.LanguageServer.Server;

/// <summary>
/// The editor's settings (section <c>egressLsp</c>, from initializationOptions or workspace/configuration): the
/// target, environment overrides and the locale. The project's <c>egresslsp.yaml</c> still decides rule levels;
/// these settings override its environment, as CLI flags do.
/// </summary>
internal sealed record ClientSettings(string? Locale, ExpansionTarget? Target, EnvironmentOverrides Environment)
{
    public static ClientSettings Empty { get; } = new(null, null, EnvironmentOverrides.None);

    /// <summary>Reads <c>{ target, locale, environment: {…} }</c>, or the same nested under <c>egressLsp</c>.</summary>
    public static ClientSettings Read(JsonElement? element, ClientSettings fallback)
    {
        if (element is not { ValueKind: JsonValueKind.Object } settings)
        {
            return fallback;
        }
        if (settings.TryGetProperty("egressLsp", out var nested) && nested.ValueKind == JsonValueKind.Object)
        {
            settings = nested;
        }
        var target = TargetRegistry.Find(String(settings, "target")) ?? fallback.Target;
        var environment = settings.TryGetProperty("environment", out var env) && env.ValueKind == JsonValueKind.Object
            ? EnvironmentOverrides.Read(env)
            : fallback.Environment;
        return new ClientSettings(String(settings, "locale") ?? fallback.Locale, target, environment);
    }

    public EgressEnvironment Apply(EgressEnvironment environment)
    {
        var result = Environment.Apply(environment);
        return Target is { } target ? result with { Target = target } : result;
    }

    internal static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}

internal sealed record EnvironmentOverrides(
    string? GatewayNamespace, string? GatewayService, ImmutableArray<Label>? GatewaySelector,
    string? RootNamespace, string? ClusterDomain, string? TrustDomain)
{
    public static EnvironmentOverrides None { get; } = new(null, null, null, null, null, null);

    public static EnvironmentOverrides Read(JsonElement environment)
    {
        ImmutableArray<Label>? selector = null;
        if (environment.TryGetProperty("gatewaySelector", out var labels) && labels.ValueKind == JsonValueKind.Object)
        {
            selector = [.. labels.EnumerateObject().Where(l => l.Value.ValueKind == JsonValueKind.String).Select(l => new Label(l.Name, l.Value.GetString()!))];
        }
        return new EnvironmentOverrides(
            ClientSettings.String(environment, "gatewayNamespace"),
            ClientSettings.String(environment, "gatewayService"),
            selector is { IsEmpty: false } ? selector : null,
            ClientSettings.String(environment, "rootNamespace"),
            ClientSettings.String(environment, "clusterDomain"),
            ClientSettings.String(environment, "trustDomain"));
    }

    public EgressEnvironment Apply(EgressEnvironment environment) => environment with
    {
        GatewayNamespace = GatewayNamespace ?? environment.GatewayNamespace,
        GatewayService = GatewayService ?? environment.GatewayService,
        GatewaySelector = GatewaySelector ?? environment.GatewaySelector,
        RootNamespace = RootNamespace ?? environment.RootNamespace,
        ClusterDomain = ClusterDomain ?? environment.ClusterDomain,
        TrustDomain = TrustDomain ?? environment.TrustDomain,
    };
}
