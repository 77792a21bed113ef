using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0128 / IST0129: a DestinationRule originates TLS (<c>SIMPLE</c> or <c>MUTUAL</c>) without <c>caCertificates</c>, so
/// the server's certificate is not verified, for the whole destination or one port; as Istio's
/// <c>destinationrule.CaCertificateAnalyzer</c> (pkg/config/analysis/analyzers/destinationrule/ca-certificates.go),
/// a <c>credentialName</c> counts instead only together with a <c>workloadSelector</c> (the credential is then read
/// by that workload's proxy).
/// </summary>
public sealed class ServerCertificateRule : MeshRule<DestinationRuleModel>
{
    public static readonly DiagnosticDescriptor IST0128 = new("IST0128", DiagnosticLevel.Warning, "No server certificate verification (destination)",
        "TLS mode {0} to '{1}' without 'caCertificates': the server's certificate is not verified.",
        "到“{1}”的 TLS 模式 {0} 未设置“caCertificates”:不会校验服务器证书。");

    public static readonly DiagnosticDescriptor IST0129 = new("IST0129", DiagnosticLevel.Warning, "No server certificate verification (port)",
        "TLS mode {0} to '{1}' port {2} without 'caCertificates': the server's certificate is not verified.",
        "到“{1}”端口 {2} 的 TLS 模式 {0} 未设置“caCertificates”:不会校验服务器证书。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [IST0128, IST0129];

    protected override void Check(MeshRuleContext context, DestinationRuleModel rule)
    {
        var host = rule.Host?.Value ?? "";
        if (rule.Tls is { } tls && Unverified(tls, rule))
        {
            context.Report(IST0128.Create(tls.Mode!.Value.Location.Span, tls.Mode.Value.Value, host));
        }
        foreach (var (port, portTls) in rule.PortTls)
        {
            if (Unverified(portTls, rule))
            {
                context.Report(IST0129.Create(portTls.Mode!.Value.Location.Span, portTls.Mode.Value.Value, host, port?.ToString() ?? "?"));
            }
        }
    }

    private static bool Unverified(ClientTls tls, DestinationRuleModel rule) =>
        tls.Originates && !tls.HasCaCertificates && !(tls.CredentialName is { Length: > 0 } && rule.HasWorkloadSelector);
}
