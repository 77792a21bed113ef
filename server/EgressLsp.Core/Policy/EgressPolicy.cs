using System.Collections.Immutable;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Policy;

public enum PolicyApiVersion { Unknown, V1Beta1, V1 }

/// <summary>
/// The semantic model of one <c>ASMEgressTrafficPolicy</c> document. Built tolerantly: a field of the wrong type
/// reads as absent here (the schema validator reports it), and every value keeps its node for ranges.
/// </summary>
public sealed class EgressPolicy
{
    public const string Group = "istio.alibabacloud.com";
    public const string KindName = "ASMEgressTrafficPolicy";

    internal EgressPolicy(YamlDocument document, YamlMapping root, ImmutableArray<EgressRule> rules)
    {
        Document = document;
        Root = root;
        Rules = rules;
        var metadata = root.GetMapping("metadata");
        var spec = root.GetMapping("spec");
        ApiVersionNode = root.GetScalar("apiVersion");
        ApiVersion = ApiVersionNode?.Value;
        Version = ApiVersion switch
        {
            Group + "/v1" => PolicyApiVersion.V1,
            Group + "/v1beta1" => PolicyApiVersion.V1Beta1,
            _ => PolicyApiVersion.Unknown,
        };
        Metadata = metadata;
        NameNode = metadata?.GetScalar("name") is { IsNull: false } name ? name : null;
        NamespaceNode = metadata?.GetScalar("namespace") is { IsNull: false } ns ? ns : null;
        Spec = spec;
        GatewayNode = spec?.GetMapping("byEgressGateway");
        GatewayNameNode = GatewayNode?.GetScalar("name") is { IsNull: false } gateway ? gateway : null;
        StatusPair = root.FindPair("status");
    }

    public YamlDocument Document { get; }

    public YamlMapping Root { get; }

    public string? ApiVersion { get; }

    public YamlScalar? ApiVersionNode { get; }

    public PolicyApiVersion Version { get; }

    public YamlMapping? Metadata { get; }

    public string? Name => NameNode?.Value;

    public YamlScalar? NameNode { get; }

    public string? Namespace => NamespaceNode?.Value;

    public YamlScalar? NamespaceNode { get; }

    public YamlMapping? Spec { get; }

    /// <summary><c>spec.byEgressGateway</c>.</summary>
    public YamlMapping? GatewayNode { get; }

    public string? GatewayName => GatewayNameNode?.Value;

    public YamlScalar? GatewayNameNode { get; }

    public ImmutableArray<EgressRule> Rules { get; }

    public YamlPair? StatusPair { get; }

    public IEnumerable<Destination> Destinations => Rules.SelectMany(rule => rule.To);

    /// <summary>Reads a policy from a routed document; null when the root is not a mapping.</summary>
    public static EgressPolicy? Bind(YamlDocument document) => PolicyBinder.Bind(document);
}

public sealed class EgressRule
{
    internal EgressRule(int index, YamlMapping node, ImmutableArray<RuleSource> from, ImmutableArray<Destination> to)
    {
        Index = index;
        Node = node;
        From = from;
        To = to;
        NameNode = node.GetScalar("name") is { IsNull: false } name ? name : null;
    }

    public int Index { get; }

    /// <summary>Source path of the rule, e.g. <c>spec.egressRules[0]</c>.</summary>
    public string Path => $"spec.egressRules[{Index}]";

    public YamlMapping Node { get; }

    public string? Name => NameNode?.Value;

    public YamlScalar? NameNode { get; }

    public ImmutableArray<RuleSource> From { get; }

    public ImmutableArray<Destination> To { get; }
}

/// <summary>A <c>from</c> entry: a namespace, optionally narrowed to workloads carrying some labels.</summary>
public sealed class RuleSource
{
    internal RuleSource(int ruleIndex, int index, YamlMapping node, ImmutableArray<Label> workloadSelector)
    {
        RuleIndex = ruleIndex;
        Index = index;
        Node = node;
        WorkloadSelector = workloadSelector;
        NamespaceNode = node.GetScalar("namespace") is { IsNull: false } ns ? ns : null;
        WorkloadSelectorNode = node.GetMapping("workloadSelector");
    }

    public int RuleIndex { get; }

    public int Index { get; }

    public string Path => $"spec.egressRules[{RuleIndex}].from[{Index}]";

    public YamlMapping Node { get; }

    public string? Namespace => NamespaceNode?.Value;

    public YamlScalar? NamespaceNode { get; }

    /// <summary>Labels in source order; empty means the whole namespace.</summary>
    public ImmutableArray<Label> WorkloadSelector { get; }

    public YamlMapping? WorkloadSelectorNode { get; }

    public bool SelectsWholeNamespace => WorkloadSelector.IsEmpty;
}

