using System.Text;
using EgressLsp.Cli;

// The process entry point: the real standard streams in, an exit code out; everything else is in CliApp, which
// tests run in-process. The streams are UTF-8 whatever the terminal's locale says (YAML and SARIF are UTF-8), and
// standard output is buffered and flushed once (a large expansion is one write, not one syscall per line).
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true);
var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 64 * 1024) { NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" };
var exitCode = CliApp.Run(args, stdin, stdout, stderr);
try
{
    stdout.Flush();
}
catch (IOException)
{
    // The reader went away (`egressctl expand x | head`): there is no one left to tell.
}
return exitCode;
