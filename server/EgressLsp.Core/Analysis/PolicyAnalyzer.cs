using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// The meaning checks of an egress policy (EGP007, EGP010–EGP015, EGP020–EGP033, EGP040, EGP041, EGP043), with
/// quick fixes. Syntax and schema problems are reported elsewhere; here a field of the wrong shape reads as
/// absent. Diagnostics carry the catalogue's default level; configured levels and suppressions come later.
/// </summary>
public static class PolicyAnalyzer
{
    public static ImmutableArray<Diagnostic> Analyze(EgressPolicy policy, EgressPlan plan, SourceText text, WorkspaceIndex workspace,
        EgressEnvironment environment) =>
        new PolicyAnalysis(policy, plan, text, workspace, environment).Run();
}

/// <summary>One run of <see cref="PolicyAnalyzer"/>: the lookups are built once, then every check is linear.</summary>
internal sealed class PolicyAnalysis
{
    private const string ConventionalNamespace = "istio-egress";
    private const int ListedNamesLimit = 5;

    /// <summary>Namespaces every cluster has, whether or not the workspace declares them.</summary>
    private static readonly HashSet<string> BuiltInNamespaces = new(StringComparer.Ordinal)
    {
        "default", "kube-system", "kube-public", "kube-node-lease",
    };

    private readonly EgressPolicy _policy;
    private readonly EgressPlan _plan;
    private readonly SourceText _text;
    private readonly WorkspaceIndex _workspace;
    private readonly EgressEnvironment _environment;
    private readonly YamlEdits _edits;
    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly Dictionary<Destination, PlannedDestination> _planned;
    private readonly string[] _egressGatewayNames;
    private readonly GatewayInfo? _gateway;
    private readonly HashSet<string> _knownNamespaces;
    private readonly GatewayPortSuggestions _portSuggestions;

    public PolicyAnalysis(EgressPolicy policy, EgressPlan plan, SourceText text, WorkspaceIndex workspace, EgressEnvironment environment)
    {
        _policy = policy;
        _plan = plan;
        _text = text;
        _workspace = workspace;
        _environment = environment;
        _edits = new YamlEdits(text, policy.Root);
        _planned = plan.Destinations.ToDictionary(d => d.Source);
        // The workspace reads every pod or Service labelled "istio: X" as gateway X, ingress gateways included;
        // an ingress gateway can never carry egress traffic, so it is neither a match nor a suggestion.
        _egressGatewayNames = [.. workspace.GatewayNames.Where(name => !name.Contains("ingress", StringComparison.OrdinalIgnoreCase))];
        _gateway = _environment.GatewayLookupName(_policy.GatewayName) is { } lookup ? workspace.FindGateway(lookup) : null;
        _knownNamespaces = workspace.KnownNamespaces.ToHashSet(StringComparer.Ordinal);
        _portSuggestions = new GatewayPortSuggestions(plan, _gateway);
    }

    public ImmutableArray<Diagnostic> Run()
    {
        CheckStatus();
        CheckNamespace();
        CheckName();
        CheckGatewayName();
        foreach (var rule in _policy.Rules)
        {
            CheckSources(rule);
            foreach (var destination in rule.To)
            {
                CheckGatewayPort(destination);
                CheckHttpsUpgrade(destination);
                CheckHosts(destination);
                CheckProtocol(destination);
                CheckPortName(destination);
            }
        }
        ReportPlanConflicts();
        _diagnostics.Sort(static (a, b) => a.Span.Start != b.Span.Start
            ? a.Span.Start.CompareTo(b.Span.Start)
            : string.CompareOrdinal(a.Code, b.Code));
        return _diagnostics.ToImmutable();
    }

    // ---- metadata and spec.byEgressGateway ---------------------------------------------------------------------

