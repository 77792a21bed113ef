Content-Length: 121

{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{},"locale":"en"}}Content-Length: 52

{"jsonrpc":"2.0","method":"initialized","params":{}}