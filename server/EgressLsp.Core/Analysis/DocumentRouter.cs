using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

public enum DocumentKind
{
    /// <summary>Not a Kubernetes object we analyse (left alone: no diagnostics).</summary>
    Other,

    /// <summary><c>kind: ASMEgressTrafficPolicy</c>, whatever its apiVersion (EGP008 reports an unknown one).</summary>
    EgressPolicy,

    /// <summary>networking.istio.io / security.istio.io objects.</summary>
    Istio,

    /// <summary>policy.openservicemesh.io objects.</summary>
    OsmEdge,

    /// <summary>Any other Kubernetes object (feeds the workspace index).</summary>
    Kubernetes,
}

/// <summary>One YAML document with its routing decision, read from <c>apiVersion</c> and <c>kind</c>.</summary>
public sealed class RoutedDocument
{
    private readonly Lazy<EgressPolicy?> _policy;
    private readonly Lazy<EgressPlan?> _plan;

    internal RoutedDocument(YamlDocument document, DocumentKind kind, string? apiVersion, string? kindName)
    {
        Document = document;
        Kind = kind;
        ApiVersion = apiVersion;
        KindName = kindName;
        _policy = new Lazy<EgressPolicy?>(() => kind == DocumentKind.EgressPolicy ? EgressPolicy.Bind(document) : null);
        _plan = new Lazy<EgressPlan?>(() => Policy is { } policy ? EgressPlan.Build(policy) : null);
    }

    public YamlDocument Document { get; }

    public DocumentKind Kind { get; }

    public string? ApiVersion { get; }

    public string? KindName { get; }

    /// <summary>The policy model, for policy documents.</summary>
    public EgressPolicy? Policy => _policy.Value;

    public EgressPlan? Plan => _plan.Value;
}

public static class DocumentRouter
{
    public static RoutedDocument Route(YamlDocument document)
    {
        var root = document.Root?.Resolved as YamlMapping;
        var apiVersion = root?.GetString("apiVersion");
        var kind = root?.GetString("kind");
        var group = apiVersion is null ? null : apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        var routed = (kind, group) switch
        {
            (EgressPolicy.KindName, _) => DocumentKind.EgressPolicy,
            (not null, "networking.istio.io" or "security.istio.io") => DocumentKind.Istio,
            (not null, "policy.openservicemesh.io") => DocumentKind.OsmEdge,
            (not null, not null) => DocumentKind.Kubernetes,
            _ => DocumentKind.Other,
        };
        return new RoutedDocument(document, routed, apiVersion, kind);
    }
}
