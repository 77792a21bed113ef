using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI009: two servers of one Gateway with the same port name; istiod rejects the Gateway ("port names in servers
/// must be unique", pkg/config/validation/validation.go).
/// </summary>
public sealed class GatewayPortNameRule : MeshRule<GatewayModel>
{
    public static readonly DiagnosticDescriptor EGI009 = new("EGI009", DiagnosticLevel.Error, "Gateway port names not unique",
        "Port name '{0}' is already used by another server of this Gateway: istiod rejects it.",
        "端口名称“{0}”已被此 Gateway 的另一个服务器使用:istiod 会拒绝它。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI009];

    protected override void Check(MeshRuleContext context, GatewayModel gateway)
    {
        if (gateway.IsGatewayApi)
        {
            return;
        }
        var seen = new Dictionary<string, GatewayServer>(StringComparer.Ordinal);
        foreach (var server in gateway.Servers)
        {
            if (server.PortName is not { } name)
            {
                continue;
            }
            if (seen.TryGetValue(name.Value, out var first))
            {
                context.Report(EGI009.Create(name.Location.Span, name.Value).WithRelated(
                    MeshRuleContext.RelatedAt(first.PortName!.Value.Location, "first used here", "首次使用处")));
            }
            else
            {
                seen.Add(name.Value, server);
            }
        }
    }
}