    /// <summary>EGP007: <c>status</c> is the controller's; a source file that carries it fights the controller.</summary>
    private void CheckStatus()
    {
        if (_policy.StatusPair is not { } status)
        {
            return;
        }
        var index = _policy.Root.Pairs.IndexOf(status);
        Add(DiagnosticCatalog.EGP007.Create(status.Key.Span),
            Fix("Remove the status block", "删除 status 块", _edits.RemovePair(_policy.Root, index)));
    }

    /// <summary>EGP010: the ASM console and guide keep policies in istio-egress.</summary>
    private void CheckNamespace()
    {
        if (_policy.Metadata is not { } metadata)
        {
            return;
        }
        if (_policy.NamespaceNode is { } ns)
        {
            if (ns.Value != ConventionalNamespace)
            {
                Add(DiagnosticCatalog.EGP010.Create(ns.Span, new LocalizedText($"is in '{ns.Value}'", $"位于“{ns.Value}”")),
                    SetNamespaceFix(_edits.ReplaceString(ns, ConventionalNamespace)));
            }
            return;
        }
        // No namespace: kubectl would put the policy in its context's namespace, rarely istio-egress.
        var metadataKey = _policy.Root.FindPair("metadata")!.Value.Key;
        var existing = metadata.FindPair("namespace");
        var edit = existing is { } pair
            ? _edits.SetValue(pair, ConventionalNamespace)
            : _edits.InsertPair(metadata, IndexOf(metadata, "name") ?? metadata.Pairs.Length - 1, "namespace", ConventionalNamespace);
        Add(DiagnosticCatalog.EGP010.Create(metadataKey.Span, new LocalizedText(
                "sets no namespace (kubectl would use its current one)", "未设置命名空间(kubectl 会使用当前命名空间)")),
            SetNamespaceFix(edit));

        static CodeFix SetNamespaceFix(TextEdit edit) =>
            Fix($"Set namespace to {ConventionalNamespace}", $"将命名空间设为 {ConventionalNamespace}", edit);
    }

    /// <summary>EGP011: the console names a policy after the gateway it configures.</summary>
    private void CheckName()
    {
        if (_policy.NameNode is not { } name || string.IsNullOrEmpty(_policy.GatewayName))
        {
            return;
        }
        var expected = ConventionalName(_policy.GatewayName);
        if (name.Value != expected)
        {
            Add(DiagnosticCatalog.EGP011.Create(name.Span, expected, name.Value),
                Fix($"Rename to {expected}", $"重命名为 {expected}", _edits.ReplaceString(name, expected)));
        }
    }

    private static string ConventionalName(string gatewayName) => $"egress-by-{gatewayName}";

    /// <summary>EGP012: the gateway named in the policy is not among the egress gateways the workspace declares.</summary>
    private void CheckGatewayName()
    {
        // A configured selector replaces the name as the way to find the gateway pods; nothing to compare then.
        if (_policy.GatewayNameNode is not { } node || _environment.GatewaySelector is not null || _egressGatewayNames.Length == 0 ||
            _gateway is not null)
        {
            return;
        }
        var name = node.Value;
        var diagnostic = DiagnosticCatalog.EGP012.Create(node.Span, name, ListNames(_egressGatewayNames));
        var suggestion = EditDistance.Closest(name, _egressGatewayNames, SuggestionDistance(name))
            ?? (_egressGatewayNames.Length == 1 ? _egressGatewayNames[0] : null);
        if (suggestion is null)
        {
            Add(diagnostic);
            return;
        }
        // The policy's conventional name follows the gateway, so a rename keeps the two together.
        if (_policy.NameNode is { } policyName && policyName.Value == ConventionalName(name))
        {
            Add(diagnostic, Fix($"Change to {suggestion} (and rename the policy)", $"改为 {suggestion}(并重命名策略)",
                _edits.ReplaceString(node, suggestion), _edits.ReplaceString(policyName, ConventionalName(suggestion))));
            return;
        }
        Add(diagnostic, Fix($"Change to {suggestion}", $"改为 {suggestion}", _edits.ReplaceString(node, suggestion)));
    }


