namespace EgressLsp.Tests;

/// <summary>Policy texts several test classes start from.</summary>
public static class TestPolicies
{
    /// <summary>A conventional policy (seed 000's names) up to its first rule's <c>to:</c>; append entries.</summary>
    public const string RuleHead = """
        apiVersion: istio.alibabacloud.com/v1
        kind: ASMEgressTrafficPolicy
        metadata:
          name: egress-by-egressgateway
          namespace: istio-egress
        spec:
          byEgressGateway:
            name: egressgateway
          egressRules:
          - from:
            - namespace: mytest
            to:

        """;

    /// <summary>A complete, valid policy with no findings: one HTTP destination through gateway port 80.</summary>
    public const string Conventional = RuleHead + """
            - name: httpbin
              hosts:
              - httpbin.org
              port:
                name: http
                number: 80
                protocol: HTTP
              byEgressGateway:
                port: 80

        """;
}