public readonly record struct Label(string Key, string Value)
{
    /// <summary>The scalar entries of a label map (workloadSelector, pod labels, a gateway selector), in order.</summary>
    public static ImmutableArray<Label> ReadAll(YamlMapping? labels)
    {
        if (labels is null)
        {
            return ImmutableArray<Label>.Empty;
        }
        var result = ImmutableArray.CreateBuilder<Label>(labels.Pairs.Length);
        foreach (var pair in labels.Pairs)
        {
            if (pair.KeyText is { } key && pair.Value.Resolved is YamlScalar value)
            {
                result.Add(new Label(key, value.Value));
            }
        }
        return result.ToImmutable();
    }

    public override string ToString() => $"{Key}: {Value}";
}

public readonly record struct HostEntry(string Host, YamlScalar Node);

/// <summary>A <c>to</c> entry: external hosts on one application port, through one gateway port.</summary>
public sealed class Destination
{
    internal Destination(int ruleIndex, int index, YamlMapping node, ImmutableArray<HostEntry> hosts)
    {
        RuleIndex = ruleIndex;
        Index = index;
        Node = node;
        Hosts = hosts;
        NameNode = node.GetScalar("name") is { IsNull: false } name ? name : null;
        PortNode = node.GetMapping("port");
        PortNumberNode = PortNode?.GetScalar("number");
        PortNumber = ReadPort(PortNumberNode);
        ProtocolNode = PortNode?.GetScalar("protocol") is { IsNull: false } protocol ? protocol : null;
        Protocol = ProtocolNode is null ? null : Protocols.Normalize(ProtocolNode.Value);
        PortNameNode = PortNode?.GetScalar("name") is { IsNull: false } portName ? portName : null;
        GatewayNode = node.GetMapping("byEgressGateway");
        GatewayPortNode = GatewayNode?.GetScalar("port");
        GatewayPort = ReadPort(GatewayPortNode);
        UpgradeNode = node.GetMapping("httpsUpgrade");
        UpgradeEnabledNode = UpgradeNode?.GetScalar("enabled");
        UpgradeEnabled = UpgradeEnabledNode is not null && UpgradeEnabledNode.TryGetBoolean(out var enabled) && enabled;
        UpgradePortNode = UpgradeNode?.GetScalar("port");
        UpgradePort = ReadPort(UpgradePortNode);
    }

    public int RuleIndex { get; }

    public int Index { get; }

    /// <summary>Source path, e.g. <c>spec.egressRules[0].to[1]</c>: generated objects point back to it.</summary>
    public string Path => $"spec.egressRules[{RuleIndex}].to[{Index}]";

    public YamlMapping Node { get; }

    public string? Name => NameNode?.Value;

    public YamlScalar? NameNode { get; }

    public ImmutableArray<HostEntry> Hosts { get; }

    /// <summary>The hosts' names, each once (ordinal), in order: what the plan and its rules route.</summary>
    public ImmutableArray<string> HostNames => _hostNames ??= Hosts.Length == 1
        ? [Hosts[0].Host]
        : [.. Hosts.Select(h => h.Host).Distinct(StringComparer.Ordinal)];

    private ImmutableArray<string>? _hostNames;

    public YamlMapping? PortNode { get; }

    /// <summary>The port the application dials, when it is a valid port number.</summary>
    public int? PortNumber { get; }

    public YamlScalar? PortNumberNode { get; }

    /// <summary>Protocol in Istio's canonical upper case (case-insensitive in the source).</summary>
    public string? Protocol { get; }

    public YamlScalar? ProtocolNode { get; }

    public TrafficKind TrafficKind => Protocols.KindOf(Protocol);

    public string? PortName => PortNameNode?.Value;

    public YamlScalar? PortNameNode { get; }

    /// <summary><c>to.byEgressGateway</c>.</summary>
    public YamlMapping? GatewayNode { get; }

    /// <summary>The gateway port written in the source (auto-allocation is the plan's business).</summary>
    public int? GatewayPort { get; }

    public YamlScalar? GatewayPortNode { get; }

    public YamlMapping? UpgradeNode { get; }

    public bool UpgradeEnabled { get; }

    public YamlScalar? UpgradeEnabledNode { get; }

    public int? UpgradePort { get; }

    public YamlScalar? UpgradePortNode { get; }

    /// <summary>A short human label: the name, else the first host and port.</summary>
    public string DisplayName => Name ?? (Hosts.IsEmpty ? Path : $"{Hosts[0].Host}:{PortNumber}");

    private static int? ReadPort(YamlScalar? node) =>
        node is not null && node.TryGetInt64(out var value) && value is >= 1 and <= 65535 ? (int)value : null;
}
