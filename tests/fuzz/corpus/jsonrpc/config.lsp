Content-Length: 121

{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{},"locale":"en"}}Content-Length: 141

{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"egressLsp":{"target":"istio-sidecar","locale":"zh-cn"}}}}Content-Length: 111

{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///fuzz/policy.yaml"}}}