    // ---- to: gateway port ------------------------------------------------------------------------------------

    /// <summary>EGP013 for a written gateway port; EGP014 (v1beta1) and EGP015 (v1, partly set) for a missing one.</summary>
    private void CheckGatewayPort(Destination destination)
    {
        if (destination.GatewayPort is { } port)
        {
            if (_gateway is { KnowsPorts: true } gateway && !gateway.Ports.Any(p => p.Number == port))
            {
                Add(DiagnosticCatalog.EGP013.Create(destination.GatewayPortNode!.Span, port, gateway.Name,
                    string.Join(", ", gateway.Ports.Select(p => p.Number).Distinct().Order())));
            }
            return;
        }
        if (destination.GatewayPortNode is { IsNull: false })
        {
            return; // a port of the wrong type or range: the schema reports it
        }
        Diagnostic diagnostic;
        if (_policy.Version == PolicyApiVersion.V1Beta1)
        {
            var anchor = destination.Node.FindPair("byEgressGateway") is { } gatewayPair ? gatewayPair.Key.Span : FirstKeySpan(destination);
            diagnostic = DiagnosticCatalog.EGP014.Create(anchor);
        }
        else if (_planned.TryGetValue(destination, out var planned) && planned.GatewayPortOrigin == GatewayPortOrigin.Fallback)
        {
            diagnostic = DiagnosticCatalog.EGP015.Create(FirstKeySpan(destination), planned.GatewayPort);
        }
        else
        {
            return;
        }
        Add(diagnostic, _portSuggestions.Take(destination.TrafficKind) is { } suggested ? SetGatewayPortFix(destination, suggested) : null);
    }

    /// <summary>Writes <c>byEgressGateway.port</c> into a <c>to</c> entry that lacks it, creating the block if needed.</summary>
    private CodeFix? SetGatewayPortFix(Destination destination, int port)
    {
        var value = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        TextEdit edit;
        if (destination.Node.FindPair("byEgressGateway") is { } gatewayPair)
        {
            switch (gatewayPair.Value.Resolved)
            {
                case YamlMapping mapping when mapping.FindPair("port") is { } portPair:
                    edit = _edits.SetValue(portPair, value);
                    break;
                case YamlMapping mapping:
                    edit = _edits.InsertPair(mapping, mapping.Pairs.Length - 1, "port", value);
                    break;
                case YamlScalar { IsNull: true, Span.Length: 0 }:
                    edit = _edits.FillEmptyPair(gatewayPair, "port", value);
                    break;
                case YamlScalar { IsNull: true }:
                    edit = _edits.SetValue(gatewayPair, $"{{port: {value}}}");
                    break;
                default:
                    return null;
            }
        }
        else
        {
            // After the application port, where the guide writes it.
            var after = IndexOf(destination.Node, "port") ?? destination.Node.Pairs.Length - 1;
            edit = _edits.InsertPair(destination.Node, after, "byEgressGateway", null, ("port", value));
        }
        return Fix($"Set the gateway port to {port}", $"将网关端口设为 {port}", edit);
    }

    // ---- to: httpsUpgrade --------------------------------------------------------------------------------------

