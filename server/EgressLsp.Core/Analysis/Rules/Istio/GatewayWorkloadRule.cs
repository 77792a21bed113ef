using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// An Istio Gateway against the workloads it configures, as Istio's gateway analyzers read them
/// (pkg/config/analysis/analyzers/gateway/gateway.go and secret.go): IST0101 when its selector picks no pod
/// (in any namespace); IST0162 for a server port that no Service selecting those pods exposes (the Services' TCP
/// <c>targetPort</c>s, or <c>port</c>s); IST0101 for a server's <c>credentialName</c> with no Secret of that name in the
/// gateway pods' namespace. Unlike istioctl, the workloads are judged only when the workspace holds gateway
/// workloads (pods labelled <c>istio: …</c>) and credentials only when it holds Secrets: the installed egress gateway
/// and the secrets made with <c>kubectl create secret</c> are usually not in a repository (istio/istio#40861). A
/// Service port without a protocol counts as TCP, Kubernetes' default.
/// </summary>
public sealed class GatewayWorkloadRule : MeshRule<GatewayModel>
{
    public static readonly DiagnosticDescriptor IST0162 = new("IST0162", DiagnosticLevel.Warning, "Gateway port not exposed by its workload's Services",
        "Port {0} is not exposed by any Service of the pods this Gateway selects ({1}).",
        "此 Gateway 选中的 Pod({1})的 Service 都没有暴露端口 {0}。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101, IST0162];

    protected override void Check(MeshRuleContext context, GatewayModel gateway)
    {
        if (gateway.IsGatewayApi || !context.Mesh.HasGatewayWorkloads)
        {
            return;
        }
        var selector = ReferencedResource.SelectorText(gateway.Selector);
        var pods = context.Mesh.WorkloadsSelectedBy(gateway.Selector, ns: null).ToArray();
        if (pods.Length == 0)
        {
            context.Report(ReferencedResource.NotFound((gateway.SelectorLocation ?? gateway.Location).Span, "selector", "选择器", selector,
                new LocalizedText(" (no workload of the workspace has these labels)", "(工作区中没有带这些标签的工作负载)")));
            return;
        }
        var exposed = new HashSet<int>();
        foreach (var service in pods.SelectMany(context.Mesh.ServicesSelecting).Distinct())
        {
            foreach (var port in service.Ports.Where(p => p.Protocol is null or "TCP"))
            {
                exposed.Add(port.Number);
                if (int.TryParse(port.TargetPort, out var target))
                {
                    exposed.Add(target);
                }
            }
        }
        foreach (var server in gateway.Servers)
        {
            if (server.Port is { } port && !exposed.Contains(port))
            {
                context.Report(IST0162.Create(server.Location.Span, port, selector).WithRelated(MeshRuleContext.RelatedAt(pods[0].Location,
                    $"{pods[0].Kind} {pods[0].Namespace}/{pods[0].Name} is selected", $"选中了 {pods[0].Kind} {pods[0].Namespace}/{pods[0].Name}")));
            }
        }
        CheckCredentials(context, gateway, pods[0].Namespace);
    }

    private static void CheckCredentials(MeshRuleContext context, GatewayModel gateway, string gatewayNamespace)
    {
        if (!context.Mesh.HasSecrets)
        {
            return;
        }
        foreach (var server in gateway.Servers)
        {
            if (server.Tls?.CredentialName is not { Value.Length: > 0 } credential)
            {
                continue;
            }
            var slash = credential.Value.IndexOf('/');
            var (ns, name) = slash > 0 ? (credential.Value[..slash], credential.Value[(slash + 1)..]) : (gatewayNamespace, credential.Value);
            if (!context.Mesh.HasSecret(ns, name))
            {
                context.Report(ReferencedResource.NotFound(credential.Location.Span, "credentialName", "credentialName", credential.Value,
                    new LocalizedText($" (no Secret '{name}' in the gateway's namespace '{ns}')", $"(网关所在命名空间“{ns}”中没有 Secret“{name}”)")));
            }
        }
    }
}
