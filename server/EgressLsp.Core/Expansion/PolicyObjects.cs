using System.Collections.Immutable;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Makes the objects one policy expands to, with the metadata every target gives them (expansion.md): the label
/// <c>app.kubernetes.io/managed-by: egress-lsp</c>, <c>egress-lsp.io/policy</c> naming the policy, and the annotation
/// <c>egress-lsp.io/source: "{PN}/{N}: {source paths}"</c>, so generated objects can be traced and pruned.
/// </summary>
public sealed class PolicyObjects
{
    /// <summary>ASM's namespace for egress policies, where a policy that names none is taken to live.</summary>
    public const string DefaultPolicyNamespace = "istio-egress";

    private readonly string _policyLabel;

    public PolicyObjects(EgressPolicy policy, string policyName)
    {
        PolicyName = policyName;
        PolicyNamespace = policy.Namespace ?? DefaultPolicyNamespace;
        BaseName = ResourceNames.ToDnsLabel(policyName);
        _policyLabel = ResourceNames.IsLabelValue(policyName) ? policyName : BaseName;
    }

    public string PolicyName { get; }

    public string PolicyNamespace { get; }

    /// <summary>The policy's name as a DNS label: the name of its one-per-policy objects and the prefix of the others.</summary>
    public string BaseName { get; }

    /// <summary><c>{N}-{suffix}</c> as a DNS label.</summary>
    public string NameFor(string suffix) => ResourceNames.ToDnsLabel($"{PolicyName}-{suffix}");

    /// <param name="labels">Labels the target needs besides the common ones (an ambient waypoint's role, say).</param>
    public GeneratedResource Create(string apiVersion, string kind, string ns, string name, ManifestMapping spec, ImmutableArray<Destination> sources,
        params Label[] labels)
    {
        var paths = sources.Select(s => s.Path).ToImmutableArray();
        var metadata = ManifestMapping.Of(
            ("name", name),
            ("namespace", ns),
            ("labels", new ManifestMapping(ManifestMapping.Of(
                ("app.kubernetes.io/managed-by", "egress-lsp"),
                ("egress-lsp.io/policy", _policyLabel)).Entries
                .Concat(labels.Select(l => new ManifestEntry(l.Key, l.Value))))),
            ("annotations", ManifestMapping.Of(
                ("egress-lsp.io/source", $"{PolicyNamespace}/{PolicyName}: {string.Join(", ", paths)}"))));
        var manifest = ManifestMapping.Of(("apiVersion", apiVersion), ("kind", kind), ("metadata", metadata), ("spec", spec));
        return new GeneratedResource(apiVersion, kind, ns, name, manifest, paths, sources[0].Node.Span);
    }

    /// <summary>The <c>to</c> entries behind <paramref name="destinations"/>, each once, in the policy's order.</summary>
    public static ImmutableArray<Destination> InSourceOrder(IEnumerable<PlannedDestination> destinations)
    {
        // Most objects come from one entry: no set to find the distinct ones, no sort machinery to order one.
        Destination? only = null;
        foreach (var destination in destinations)
        {
            if (only is null)
            {
                only = destination.Source;
            }
            else if (!ReferenceEquals(only, destination.Source))
            {
                return [.. destinations.Select(d => d.Source).Distinct().OrderBy(d => d.RuleIndex).ThenBy(d => d.Index)];
            }
        }
        return only is null ? [] : [only];
    }

    /// <summary>A label map; a repeated key (reported as EGP006) keeps its first value.</summary>
    public static ManifestMapping LabelMap(IEnumerable<Label> labels) =>
        new(labels.DistinctBy(l => l.Key, StringComparer.Ordinal).Select(l => new ManifestEntry(l.Key, l.Value)));
}