    /// <summary>EGP020 (upgrade of traffic that is not plain HTTP), EGP021 (port without enabled), EGP022 (enabled without port).</summary>
    private void CheckHttpsUpgrade(Destination destination)
    {
        if (destination.UpgradeNode is not { } upgrade)
        {
            return;
        }
        var kind = destination.TrafficKind;
        if (destination.UpgradeEnabled)
        {
            if (kind is TrafficKind.Tls or TrafficKind.Tcp)
            {
                var reason = kind == TrafficKind.Tls
                    ? new LocalizedText("the application already sends TLS, the gateway would originate TLS a second time",
                        "应用已经发送 TLS,网关会再次发起 TLS")
                    : new LocalizedText("only HTTP can be upgraded; the gateway passes TCP bytes through unchanged",
                        "只有 HTTP 可以升级;网关对 TCP 字节原样透传");
                var index = destination.Node.Pairs.IndexOf(destination.Node.FindPair("httpsUpgrade")!.Value);
                Add(DiagnosticCatalog.EGP020.Create(destination.UpgradeEnabledNode!.Span, destination.Protocol, reason),
                    Fix("Remove httpsUpgrade", "删除 httpsUpgrade", _edits.RemovePair(destination.Node, index)));
                return;
            }
            if (destination.UpgradePortNode is null or { IsNull: true })
            {
                var edit = upgrade.FindPair("port") is { } portPair
                    ? _edits.SetValue(portPair, "443")
                    : _edits.InsertPair(upgrade, IndexOf(upgrade, "enabled") ?? upgrade.Pairs.Length - 1, "port", "443");
                Add(DiagnosticCatalog.EGP022.Create(destination.UpgradeEnabledNode!.Span), Fix("Add port: 443", "添加 port: 443", edit));
            }
            return;
        }
        if (destination.UpgradePortNode is not { IsNull: false } || upgrade.FindPair("port") is not { } unusedPort)
        {
            return;
        }
        var diagnostic = DiagnosticCatalog.EGP021.Create(TextSpan.FromBounds(unusedPort.Key.Span.Start, _edits.PairEnd(unusedPort)));
        // Removing the only key would leave "httpsUpgrade:" empty; remove the whole block then.
        var removal = upgrade.Pairs.Length == 1
            ? _edits.RemovePair(destination.Node, destination.Node.Pairs.IndexOf(destination.Node.FindPair("httpsUpgrade")!.Value))
            : _edits.RemovePair(upgrade, upgrade.Pairs.IndexOf(unusedPort));
        // "enabled: false" says the upgrade is off on purpose; a missing "enabled" more likely was forgotten.
        var explicitlyDisabled = upgrade.FindPair("enabled") is not null;
        var fixes = new List<CodeFix> { Fix("Remove the unused port", "删除无效的 port", removal) with { IsPreferred = explicitlyDisabled } };
        if (kind == TrafficKind.Http)
        {
            var enable = upgrade.FindPair("enabled") is { } enabledPair
                ? _edits.SetValue(enabledPair, "true")
                : _edits.InsertPair(upgrade, -1, "enabled", "true");
            fixes.Add(Fix("Set enabled: true", "设置 enabled: true", enable) with { IsPreferred = !explicitlyDisabled });
        }
        Add(diagnostic, [.. fixes]);
    }

    // ---- to: hosts ---------------------------------------------------------------------------------------------

