using System.Collections.Immutable;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// A policy document for the policy rules: its model and plan, edits for quick fixes, and the workspace
/// lookups several rules share, built once per document so every check stays linear.
/// </summary>
public sealed class PolicyRuleContext : RuleContext
{
    private readonly Dictionary<Destination, PlannedDestination> _planned;

    public PolicyRuleContext(string path, YamlFile file, ImmutableArray<RoutedDocument> documents, RoutedDocument document,
        EgressPolicy policy, EgressPlan plan, AnalysisContext analysis)
        : base(path, file, documents, document, analysis)
    {
        Policy = policy;
        Plan = plan;
        Edits = new YamlEdits(file.Text, policy.Root);
        _planned = plan.Destinations.ToDictionary(d => d.Source);
        // The workspace reads every pod or Service labelled "istio: X" as gateway X, ingress gateways included;
        // an ingress gateway can never carry egress traffic, so it is neither a match nor a suggestion.
        EgressGatewayNames = [.. Workspace.GatewayNames.Where(name => !name.Contains("ingress", StringComparison.OrdinalIgnoreCase))];
        Gateway = Environment.GatewayLookupName(policy.GatewayName) is { } lookup ? Workspace.FindGateway(lookup) : null;
        KnownNamespaces = Workspace.KnownNamespaces.ToHashSet(StringComparer.Ordinal);
        PortSuggestions = new GatewayPortSuggestions(plan, Gateway);
    }

    public EgressPolicy Policy { get; }

    public EgressPlan Plan { get; }

    internal YamlEdits Edits { get; }

    /// <summary>Gateways of the workspace that may carry egress traffic (ingress gateways left out).</summary>
    public ImmutableArray<string> EgressGatewayNames { get; }

    /// <summary>The workspace's gateway for <c>spec.byEgressGateway.name</c> (or the configured one), if declared.</summary>
    public GatewayInfo? Gateway { get; }

    public HashSet<string> KnownNamespaces { get; }

    /// <summary>
    /// Shared by every rule of one run, in registry order: a port suggested by one fix is taken, so fixes for
    /// several entries of the policy never collide.
    /// </summary>
    internal GatewayPortSuggestions PortSuggestions { get; }

    public PlannedDestination? Planned(Destination destination) => _planned.GetValueOrDefault(destination);

    /// <summary>The first key of a <c>to</c> entry: a one-line anchor for problems of the entry as a whole.</summary>
    public static TextSpan FirstKeySpan(Destination destination) =>
        destination.Node.Pairs.IsEmpty ? destination.Node.Span : destination.Node.Pairs[0].Key.Span;
}
