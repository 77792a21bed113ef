namespace EgressLsp.Core.Policy;

/// <summary>How a destination's traffic crosses the gateway, which decides routes and listeners.</summary>
public enum TrafficKind
{
    /// <summary>Protocol missing or unknown.</summary>
    Unknown,

    /// <summary>HTTP-family traffic the proxies can read (HTTP, HTTP2, gRPC): <c>http</c> routes.</summary>
    Http,

    /// <summary>TLS sent by the application (HTTPS, TLS): routed by SNI, <c>tls</c>/<c>tcp</c> routes.</summary>
    Tls,

    /// <summary>Opaque TCP (TCP, MONGO, MYSQL, REDIS…): routed by port only.</summary>
    Tcp,
}

public static class Protocols
{
    /// <summary>Istio's protocol names, canonical spelling (Istio compares them case-insensitively).</summary>
    public static readonly IReadOnlyList<string> All = ["HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "MONGO", "MYSQL", "REDIS", "TCP", "TLS", "UDP"];

    /// <summary>A protocol Istio also knows (an HTTP proxy's port), which a policy does not offer.</summary>
    public const string HttpProxy = "HTTP_PROXY";

    /// <summary>The canonical spelling of a known protocol, else the input unchanged.</summary>
    public static string Normalize(string protocol)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, protocol, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }
        return protocol;
    }

    public static TrafficKind KindOf(string? protocol) => protocol switch
    {
        "HTTP" or "HTTP2" or "GRPC" or "GRPC-WEB" => TrafficKind.Http,
        "HTTPS" or "TLS" => TrafficKind.Tls,
        "TCP" or "MONGO" or "MYSQL" or "REDIS" => TrafficKind.Tcp,
        _ => TrafficKind.Unknown,
    };

    public static bool IsGrpc(string? protocol) => protocol is "GRPC" or "GRPC-WEB";
}
