using SharpFuzz;

namespace EgressLsp.Fuzz;

/// <summary>
/// Coverage-guided fuzz targets (SharpFuzz, run under AFL++ by <c>tests/fuzz/run.sh</c>). Each reads one input and
/// throws when it finds a bug; AFL++ records the input as a crash. Without AFL++ the target runs once on standard
/// input, which is how a finding is replayed: <c>dotnet EgressLsp.Fuzz.dll core &lt; findings/…/id:000000…</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Action<Stream>? target = args is [var name] ? name switch
        {
            "core" => CoreTarget.Run,
            "jsonrpc" => JsonRpcTarget.Run,
            _ => null,
        } : null;
        if (target is null)
        {
            Console.Error.WriteLine("usage: EgressLsp.Fuzz core|jsonrpc   (one input on stdin, or under afl-fuzz)");
            return 2;
        }
        Fuzzer.Run(target);
        return 0;
    }
}