    /// <summary>EGP026 (repeated host), EGP027 (several hosts), and each host's own checks.</summary>
    private void CheckHosts(Destination destination)
    {
        if (destination.Node.FindPair("hosts") is not { } hostsPair || hostsPair.Value.Resolved is not YamlSequence hosts)
        {
            return;
        }
        // DNS names are case-insensitive: "HttpBin.org" repeats "httpbin.org".
        var first = new Dictionary<string, YamlScalar>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < hosts.Items.Length; i++)
        {
            if (hosts.Items[i].Resolved is not YamlScalar { IsNull: false } host)
            {
                continue;
            }
            if (first.TryGetValue(host.Value, out var original))
            {
                Add(DiagnosticCatalog.EGP026.Create(host.Span, host.Value)
                        .WithRelated(Related(original.Span, "First listed here", "首次出现在此处")),
                    Fix($"Remove the repeated {host.Value}", $"删除重复的 {host.Value}", _edits.RemoveItem(hosts, i)));
                continue;
            }
            first.Add(host.Value, host);
            CheckHost(host);
        }
        if (first.Count >= 2)
        {
            Add(DiagnosticCatalog.EGP027.Create(hostsPair.Key.Span, ListNames(first.Keys)));
        }
    }

    /// <summary>EGP028 (not a DNS name), EGP029 (wildcard), EGP030 (IP address), EGP031 (cluster-internal).</summary>
    private void CheckHost(YamlScalar node)
    {
        var host = node.Value;
        if (host != "*" && HostNames.IsIpAddress(host))
        {
            Add(DiagnosticCatalog.EGP030.Create(node.Span, host));
            return;
        }
        if (host != "*" && HostNames.HostOfUrl(host) is { } bare)
        {
            Add(DiagnosticCatalog.EGP028.Create(node.Span, host, new LocalizedText(
                    "write the host name alone, without scheme, port or path", "只写主机名,不要带协议、端口或路径")),
                Fix($"Change to {bare}", $"改为 {bare}", _edits.ReplaceString(node, bare)));
            return;
        }
        if (HostNames.DnsNameProblem(host) is { } problem)
        {
            Add(DiagnosticCatalog.EGP028.Create(node.Span, host, problem));
            return;
        }
        if (HostNames.IsWildcard(host))
        {
            Add(DiagnosticCatalog.EGP029.Create(node.Span, host));
        }
        if (HostNames.IsClusterInternal(host, _environment.ClusterDomain, _knownNamespaces))
        {
            Add(DiagnosticCatalog.EGP031.Create(node.Span, host));
        }
    }

    // ---- to: port ----------------------------------------------------------------------------------------------

    /// <summary>
    /// EGP032: what the mesh cannot carry as written. UDP is not proxied at all; MONGO, MYSQL and REDIS cross the
    /// mutual-TLS hop as opaque TCP; opaque TCP is routed by port only, so one entry cannot serve several hosts.
    /// GRPC-WEB, GRPC and HTTP2 are HTTP to the proxies and travel like HTTP: no warning.
    /// </summary>
    private void CheckProtocol(Destination destination)
    {
        if (destination.ProtocolNode is not { } node || destination.Protocol is not { } protocol)
        {
            return;
        }
        if (protocol == "UDP")
        {
            Add(DiagnosticCatalog.EGP032.Create(node.Span, new LocalizedText(
                "UDP cannot be carried: the sidecars and the egress gateway proxy TCP connections only.",
                "无法承载 UDP:Sidecar 和出口网关只代理 TCP 连接。")));
            return;
        }
        if (protocol is "MONGO" or "MYSQL" or "REDIS")
        {
            Add(DiagnosticCatalog.EGP032.Create(node.Span, new LocalizedText(
                    $"{protocol} crosses the egress gateway as opaque TCP inside mutual TLS: {protocol}-aware filters and metrics do not apply.",
                    $"{protocol} 在双向 TLS 中以不透明 TCP 的形式经过出口网关:{protocol} 协议相关的过滤器和指标不会生效。")),
                Fix("Change the protocol to TCP", "将协议改为 TCP", _edits.ReplaceString(node, "TCP")) with { IsPreferred = false });
        }
        if (destination.TrafficKind != TrafficKind.Tcp || destination.Hosts.Length < 2)
        {
            return;
        }
        var distinctHosts = destination.Hosts.Select(h => h.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (distinctHosts >= 2 && destination.Node.FindPair("hosts") is { } hostsPair)
        {
            Add(DiagnosticCatalog.EGP032.Create(hostsPair.Key.Span, new LocalizedText(
                $"{protocol} is routed by port only (no SNI or Host header): the gateway cannot tell these {distinctHosts} hosts apart. Give each host its own 'to' entry.",
                $"{protocol} 只按端口路由(没有 SNI 或 Host 头):网关无法区分这 {distinctHosts} 个主机。请为每个主机单独设置一个“to”条目。")));
        }
    }

    /// <summary>EGP033: Istio's port naming convention <c>&lt;protocol&gt;[-suffix]</c> (IST0118), for this port's protocol.</summary>
    private void CheckPortName(Destination destination)
    {
        if (destination.PortNameNode is not { } node || destination.Protocol is not { } protocol || !Protocols.All.Contains(protocol))
        {
            return;
        }
        var expected = protocol.ToLowerInvariant();
        var name = node.Value;
        if (name.Equals(expected, StringComparison.OrdinalIgnoreCase) || name.StartsWith(expected + "-", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // "http-api" on an HTTPS port keeps its suffix: "https-api"; "web" becomes "http-web".
        var suffix = name.ToLowerInvariant();
        foreach (var known in Protocols.All.OrderByDescending(p => p.Length))
        {
            var prefix = known.ToLowerInvariant();
            if (suffix == prefix || suffix.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                suffix = suffix[prefix.Length..].TrimStart('-');
                break;
            }
        }
        var withSuffix = suffix.Length > 0 ? $"{expected}-{suffix}" : null;
        var fixes = new List<CodeFix>();
        if (withSuffix is not null)
        {
            fixes.Add(Fix($"Rename to {withSuffix}", $"重命名为 {withSuffix}", _edits.ReplaceString(node, withSuffix)));
        }
        fixes.Add(Fix($"Rename to {expected}", $"重命名为 {expected}", _edits.ReplaceString(node, expected)) with { IsPreferred = withSuffix is null });
        Add(DiagnosticCatalog.EGP033.Create(node.Span, name, withSuffix ?? expected), [.. fixes]);
    }

    // ---- from --------------------------------------------------------------------------------------------------

    /// <summary>EGP043 (repeated source), EGP040 (unknown namespace), EGP041 (selector matching no workload).</summary>
    private void CheckSources(EgressRule rule)
    {
        var sequence = rule.Node.GetSequence("from");
        var seen = new Dictionary<string, RuleSource>(StringComparer.Ordinal);
        foreach (var source in rule.From)
        {
            if (source.NamespaceNode is not { } ns)
            {
                continue;
            }
            var key = ns.Value + "\n" + string.Join("\n", source.WorkloadSelector.Select(l => l.ToString()).Order(StringComparer.Ordinal));
            if (seen.TryGetValue(key, out var original))
            {
                var pair = source.Node.FindPair("namespace")!.Value;
                var diagnostic = DiagnosticCatalog.EGP043.Create(TextSpan.FromBounds(pair.Key.Span.Start, _edits.PairEnd(pair)), ns.Value)
                    .WithRelated(Related(original.NamespaceNode!.Span, "First listed here", "首次出现在此处"));
                Add(diagnostic, sequence is null ? null : Fix("Remove the repeated source", "删除重复的来源", _edits.RemoveItem(sequence, source.Index)));
                continue;
            }
            seen.Add(key, source);
            CheckSourceNamespace(ns);
            CheckWorkloadSelector(source, ns.Value);
        }
    }

    private void CheckSourceNamespace(YamlScalar ns)
    {
        if (_workspace.Namespaces.IsEmpty || BuiltInNamespaces.Contains(ns.Value) || _knownNamespaces.Contains(ns.Value))
        {
            return;
        }
        var suggestion = EditDistance.Closest(ns.Value, _knownNamespaces.Order(StringComparer.Ordinal), SuggestionDistance(ns.Value));
        Add(DiagnosticCatalog.EGP040.Create(ns.Span, ns.Value),
            suggestion is null ? null : Fix($"Change to {suggestion}", $"改为 {suggestion}", _edits.ReplaceString(ns, suggestion)));
    }

    private void CheckWorkloadSelector(RuleSource source, string ns)
    {
        if (source.SelectsWholeNamespace || !_workspace.HasWorkloadsIn(ns))
        {
            return;
        }
        var workloads = _workspace.WorkloadsIn(ns).ToArray();
        if (workloads.Any(w => w.Matches(source.WorkloadSelector)))
        {
            return;
        }
        var selectorPair = source.Node.FindPair("workloadSelector")!.Value;
        var selector = "{" + string.Join(", ", source.WorkloadSelector) + "}";
        var diagnostic = DiagnosticCatalog.EGP041.Create(selectorPair.Key.Span, selector, ns, DescribeWorkloads(workloads, source.WorkloadSelector));
        Add(diagnostic, SelectorValueFix(source, workloads));
    }

    /// <summary>Workloads with the labels that matter: those the selector names, else their first two.</summary>
    private static string DescribeWorkloads(WorkloadInfo[] workloads, ImmutableArray<Label> selector)
    {
        const int shown = 3;
        var keys = selector.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var described = workloads.Take(shown).Select(w =>
        {
            var relevant = w.PodLabels.Where(l => keys.Contains(l.Key)).ToArray();
            var labels = relevant.Length > 0 ? relevant : [.. w.PodLabels.Take(2)];
            return $"{w.Name} {{{string.Join(", ", labels)}}}";
        });
        var more = workloads.Length > shown ? $", +{workloads.Length - shown}" : "";
        return string.Join("; ", described) + more;
    }

    /// <summary>For a one-label selector with a near miss ("sleep-b" for "sleep-a"), the workload's value.</summary>
    private CodeFix? SelectorValueFix(RuleSource source, WorkloadInfo[] workloads)
    {
        if (source.WorkloadSelector.Length != 1 || source.WorkloadSelectorNode?.Pairs[0].Value.Resolved is not YamlScalar valueNode)
        {
            return null;
        }
        var label = source.WorkloadSelector[0];
        var values = workloads.SelectMany(w => w.PodLabels).Where(l => l.Key == label.Key).Select(l => l.Value)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return EditDistance.Closest(label.Value, values, SuggestionDistance(label.Value)) is { } suggestion
            ? Fix($"Change to {label.Key}: {suggestion}", $"改为 {label.Key}: {suggestion}", _edits.ReplaceString(valueNode, suggestion))
            : null;
    }

    // ---- plan conflicts ----------------------------------------------------------------------------------------

    /// <summary>EGP023–EGP025, found by the plan; each points at the later entry and relates the earlier one.</summary>
    private void ReportPlanConflicts()
    {
        foreach (var conflict in _plan.Conflicts)
        {
            var destination = conflict.Destination;
            var other = conflict.Other;
            switch (conflict.Kind)
            {
                case PlanConflictKind.GatewayPortTrafficKinds:
                    Add(DiagnosticCatalog.EGP023.Create(GatewayPortSpan(destination), conflict.Port, TrafficName(destination), TrafficName(other))
                            .WithRelated(Related(GatewayPortSpan(other), $"Gateway port {conflict.Port} carries {TrafficName(other).En} here",
                                $"网关端口 {conflict.Port} 在此承载{TrafficName(other).Zh}")),
                        MoveGatewayPortFix(destination));
                    break;
                case PlanConflictKind.SharedOpaqueGatewayPort:
                    Add(DiagnosticCatalog.EGP024.Create(GatewayPortSpan(destination), conflict.Port, other.Source.DisplayName)
                            .WithRelated(Related(GatewayPortSpan(other), $"{other.Source.DisplayName} uses gateway port {conflict.Port} here",
                                $"{other.Source.DisplayName} 在此使用网关端口 {conflict.Port}")),
                        MoveGatewayPortFix(destination));
                    break;
                case PlanConflictKind.HostPortSettings:
                    var host = conflict.Host!;
                    Add(DiagnosticCatalog.EGP025.Create(HostSpan(destination, host), host, conflict.Port, DescribeRoute(other))
                        .WithRelated(Related(HostSpan(other, host), "The other route for this host and port", "此主机和端口的另一条路由")));
                    break;
            }
        }
    }

    /// <summary>The gateway port as written, or the <c>to</c> entry itself when the port was allocated.</summary>
    private static TextSpan GatewayPortSpan(PlannedDestination destination) =>
        destination.GatewayPortOrigin == GatewayPortOrigin.Explicit && destination.Source.GatewayPortNode is { } node
            ? node.Span
            : FirstKeySpan(destination.Source);

    private CodeFix? MoveGatewayPortFix(PlannedDestination destination) =>
        destination.GatewayPortOrigin == GatewayPortOrigin.Explicit && destination.Source.GatewayPortNode is { } node &&
        _portSuggestions.Take(destination.Kind) is { } port
            ? Fix($"Change the gateway port to {port}", $"将网关端口改为 {port}",
                _edits.Replace(node, port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : null;

    private static TextSpan HostSpan(PlannedDestination destination, string host) =>
        destination.Source.Hosts.FirstOrDefault(h => h.Host == host) is { Node: { } node } ? node.Span : FirstKeySpan(destination.Source);

    private static LocalizedText TrafficName(PlannedDestination destination) => destination.GatewayTraffic == GatewayTraffic.HttpOverMutualTls
        ? new LocalizedText("HTTP inside mutual TLS", "双向 TLS 内的 HTTP")
        : new LocalizedText($"{destination.Source.Protocol} passed through as is", $"原样透传的 {destination.Source.Protocol}");

    private LocalizedText DescribeRoute(PlannedDestination route)
    {
        var line = _text.GetLineIndex(FirstKeySpan(route.Source).Start) + 1;
        var protocol = route.Source.Protocol;
        return route.OriginatesTls
            ? new LocalizedText($"{protocol} through gateway port {route.GatewayPort}, TLS originated to port {route.UpstreamPort}, line {line}",
                $"{protocol},经网关端口 {route.GatewayPort},由网关向端口 {route.UpstreamPort} 发起 TLS,第 {line} 行")
            : new LocalizedText($"{protocol} through gateway port {route.GatewayPort} to port {route.UpstreamPort}, line {line}",
                $"{protocol},经网关端口 {route.GatewayPort} 到端口 {route.UpstreamPort},第 {line} 行");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void Add(Diagnostic diagnostic, params CodeFix?[] fixes)
    {
        foreach (var fix in fixes)
        {
            if (fix is not null)
            {
                diagnostic = diagnostic.WithFix(fix);
            }
        }
        _diagnostics.Add(diagnostic);
    }

    private static CodeFix Fix(string titleEn, string titleZh, params TextEdit[] edits) =>
        new(new LocalizedText(titleEn, titleZh), [.. edits]);

    private RelatedInformation Related(TextSpan span, string messageEn, string messageZh) =>
        new(null, span, _text.GetPositionSpan(span), new LocalizedText(messageEn, messageZh));

    /// <summary>The first key of a <c>to</c> entry: a one-line anchor for problems of the entry as a whole.</summary>
    private static TextSpan FirstKeySpan(Destination destination) =>
        destination.Node.Pairs.IsEmpty ? destination.Node.Span : destination.Node.Pairs[0].Key.Span;

    private static int? IndexOf(YamlMapping mapping, string key)
    {
        for (var i = 0; i < mapping.Pairs.Length; i++)
        {
            if (mapping.Pairs[i].KeyText == key)
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>How far a misspelt name may be from a suggestion: a third of its length, at least 2.</summary>
    private static int SuggestionDistance(string name) => Math.Max(2, name.Length / 3);

    /// <summary>Names quoted the way each language quotes them: 'a', 'b' and “a”、“b”.</summary>
    private static LocalizedText ListNames(IEnumerable<string> names)
    {
        var all = names.ToArray();
        var listed = all.Take(ListedNamesLimit).ToArray();
        var more = all.Length - listed.Length;
        return new LocalizedText(
            string.Join(", ", listed.Select(n => $"'{n}'")) + (more > 0 ? $" and {more} more" : ""),
            string.Join("、", listed.Select(n => $"“{n}”")) + (more > 0 ? $"等另外 {more} 个" : ""));
    }
}
