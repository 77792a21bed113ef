using EgressLsp.Core.Expansion;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Targets;

/// <summary>The pieces both Istio targets write the same way (ServiceEntry ports, TLS settings, per-host names).</summary>
internal static class IstioShapes
{
    public const string NetworkingApiVersion = "networking.istio.io/v1";
    public const string SecurityApiVersion = "security.istio.io/v1";

    /// <summary>
    /// A name per external host for the objects made per host: slug(H), made unique among the hosts (a.b.com and
    /// a-b.com keep distinct names: later ones get a hash suffix).
    /// </summary>
    public static string HostKey(string host, HashSet<string> taken)
    {
        var key = ResourceNames.Slug(host);
        if (key.Length == 0 || key.Length > ResourceNames.MaxLength || !taken.Add(key))
        {
            key = ResourceNames.Hashed(key, host);
            taken.Add(key);
        }
        return key;
    }

    /// <summary>A ServiceEntry port's name: the policy's when it is a unique DNS label, else <c>{protocol}-{A}</c>.</summary>
    public static string PortName(PlannedHostPort port, UniqueNames names)
    {
        var declared = port.Settings.Source.PortName;
        return declared is not null && ResourceNames.IsDnsLabel(declared) && names.TryClaim(declared)
            ? declared
            : names.Claim($"{port.Settings.Source.Protocol!.ToLowerInvariant()}-{port.AppPort}");
    }

    /// <summary>A DestinationRule <c>portLevelSettings</c> entry: TLS of <paramref name="mode"/> with SNI on one port.</summary>
    public static ManifestMapping PortTls(int port, string mode, string sni) =>
        ManifestMapping.Of(("port", ManifestMapping.Of(("number", port))), ("tls", ManifestMapping.Of(("mode", mode), ("sni", sni))));
}
