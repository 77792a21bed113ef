using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>One YAML document with its kind (read from the file name, <c>apiVersion</c> and <c>kind</c>) and its model.</summary>
public sealed class RoutedDocument
{
    private readonly Lazy<object?> _model;
    private readonly Lazy<EgressPlan?> _plan;

    internal RoutedDocument(YamlDocument document, DocumentKind kind, DocumentIdentity identity)
    {
        Document = document;
        Kind = kind;
        Identity = identity;
        _model = new Lazy<object?>(() => kind.Bind(document));
        _plan = new Lazy<EgressPlan?>(() => Policy is { } policy ? EgressPlan.Build(policy) : null);
    }

    public YamlDocument Document { get; }

    public DocumentKind Kind { get; }

    public DocumentIdentity Identity { get; }

    public string? ApiVersion => Identity.ApiVersion;

    public string? KindName => Identity.Kind;

    /// <summary>The kind's typed model (null for kinds without one).</summary>
    public object? Model => _model.Value;

    /// <summary>The policy model, for policy documents.</summary>
    public EgressPolicy? Policy => Model as EgressPolicy;

    /// <summary>The policy's plan (effective gateway ports, routes, conflicts), for policy documents.</summary>
    public EgressPlan? Plan => _plan.Value;
}
