using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// <c>to[].hosts</c>: EGP026 (repeated host), EGP027 (several hosts), and each host's own checks: EGP028 (not a DNS
/// name), EGP029 (wildcard), EGP030 (IP address), EGP031 (cluster-internal). A repeated host is checked once.
/// </summary>
public sealed class HostRules : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP026 = new("EGP026", DiagnosticLevel.Warning, "Host listed twice in one to",
        "Host '{0}' is listed twice in this 'to' entry.",
        "主机“{0}”在此“to”条目中重复出现。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP027 = new("EGP027", DiagnosticLevel.Info, "Several hosts in one to",
        "Hosts {0} share one entry: they must resolve (DNS) to the same addresses.",
        "主机{0}共用一个条目:它们的 DNS 解析结果必须一致。");

    public static readonly DiagnosticDescriptor EGP028 = new("EGP028", DiagnosticLevel.Error, "Invalid host name",
        "'{0}' is not a valid DNS host name: {1}.",
        "“{0}”不是有效的 DNS 主机名:{1}。");

    public static readonly DiagnosticDescriptor EGP029 = new("EGP029", DiagnosticLevel.Error, "Wildcard host",
        "Wildcard host '{0}' cannot use DNS resolution through the egress gateway; list the concrete host names.",
        "通配符主机“{0}”无法通过出口网关进行 DNS 解析;请列出具体的主机名。");

    public static readonly DiagnosticDescriptor EGP030 = new("EGP030", DiagnosticLevel.Warning, "Host is an IP address",
        "'{0}' is an IP address: DNS resolution will not work for it; declare IP destinations with a hand-written ServiceEntry (addresses / STATIC endpoints).",
        "“{0}”是 IP 地址:DNS 解析对其无效;请使用手写的 ServiceEntry(addresses / STATIC endpoints)声明 IP 目标。");

    public static readonly DiagnosticDescriptor EGP031 = new("EGP031", DiagnosticLevel.Warning, "Cluster-internal host",
        "'{0}' is a cluster-internal host; egress policies are for services outside the mesh.",
        "“{0}”是集群内部主机;出口流量策略用于网格外部的服务。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP026, EGP027, EGP028, EGP029, EGP030, EGP031];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var destination in context.Policy.Destinations)
        {
            CheckHosts(context, destination);
        }
    }

    private static void CheckHosts(PolicyRuleContext context, Destination destination)
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
                context.Report(EGP026.Create(host.Span, host.Value)
                        .WithRelated(context.Related(original.Span, "First listed here", "首次出现在此处")),
                    RuleContext.Fix($"Remove the repeated {host.Value}", $"删除重复的 {host.Value}", context.Edits.RemoveItem(hosts, i)));
                continue;
            }
            first.Add(host.Value, host);
            CheckHost(context, host);
        }
        if (first.Count >= 2)
        {
            context.Report(EGP027.Create(hostsPair.Key.Span, RuleContext.ListNames(first.Keys)));
        }
    }

    private static void CheckHost(PolicyRuleContext context, YamlScalar node)
    {
        var host = node.Value;
        if (host != "*" && HostNames.IsIpAddress(host))
        {
            context.Report(EGP030.Create(node.Span, host));
            return;
        }
        if (host != "*" && HostNames.HostOfUrl(host) is { } bare)
        {
            context.Report(EGP028.Create(node.Span, host, new LocalizedText(
                    "write the host name alone, without scheme, port or path", "只写主机名,不要带协议、端口或路径")),
                RuleContext.Fix($"Change to {bare}", $"改为 {bare}", context.Edits.ReplaceString(node, bare)));
            return;
        }
        if (HostNames.DnsNameProblem(host) is { } problem)
        {
            context.Report(EGP028.Create(node.Span, host, problem));
            return;
        }
        if (HostNames.IsWildcard(host))
        {
            context.Report(EGP029.Create(node.Span, host));
        }
        if (HostNames.IsClusterInternal(host, context.Environment.ClusterDomain, context.KnownNamespaces))
        {
            context.Report(EGP031.Create(node.Span, host));
        }
    }
}
