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

    /// <summary>
    /// A policy of <paramref name="rules"/> rules, each sending one workload to <paramref name="destinations"/> HTTP
    /// hosts of its own: the CLI's scale case (10,000 rules × 5 destinations is about 510,000 lines and expands to
    /// 120,000 objects).
    /// </summary>
    public static string HttpFanOut(int rules, int destinations)
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
        for (var rule = 0; rule < rules; rule++)
        {
            builder.Append($"  - name: rule-{rule}\n    from:\n    - namespace: team-{rule % 40}\n      workloadSelector:\n        app: client-{rule}\n    to:\n");
            for (var destination = 0; destination < destinations; destination++)
            {
                builder.Append($"""
                        - name: service-{rule}-{destination}
                          hosts:
                          - api-{rule}-{destination}.example.com
                          port:
                            name: http
                            number: 80
                            protocol: HTTP
                          byEgressGateway:
                            port: 80

                    """);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// A v1beta1 policy where most entries need a fix (missing gateway ports, shared TLS ports, repeated hosts
    /// and sources): the analyzer's worst case, where a quadratic loop would show.
    /// </summary>
    public static string WithManyFindings(int entries)
    {
        var builder = new StringBuilder("""
            apiVersion: istio.alibabacloud.com/v1beta1
            kind: ASMEgressTrafficPolicy
            metadata:
              name: egress-by-egressgateway
              namespace: istio-egress
            spec:
              byEgressGateway:
                name: egressgateway
              egressRules:

            """);
        for (var rule = 0; rule < entries / 10; rule++)
        {
            builder.Append("  - from:\n");
            for (var source = 0; source < 4; source++)
            {
                builder.Append($"    - namespace: team-{source % 3}\n      workloadSelector:\n        app: client-{source % 3}\n");
            }
            builder.Append("    to:\n");
            for (var i = 0; i < 10; i++)
            {
                var n = rule * 10 + i;
                var tls = i % 2 == 0;
                builder.Append($"    - name: service-{n}\n      hosts:\n      - api-{n}.example.com\n      - www.api-{n}.example.com\n      - api-{n}.example.com\n");
                builder.Append($"      port:\n        name: {(tls ? "https" : "web")}\n        number: {(tls ? 443 : 80)}\n        protocol: {(tls ? "HTTPS" : "HTTP")}\n");
                if (i % 3 != 0)
                {
                    builder.Append($"      byEgressGateway:\n        port: {(tls ? 444 : 80)}\n");
                }
            }
        }
        return builder.ToString();
    }
}
