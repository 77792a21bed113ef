Content-Length: 121

{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{},"locale":"en"}}Content-Length: 52

{"jsonrpc":"2.0","method":"initialized","params":{}}Content-Length: 743

{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/policy.yaml","languageId":"yaml","version":1,"text":"# Seed 000, HTTP through the egress gateway (mutual TLS sidecar -> gateway).\napiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\nmetadata:\n  name: egress-by-egressgateway\n  namespace: istio-egress\nspec:\n  byEgressGateway:\n    name: egressgateway\n  egressRules:\n  - from:\n    - namespace: mytest\n      workloadSelector:\n        app: sleep-a\n    to:\n    - name: httpbin-service-http\n      hosts:\n      - www.httpbin.org\n      - httpbin.org\n      port:\n        name: http\n        number: 80\n        protocol: HTTP\n      byEgressGateway:\n        port: 80\n"}}}Content-Length: 157

{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///fuzz/policy.yaml"},"position":{"line":14,"character":6}}}