using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0145: two Gateways configure the same workload on the same port for the same host (the gateway keeps one), as
/// Istio's <c>gateway.ConflictingGatewayAnalyzer</c> (pkg/config/analysis/analyzers/gateway/conflictinggateway.go)
/// decides: the same selector (as Kubernetes prints it), or one selector's text inside the other's with a workload
/// matching both; a server on the same port number; a host written the same with the same <c>bind</c>
/// (<c>model.CheckDuplicates</c>, pilot/pkg/model/gateway.go). Protocols and namespaces do not matter. One finding per
/// conflicting server.
/// </summary>
public sealed class ConflictingGatewaysRule : MeshRule<GatewayModel>
{
    public static readonly DiagnosticDescriptor IST0145 = new("IST0145", DiagnosticLevel.Error, "Conflicting gateways",
        "Port {0} for host(s) {1} on the workload selected by '{2}' is also configured by {3}.",
        "由“{2}”选中的工作负载上,主机 {1} 的端口 {0} 也由 {3} 配置。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [IST0145];

    protected override void Check(MeshRuleContext context, GatewayModel gateway)
    {
        if (gateway.IsGatewayApi)
        {
            return;
        }
        var selector = ReferencedResource.SelectorText(gateway.Selector);
        var sameWorkload = context.Mesh.Gateways
            .Where(other => !other.IsGatewayApi && !(other.Namespace == gateway.Namespace && other.Name == gateway.Name))
            .Where(other => SelectSameWorkload(context.Mesh, gateway, selector, other))
            .ToArray();
        foreach (var server in gateway.Servers)
        {
            if (server.Port is not { } port)
            {
                continue;
            }
            var conflicting = sameWorkload
                .Where(other => other.Servers.Any(s => s.Port == port && s.Bind == server.Bind && s.Hosts.Any(h => server.Hosts.Any(mine => mine.Value == h.Value))))
                .ToArray();
            if (conflicting.Length == 0)
            {
                continue;
            }
            var diagnostic = IST0145.Create(server.Location.Span, port, string.Join(",", server.Hosts.Select(h => h.Value)), selector,
                RuleContext.ListNames(conflicting.Select(g => $"{g.Namespace}/{g.Name}").Order(StringComparer.Ordinal)));
            foreach (var other in conflicting)
            {
                diagnostic = diagnostic.WithRelated(MeshRuleContext.RelatedAt(other.Location, $"{other.DisplayName} configures port {port} too",
                    $"{other.DisplayName} 也配置了端口 {port}"));
            }
            context.Report(diagnostic);
        }
    }

    private static bool SelectSameWorkload(MeshView mesh, GatewayModel gateway, string selector, GatewayModel other)
    {
        var otherSelector = ReferencedResource.SelectorText(other.Selector);
        if (selector == otherSelector)
        {
            return true;
        }
        return (selector.Contains(otherSelector, StringComparison.Ordinal) || otherSelector.Contains(selector, StringComparison.Ordinal)) &&
            mesh.Workloads.Any(w => w.Matches(gateway.Selector) && w.Matches(other.Selector));
    }
}
