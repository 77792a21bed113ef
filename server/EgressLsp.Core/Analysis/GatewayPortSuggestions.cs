using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// Picks gateway ports for quick fixes (EGP014, EGP015, EGP025) the way the ASM examples do: HTTP
/// destinations share port 80, each TLS/TCP destination gets a port of its own from 444 up. Each suggestion is
/// taken, so the fixes proposed for several entries of one policy never collide with each other.
/// </summary>
internal sealed class GatewayPortSuggestions
{
    public const int HttpPort = 80;
    public const int HttpAlternativeFirst = 8080;
    public const int OpaqueFirst = 444;

    private readonly HashSet<int> _taken = [];
    private readonly HashSet<int> _opaque = [];
    private readonly int[] _declared;
    private int _nextDeclared;
    private int _nextOpaque = OpaqueFirst;
    private int _nextHttpAlternative = HttpAlternativeFirst;

    /// <param name="plan">Ports already in use; fallback ports are placeholders the fixes replace, so they are free.</param>
    /// <param name="gateway">When its manifest lists ports, TLS/TCP suggestions prefer those.</param>
    public GatewayPortSuggestions(EgressPlan plan, GatewayInfo? gateway)
    {
        foreach (var destination in plan.Destinations)
        {
            if (destination.GatewayPortOrigin == GatewayPortOrigin.Fallback)
            {
                continue;
            }
            _taken.Add(destination.GatewayPort);
            if (destination.Kind != TrafficKind.Http)
            {
                _opaque.Add(destination.GatewayPort);
            }
        }
        _declared = gateway is { KnowsPorts: true } ? [.. gateway.Ports.Select(p => p.Number).Where(p => p >= OpaqueFirst).Order()] : [];
    }

    /// <summary>A port for a destination of <paramref name="kind"/>, or null when the kind is unknown.</summary>
    public int? Take(TrafficKind kind)
    {
        switch (kind)
        {
            case TrafficKind.Http:
                // HTTP destinations may share a port with each other, never with TLS/TCP traffic.
                if (!_opaque.Contains(HttpPort))
                {
                    _taken.Add(HttpPort);
                    return HttpPort;
                }
                _nextHttpAlternative = FirstFree(_nextHttpAlternative, _opaque);
                _taken.Add(_nextHttpAlternative);
                return _nextHttpAlternative;
            case TrafficKind.Tls or TrafficKind.Tcp:
                // Ports are only ever taken, so each search resumes where the previous one stopped.
                while (_nextDeclared < _declared.Length && _taken.Contains(_declared[_nextDeclared]))
                {
                    _nextDeclared++;
                }
                var opaque = _nextDeclared < _declared.Length ? _declared[_nextDeclared] : _nextOpaque = FirstFree(_nextOpaque, _taken);
                _taken.Add(opaque);
                _opaque.Add(opaque);
                return opaque;
            default:
                return null;
        }
    }

    private static int FirstFree(int from, HashSet<int> used)
    {
        var port = from;
        while (used.Contains(port) && port < 65535)
        {
            port++;
        }
        return port;
    }
}
