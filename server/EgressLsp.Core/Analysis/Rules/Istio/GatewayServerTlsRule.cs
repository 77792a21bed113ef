using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// EGI006: a Gateway server's protocol and its <c>tls</c> block disagree, which istiod rejects
/// (<c>validateServer</c>, pkg/config/validation/validation.go): an HTTPS or TLS server needs <c>tls</c>; a plain HTTP
/// server may carry only a passthrough <c>tls</c> (for <c>httpsRedirect</c>); other protocols none.
/// </summary>
public sealed class GatewayServerTlsRule : MeshRule<GatewayModel>
{
    public static readonly DiagnosticDescriptor EGI006 = new("EGI006", DiagnosticLevel.Error, "Gateway server protocol and TLS settings disagree",
        "{0}: istiod rejects this Gateway.",
        "{0}:istiod 会拒绝此 Gateway。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGI006];

    protected override void Check(MeshRuleContext context, GatewayModel gateway)
    {
        if (gateway.IsGatewayApi)
        {
            return;
        }
        foreach (var server in gateway.Servers)
        {
            if (server.Protocol is not { } protocol)
            {
                continue;
            }
            var kind = Protocols.KindOf(Protocols.Normalize(protocol.Value));
            var isTls = kind == TrafficKind.Tls;
            if (isTls && server.Tls is null)
            {
                context.Report(EGI006.Create(protocol.Location.Span, new LocalizedText($"A server with protocol {protocol.Value} needs 'tls' settings",
                    $"协议为 {protocol.Value} 的服务器需要“tls”设置")));
            }
            else if (!isTls && server.Tls is { } tls)
            {
                var passthrough = tls.Mode?.Value is null or "PASSTHROUGH" or "AUTO_PASSTHROUGH";
                var isHttp = kind == TrafficKind.Http || protocol.Value.Equals(Protocols.HttpProxy, StringComparison.OrdinalIgnoreCase);
                if (!isHttp || !passthrough)
                {
                    context.Report(EGI006.Create(tls.Location.Span, new LocalizedText($"A server with protocol {protocol.Value} cannot terminate TLS; use HTTPS or TLS",
                        $"协议为 {protocol.Value} 的服务器不能终止 TLS;请使用 HTTPS 或 TLS")));
                }
            }
        }
    }
}
