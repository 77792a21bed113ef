using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Traffic;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Conversion;

/// <summary>What following one host and port of a ServiceEntry found: the destinations to propose, the findings, the objects crossed.</summary>
internal sealed record TraceResult(ImmutableArray<ConvertedDestination> Destinations, ImmutableArray<ConversionFinding> Findings,
    ImmutableArray<MeshResource> Objects);

/// <summary>
/// Proposes the <c>to</c> entries for one external host H and port A, reading its traffic (<see cref="HostTraffic"/>):
/// the namespaces whose sidecars send H:A to an egress gateway, through a hop whose two ends agree, to a Gateway that
/// forwards H to H (TLS originated or not), admitted by the gateway's ALLOW policies. What a policy cannot say becomes
/// a finding, never a guess.
/// </summary>
internal sealed class HostPortTrace(WorkspaceIndex workspace, EgressEnvironment environment, HostTraffic traffic)
{
    private readonly HostTraffic _traffic = traffic;
    private readonly List<ConversionFinding> _findings = [];
    private readonly List<MeshResource> _objects = [];

    public TraceResult Run()
    {
        _objects.Add(_traffic.Declaration.Declarer);
        if (_traffic.Kind == TrafficKind.Unknown)
        {
            return Result([]);
        }
        var routings = CandidateNamespaces(out var open).Where(_traffic.IsVisibleTo).Select(Route).ToArray();
        var hops = routings
            .SelectMany(r => r.Labelled.Select(l => l.Outcome).Append(r.Rest))
            .Where(o => o.ToGateway)
            .DistinctBy(o => (o.GatewayHost, o.GatewayPort, o.Subset))
            .ToArray();
        if (hops.Length == 0)
        {
            NotConverted(_traffic.Declaration.Host.Location, new LocalizedText(
                "no route sends it to an egress gateway (the sidecars connect to it directly, or not at all)",
                "没有路由把它发往出口网关(Sidecar 直接连接它,或根本不连接)"));
            return Result([]);
        }
        if (MeshHost.IsWildcard(_traffic.Host))
        {
            NotConverted(_traffic.Declaration.Host.Location, new LocalizedText(
                "a wildcard host cannot be resolved by DNS at the egress gateway; a policy lists each host by name (EGP029)",
                "通配主机无法在出口网关处通过 DNS 解析;策略须逐个列出主机名(EGP029)"));
            return Result([]);
        }
        var destinations = ImmutableArray.CreateBuilder<ConvertedDestination>();
        foreach (var hop in hops)
        {
            if (Destination(hop, routings, open) is { } destination)
            {
                destinations.Add(destination);
            }
        }
        return Result(destinations.ToImmutable());
    }

    private TraceResult Result(ImmutableArray<ConvertedDestination> destinations) =>
        new(destinations, [.. _findings], [.. _objects.Distinct()]);

