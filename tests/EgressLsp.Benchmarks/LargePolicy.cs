using System.Text;

namespace EgressLsp.Benchmarks;

/// <summary>A realistic large policy: rules mixing HTTP, upgraded HTTP and HTTPS passthrough destinations.</summary>
public static class LargePolicy
{
    public static string Generate(int rules)
    {
        var builder = new StringBuilder("""
            apiVersion: istio.alibabacloud.com/v1
            kind: ASMEgressTrafficPolicy
            metadata:
              name: egress-by-egressgateway
              namespace: istio-egress
            spec:
              byEgressGateway:
                name: egressgateway
              egressRules:

            """);
        for (var i = 0; i < rules; i++)
        {
            var https = i % 3 == 2;
            builder.Append($"""
                  - name: rule-{i}
                    from:
                    - namespace: team-{i % 40}
                      workloadSelector:
                        app: client-{i}
                    to:
                    - name: service-{i}
                      hosts:
                      - api-{i}.example.com
                      port:
                        name: {(https ? "https" : "http")}
                        number: {(https ? 443 : 80)}
                        protocol: {(https ? "HTTPS" : "HTTP")}
                      byEgressGateway:
                        port: {(https ? 1000 + i : 80)}

                """);
            if (i % 3 == 1)
            {
                builder.Append("""
                          httpsUpgrade:
                            enabled: true
                            port: 443

                    """);
            }
        }
        return builder.ToString();
    }
}