    /// <summary>
    /// The namespaces that may send H:A: those the ServiceEntry is exported to; when it is exported everywhere
    /// (<paramref name="open"/>), the namespaces the workspace knows or the resources name. The root namespace, where
    /// Istio's gateways run, is a source only when a route names it.
    /// </summary>
    private IEnumerable<string> CandidateNamespaces(out bool open)
    {
        var declaration = _traffic.Declaration;
        open = _traffic.IsOpen;
        var services = _traffic.MeshServices;
        var named = services.SelectMany(vs => vs.Routes.SelectMany(r => r.SourceNamespaces)).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> candidates = open
            ? workspace.KnownNamespaces.Append(declaration.Declarer.Namespace).Concat(services.Select(vs => vs.Namespace)).Concat(named)
                .Concat(workspace.MeshFor(environment.ClusterDomain).AuthorizationPolicies.SelectMany(ap => ap.Rules).SelectMany(r => r.Sources)
                    .SelectMany(s => s.Namespaces).Select(n => n.Value))
            : declaration.ExportTo.Select(e => e == "." ? declaration.Declarer.Namespace : e);
        return candidates
            .Where(ns => ns.Length > 0 && !ns.Contains('*') && (ns != environment.RootNamespace || named.Contains(ns)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>A namespace's routing, with what its routes do that a policy cannot say reported.</summary>
    private NamespaceRouting Route(string ns)
    {
        var routing = _traffic.Route(ns);
        foreach (var (condition, service) in routing.Conditions)
        {
            ReportCondition(condition, service);
        }
        foreach (var outcome in routing.Labelled.Select(l => l.Outcome).Append(routing.Rest))
        {
            if (outcome.Service is { } service)
            {
                _objects.Add(service);
            }
            if (outcome.Route is { } route)
            {
                ReportBehaviours(route, outcome.Service!);
                var destinations = route.Destinations.Where(d => !d.IsMirror).ToArray();
                if (destinations.Length > 1)
                {
                    LeftOut(new Written("route", destinations[1].Location), new LocalizedText("weighted route", "按权重分流的路由"), outcome.Service!, new LocalizedText(
                        "a policy sends each destination through one gateway port; the proposal keeps the heaviest destination",
                        "策略让每个目的地只经过一个网关端口;提议保留权重最大的目的地"));
                }
            }
        }
        return routing;
    }

    // ----- one gateway hop: the subset, the Gateway, the gateway's route, origination, authorisation

    private ConvertedDestination? Destination(SidecarOutcome hop, NamespaceRouting[] routings, bool open)
    {
        var gatewayPort = hop.GatewayPort;
        var (gatewayNamespace, gatewayService) = _traffic.GatewayServiceOf(hop);
        if (gatewayPort is null)
        {
            NotConverted(hop.Destination!.Location, new LocalizedText(
                "the route to the egress gateway names no port, so the gateway port is unknown",
                "发往出口网关的路由未指定端口,无法得知网关端口"));
            return null;
        }
        if (_traffic.GatewayRoute(gatewayPort.Value) is not { } gatewayHop)
        {
            NotConverted(hop.Route!.Location, new LocalizedText(
                $"no route of a Gateway forwards it when it arrives at the egress gateway on port {gatewayPort}, so the gateway drops it",
                $"没有网关路由在它到达出口网关端口 {gatewayPort} 时转发它,网关会丢弃它"));
            return null;
        }
        var (service, route, upstream, gateway, server) = gatewayHop;
        _objects.Add(service);
        _objects.Add(gateway);
        ReportBehaviours(route, service);
        foreach (var condition in route.Matches.SelectMany(m => m.Conditions))
        {
            ReportCondition(condition, service);
        }
        if (!_traffic.ForwardsToHost(gatewayHop))
        {
            NotConverted(upstream.Location, new LocalizedText(
                $"the egress gateway forwards it to {upstream.Host!.Value.Value}, another host",
                $"出口网关把它转发到另一个主机 {upstream.Host!.Value.Value}"));
            return null;
        }
        var upstreamPort = upstream.Port ?? _traffic.Port;
        var differences = new HashSet<ProposalDifference>();
        var sources = new List<(string Namespace, ImmutableArray<Label> Labels)>();
        var hopFound = false;
        ClientTls? hopTls = null;
        // The gateway's own namespace sees H so that the gateway can forward it; its sidecars are no source.
        foreach (var routing in routings.Where(r => r.Namespace != gatewayNamespace))
        {
            var selected = routing.Labelled.Where(l => l.Outcome.SameHop(hop)).Select(l => l.Labels).ToList();
            var whole = routing.Rest.SameHop(hop);
            if (!whole && selected.Count == 0)
            {
                ReportBypass(routing, differences);
                continue;
            }
            var (found, tls, rule) = _traffic.SubsetTls(routing.Namespace, hop);
            if (rule is not null)
            {
                _objects.Add(rule);
                ReportTrafficSettings(rule);
            }
            if (!found)
            {
                SourcesDiffer(hop.Destination!.Location, new LocalizedText(
                    $"namespace '{routing.Namespace}' is routed to subset '{hop.Subset}', which no DestinationRule on its lookup path declares (503 NC)",
                    $"命名空间“{routing.Namespace}”被路由到子集“{hop.Subset}”,但其查找路径上没有 DestinationRule 声明它(503 NC)"),
                    NotListed(routing.Namespace), differences);
                continue;
            }
            if (!hopFound)
            {
                (hopFound, hopTls) = (true, tls);
            }
            if (whole)
            {
                if (selected.Count > 0 || routing.Labelled.Any(l => !l.Outcome.SameHop(hop)))
                {
                    ReportExceptions(routing, hop, differences);
                }
                sources.Add((routing.Namespace, []));
            }
            else
            {
                sources.AddRange(selected.Distinct(LabelsComparer.Instance).Select(labels => (routing.Namespace, labels)));
            }
        }
        if (!hopFound || !CheckHopTls(hopTls, server, gateway, differences) || !TryOrigination(gatewayNamespace, upstreamPort, upstream, out var upgrade))
        {
            return null;
        }
        var admitted = Admitted(gateway, gatewayNamespace, gatewayPort.Value, differences);
        var listed = Authorised(sources, admitted, hop, differences);
        if (listed.Count == 0)
        {
            NotConverted(hop.Route!.Location, new LocalizedText(
                "no namespace is both routed to the egress gateway and admitted by it",
                "没有命名空间既被路由到出口网关又被它放行"));
            return null;
        }
        if (open && admitted.All && routings.Any(r => r.Rest.ToGateway && r.Rest.Route is { } rest && !rest.SourceNamespaces.Any()))
        {
            SourcesDiffer(_traffic.Declaration.Declarer.Location, new LocalizedText(
                "every namespace of the mesh reaches it through the gateway (the ServiceEntry is exported everywhere and the gateway admits any source)",
                "网格中的每个命名空间都可经网关访问它(ServiceEntry 导出到所有命名空间,且网关放行任意来源)"),
                new LocalizedText(
                    $"lists the namespaces the workspace knows ({string.Join(", ", listed.Select(s => s.Namespace).Distinct())}); add any other that needs it",
                    $"列出工作区已知的命名空间({string.Join(", ", listed.Select(s => s.Namespace).Distinct())});如有其他需要访问的命名空间请补充"),
                differences);
        }
        var identity = new GatewayIdentity(gateway.Selector.FirstOrDefault(l => l.Key == Manifest.GatewayLabelKey).Value ?? gatewayService,
            gatewayNamespace, gatewayService, gateway.Selector, environment.ClusterDomain);
        var declarer = _traffic.Declaration.Declarer;
        var group = hop.Route?.Name ?? $"{declarer.Namespace}/{declarer.Name}";
        return new ConvertedDestination(_traffic.Host, _traffic.Port, _traffic.Protocol, _traffic.Declaration.PortName, group, hop.Route?.Name ?? declarer.Name, identity,
            gatewayPort.Value, upgrade, [.. listed.Select(s => new ProposedSource(s.Namespace, s.Labels))], [.. differences.Order()], [.. _objects.Distinct()]);
    }

    /// <summary>A hop whose two ends disagree never carries traffic, and is not converted; a plain one is, and said to become mutual TLS.</summary>
    private bool CheckHopTls(ClientTls? tls, GatewayServer server, GatewayModel gateway, HashSet<ProposalDifference> differences)
    {
        var mode = tls?.Mode?.Value;
        var serverMode = server.Tls?.Mode?.Value;
        switch (_traffic.HopSecurityOf(tls, server))
        {
            case HopSecurity.Mismatch:
                var mutual = mode == "ISTIO_MUTUAL";
                var terminates = serverMode is "ISTIO_MUTUAL" or "MUTUAL" or "SIMPLE" or "OPTIONAL_MUTUAL";
                NotConverted(tls?.Location ?? server.Location, new LocalizedText(
                    $"the sidecars send {(mutual ? "Istio mutual TLS" : mode is null or "DISABLE" ? "no TLS" : $"TLS mode {mode}")} to the gateway, but its server on port {server.Port} {(terminates ? $"terminates TLS ({serverMode})" : "does not terminate TLS")}",
                    $"Sidecar 向网关发送{(mutual ? " Istio 双向 TLS" : mode is null or "DISABLE" ? "非 TLS 流量" : $" TLS 模式 {mode}")},但其端口 {server.Port} 的服务器{(terminates ? $"终止 TLS({serverMode})" : "不终止 TLS")}"));
                return false;
            case HopSecurity.WrongSni:
                NotConverted(tls!.Sni?.Location ?? tls.Location, new LocalizedText(
                    $"the gateway subset sends SNI '{tls.Sni?.Value}', so the gateway cannot select the server of {_traffic.Host} (EGI004)",
                    $"网关子集发送的 SNI 为“{tls.Sni?.Value}”,网关无法据此选中 {_traffic.Host} 的服务器(EGI004)"));
                return false;
            case HopSecurity.IstioMutual:
                return true;
            case var security:
                differences.Add(ProposalDifference.PlainHopToGateway);
                var plain = security != HopSecurity.CertificateFiles;
                Stricter(server.Tls?.Location ?? server.Location, new LocalizedText(
                    plain
                        ? $"the sidecars reach the egress gateway {(security == HopSecurity.Plaintext ? "in plain text" : "with TLS passed through")} (server port {server.Port} of Gateway {gateway.Namespace}/{gateway.Name})"
                        : $"Gateway {gateway.Namespace}/{gateway.Name} terminates mutual TLS with its own certificate files ({serverMode})",
                    plain
                        ? $"Sidecar 以{(security == HopSecurity.Plaintext ? "明文" : " TLS 透传")}访问出口网关(Gateway {gateway.Namespace}/{gateway.Name} 的端口 {server.Port})"
                        : $"Gateway {gateway.Namespace}/{gateway.Name} 用自己的证书文件终止双向 TLS({serverMode})"),
                    new LocalizedText("secures the hop with Istio mutual TLS (ISTIO_MUTUAL, with the SNI of the host)", "用 Istio 双向 TLS(ISTIO_MUTUAL,SNI 为该主机)保护这一跳"));
                return true;
        }
    }

    /// <summary>TLS origination at the gateway: SIMPLE on port U is the policy's <c>httpsUpgrade</c>; what a policy cannot originate is not converted.</summary>
    private bool TryOrigination(string gatewayNamespace, int upstreamPort, MeshDestination upstream, out int? upgrade)
    {
        upgrade = null;
        var origination = _traffic.OriginationAt(gatewayNamespace, upstreamPort);
        if (origination.Rule is { } origin)
        {
            _objects.Add(origin);
            ReportTrafficSettings(origin);
        }
        foreach (var (rule, port) in origination.Unused)
        {
            _findings.Add(new ConversionFinding(port.Tls.Location,
                DiagnosticCatalog.EGC006.Create(port.Tls.Location.Span, $"{rule.Kind} {rule.Namespace}/{rule.Name}", _traffic.Host, port.Port, upstreamPort)));
        }
        switch (origination.Kind)
        {
            case OriginationKind.Mutual:
                NotConverted(origination.Tls!.Location, new LocalizedText(
                    "the egress gateway originates mutual TLS with a client certificate, which a policy cannot express",
                    "出口网关以客户端证书发起双向 TLS,策略无法表达"));
                return false;
            case OriginationKind.DoubleTls:
                NotConverted(origination.Tls!.Location, new LocalizedText(
                    "the application already sends TLS, and the gateway would originate TLS again (EGP020)",
                    "应用已发送 TLS,网关又会再次发起 TLS(EGP020)"));
                return false;
            case OriginationKind.PortChangeWithoutTls:
                NotConverted(upstream.Location, new LocalizedText(
                    $"the egress gateway forwards it to port {origination.EndpointPort} without originating TLS; a policy changes the port only to upgrade to HTTPS",
                    $"出口网关把它转发到端口 {origination.EndpointPort} 却不发起 TLS;策略只在升级为 HTTPS 时改变端口"));
                return false;
            default:
                upgrade = origination.Kind == OriginationKind.Simple ? origination.EndpointPort : null;
                return true;
        }
    }

    /// <summary>The gateway's admission for H, with what its policies say that a policy cannot reported.</summary>
    private GatewayAdmission Admitted(GatewayModel gateway, string gatewayNamespace, int gatewayPort, HashSet<ProposalDifference> differences)
    {
        var admission = _traffic.Admission(gateway, gatewayNamespace, gatewayPort);
        foreach (var other in admission.OtherActions)
        {
            _objects.Add(other);
            LeftOut(new Written(other.Action, other.Location), new LocalizedText("authorization action", "授权动作"), other, new LocalizedText(
                "a policy admits sources with ALLOW rules only; keep this one beside it", "策略只用 ALLOW 规则放行来源;请在其旁保留此对象"));
        }
        _objects.AddRange(admission.Policies);
        foreach (var (condition, policy) in admission.Conditions)
        {
            LeftOut(condition, new LocalizedText("authorization condition", "授权条件"), policy, new LocalizedText(
                "a policy admits by source only; the proposal admits the rule's sources for every request",
                "策略只按来源放行;提议对所有请求放行该规则的来源"));
        }
        if (!admission.Authorizes)
        {
            differences.Add(ProposalDifference.NoGatewayAuthorization);
            Stricter(gateway.Location, new LocalizedText(
                "no ALLOW AuthorizationPolicy applies to the egress gateway pods, so the gateway admits whatever reaches it",
                "没有 ALLOW AuthorizationPolicy 作用于出口网关 Pod,网关放行到达它的一切流量"),
                new LocalizedText("adds one that admits only the listed sources", "会增加一个只放行所列来源的 AuthorizationPolicy"));
        }
        return admission;
    }

    /// <summary>The sources both routed to the gateway and admitted by it; an admitted service account becomes the labels of its workloads.</summary>
    private List<(string Namespace, ImmutableArray<Label> Labels)> Authorised(List<(string Namespace, ImmutableArray<Label> Labels)> routed, GatewayAdmission admitted,
        SidecarOutcome hop, HashSet<ProposalDifference> differences)
    {
        if (admitted.All)
        {
            return routed;
        }
        var result = new List<(string, ImmutableArray<Label>)>();
        foreach (var (ns, labels) in routed)
        {
            if (admitted.Namespaces.Contains(ns))
            {
                result.Add((ns, labels));
                continue;
            }
            var accounts = admitted.Accounts.Where(a => a.Namespace == ns).Select(a => a.ServiceAccount).Order(StringComparer.Ordinal).ToArray();
            if (accounts.Length == 0)
            {
                continue;
            }
            if (!labels.IsEmpty)
            {
                result.Add((ns, labels));
                continue;
            }
            foreach (var account in accounts)
            {
                if (LabelsOf(ns, account) is { } derived)
                {
                    result.Add((ns, derived));
                }
                else
                {
                    SourcesDiffer(hop.Destination!.Location, new LocalizedText(
                        $"the gateway admits service account '{account}' of namespace '{ns}', and no set of pod labels selects exactly the workloads of the workspace that run as it",
                        $"网关放行命名空间“{ns}”的服务账号“{account}”,但工作区中没有一组 Pod 标签恰好选中以它运行的工作负载"),
                        new LocalizedText($"does not list it: add its workloads to the workspace and convert again, or add the source by hand",
                            "未列出它:请把其工作负载加入工作区后重新转换,或手动添加该来源"),
                        differences);
                }
            }
        }
        return result;
    }

    /// <summary>The pod labels all workloads running as <paramref name="account"/> share, when they select exactly those workloads.</summary>
    private ImmutableArray<Label>? LabelsOf(string ns, string account)
    {
        var workloads = workspace.WorkloadsIn(ns).ToArray();
        var running = workloads.Where(w => w.ServiceAccount == account).ToArray();
        if (running.Length == 0)
        {
            return null;
        }
        ImmutableArray<Label> common = [.. running[0].PodLabels.Where(l => running.All(w => w.PodLabels.Contains(l)))];
        return !common.IsEmpty && workloads.Where(w => w.Matches(common)).All(w => w.ServiceAccount == account) ? common : null;
    }

    // ----- findings

    private void NotConverted(ManifestLocation at, LocalizedText reason) =>
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC002.Create(at.Span, _traffic.Host, _traffic.Port, reason)));

    private void Stricter(ManifestLocation at, LocalizedText input, LocalizedText proposal) =>
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC003.Create(at.Span, _traffic.Host, _traffic.Port, input, proposal)));

    private void SourcesDiffer(ManifestLocation at, LocalizedText input, LocalizedText proposal, HashSet<ProposalDifference> differences)
    {
        differences.Add(ProposalDifference.SourcesDiffer);
        _findings.Add(new ConversionFinding(at, DiagnosticCatalog.EGC004.Create(at.Span, _traffic.Host, _traffic.Port, input, proposal)));
    }

    private static LocalizedText NotListed(string ns) => new($"does not list '{ns}'", $"未列出“{ns}”");

    private void LeftOut(Written what, LocalizedText kind, MeshResource owner, LocalizedText consequence) =>
        _findings.Add(new ConversionFinding(what.Location, DiagnosticCatalog.EGC001.Create(what.Location.Span, kind, what.Value, owner.DisplayName, consequence)));

    private void ReportCondition(Written condition, VirtualServiceModel service) =>
        LeftOut(condition, new LocalizedText("match condition", "匹配条件"), service, new LocalizedText(
            "a policy routes every request to the host; the proposal drops the condition, so requests it excluded go through the gateway too",
            "策略路由发往该主机的所有请求;提议去掉此条件,原先被排除的请求也会经过网关"));

    private void ReportBehaviours(MeshRoute route, VirtualServiceModel service)
    {
        foreach (var behaviour in route.Behaviours)
        {
            LeftOut(behaviour, new LocalizedText("route setting", "路由设置"), service, new LocalizedText(
                "retries, timeouts, fault injection, mirroring, rewrites, redirects, header changes and CORS stay hand-written",
                "重试、超时、故障注入、流量镜像、重写、重定向、请求头修改和 CORS 需继续手写"));
        }
    }

    private void ReportTrafficSettings(DestinationRuleModel rule)
    {
        foreach (var setting in rule.TrafficSettings.IsDefault ? [] : rule.TrafficSettings)
        {
            LeftOut(setting, new LocalizedText("traffic policy setting", "流量策略设置"), rule, new LocalizedText(
                "load balancing, connection pools and outlier detection stay hand-written (a DestinationRule beside the policy's)",
                "负载均衡、连接池和异常检测需继续手写(在策略生成的对象旁另写 DestinationRule)"));
        }
    }

    /// <summary>A namespace that sees H:A but sends it elsewhere than a gateway: straight to H is a bypass the policy would close.</summary>
    private void ReportBypass(NamespaceRouting routing, HashSet<ProposalDifference> differences)
    {
        if (routing.Rest.Direct)
        {
            SourcesDiffer(routing.Rest.Route?.Location ?? routing.Rest.Service?.Location ?? _traffic.Declaration.Declarer.Location, new LocalizedText(
                $"namespace '{routing.Namespace}' reaches it directly, bypassing the egress gateway",
                $"命名空间“{routing.Namespace}”绕过出口网关直接访问它"),
                new LocalizedText($"does not list '{routing.Namespace}': its requests would be refused", $"未列出“{routing.Namespace}”:其请求将被拒绝"), differences);
        }
    }

    /// <summary>Labelled workloads sent elsewhere before the rest of their namespace goes to the gateway: a policy cannot make exceptions.</summary>
    private void ReportExceptions(NamespaceRouting routing, SidecarOutcome hop, HashSet<ProposalDifference> differences)
    {
        foreach (var (labels, outcome) in routing.Labelled.Where(l => !l.Outcome.SameHop(hop)))
        {
            SourcesDiffer(outcome.Route?.Location ?? _traffic.Declaration.Declarer.Location, new LocalizedText(
                $"workloads {{{string.Join(", ", labels.Select(l => $"{l.Key}: {l.Value}"))}}} of '{routing.Namespace}' are {(outcome.Direct ? "sent directly" : "refused")} while the rest of the namespace goes through the gateway",
                $"“{routing.Namespace}”中的工作负载 {{{string.Join(", ", labels.Select(l => $"{l.Key}: {l.Value}"))}}} 被{(outcome.Direct ? "直接发送" : "拒绝")},而该命名空间的其余部分经过网关"),
                new LocalizedText($"admits the whole of '{routing.Namespace}' through the gateway", $"允许整个“{routing.Namespace}”经网关访问"), differences);
        }
    }

    private sealed class LabelsComparer : IEqualityComparer<ImmutableArray<Label>>
    {
        public static LabelsComparer Instance { get; } = new();

        public bool Equals(ImmutableArray<Label> x, ImmutableArray<Label> y) => x.SequenceEqual(y);

        public int GetHashCode(ImmutableArray<Label> labels) => labels.Aggregate(0, (hash, label) => HashCode.Combine(hash, label));
    }
}
