using System.Collections.Immutable;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Reachability;

/// <summary>What the application speaks to the external host: HTTP (the sidecar reads it) or TLS (it sees only the SNI).</summary>
public enum ReachProtocol { Http, Tls }

/// <summary>
/// Who sends: the pods of a namespace with some labels (none: a pod of the namespace no selector picks out), and the
/// service account they run as when known (a named workload's, or the one all the workloads with those labels share).
/// </summary>
public sealed record ReachSource(string Namespace, ImmutableArray<Label> Labels, string? ServiceAccount = null, string? Workload = null)
{
    /// <summary><c>payments</c> or <c>payments/app=billing,tier=web</c> (the CLI's <c>--from</c>, an egress test's <c>from</c>); null and why when it is not.</summary>
    public static ReachSource? Parse(string text, out string? error)
    {
        var slash = text.IndexOf('/');
        var ns = slash < 0 ? text : text[..slash];
        error = null;
        if (ns.Length == 0)
        {
            error = $"'{text}': expected NAMESPACE or NAMESPACE/label=value,...";
            return null;
        }
        var labels = ImmutableArray.CreateBuilder<Label>();
        foreach (var pair in slash < 0 ? [] : text[(slash + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                error = $"'{text}': '{pair}' is not label=value";
                return null;
            }
            labels.Add(new Label(pair[..equals], pair[(equals + 1)..]));
        }
        return new ReachSource(ns, labels.ToImmutable());
    }

    /// <summary><c>payments</c>, <c>payments/app=billing</c>, or <c>payments/Deployment billing</c>.</summary>
    public string Display => Workload is not null ? $"{Namespace}/{Workload}"
        : Labels.IsEmpty ? Namespace : $"{Namespace}/{string.Join(",", Labels.Select(l => $"{l.Key}={l.Value}"))}";
}

/// <summary>Where to: a host, a port (null: the protocol's usual one, or the one the registry declares) and the protocol (null: the registry's).</summary>
public sealed record ReachDestination(string Host, int? Port = null, ReachProtocol? Protocol = null)
{
    /// <summary><c>api.stripe.com</c> or <c>api.stripe.com:443</c>; null and why when it is not.</summary>
    public static ReachDestination? Parse(string text, ReachProtocol? protocol, out string? error)
    {
        var colon = text.LastIndexOf(':');
        int? port = null;
        var host = text;
        error = null;
        if (colon > 0)
        {
            if (!int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ||
                number is < 1 or > 65535)
            {
                error = $"'{text}': the port must be a number from 1 to 65535";
                return null;
            }
            (host, port) = (text[..colon], number);
        }
        if (host.Length == 0)
        {
            error = $"'{text}': expected HOST or HOST:PORT";
            return null;
        }
        return new ReachDestination(host, port, protocol);
    }

    /// <summary>
    /// The port asked about: the one given, else the protocol's usual one (HTTP 80, TLS 443), else the first the data plane
    /// declares for the host (<paramref name="declared"/>), else 80.
    /// </summary>
    public int PortOr(int? declared) => Port ?? (Protocol is { } protocol ? (protocol == ReachProtocol.Http ? 80 : 443) : declared ?? 80);

    public static ReachProtocol? ParseProtocol(string? text) => text switch { "http" => ReachProtocol.Http, "tls" => ReachProtocol.Tls, _ => null };
}

public enum ReachOutcome { Allowed, Refused }

public enum ReachVia { EgressGateway, Direct }

/// <summary>
/// The object that decides a hop: its identity, and where to read it. For an object a policy generates, the place is
/// the policy's <c>to</c> entry it came from (the object exists only once expanded).
/// </summary>
public sealed record HopObject(string Kind, string Namespace, string Name, ManifestLocation Location, bool Generated)
{
    public string File => Location.Path;

    /// <summary>1-based.</summary>
    public int Line => Location.Range.Start.Line + 1;
}

/// <summary>One hop of the path: a step name (<c>registry</c>, <c>sidecar</c>, <c>gateway-subset</c>, …), its object, what it does.</summary>
public sealed record ReachHop(string Step, HopObject? Object, LocalizedText Detail);

/// <summary>
/// The answer to "can this source reach this host and port": allowed (through an egress gateway, or directly: a
/// bypass) or refused with the way the user sees it (<see cref="Symptom"/>), and the hops with the objects that decide
/// them. <see cref="Assumed"/> is the outbound traffic policy the answer assumed.
/// </summary>
/// <param name="Gateway">The egress gateway's Service host the request goes through (allowed or refused there), else null.</param>
/// <param name="Note">What the target's data plane makes of <see cref="Assumed"/> (ambient's ztunnel ignores it; osm-edge calls it <c>enableEgress</c>).</param>
public sealed record ReachAnswer(ReachSource Source, string Host, int Port, string Protocol, ReachOutcome Outcome, ReachVia? Via, LocalizedText? Symptom,
    ImmutableArray<ReachHop> Hops, OutboundTrafficPolicy Assumed, string? Gateway = null, LocalizedText? Note = null)
{
    public bool IsAllowed => Outcome == ReachOutcome.Allowed;

    /// <summary>The last hop: the one that refuses, or the hop to the host.</summary>
    public ReachHop? Decisive => Hops.IsEmpty ? null : Hops[^1];

    /// <summary>The object of the hop named <paramref name="step"/>, if the path has one.</summary>
    public HopObject? ObjectAt(string step) => Hops.FirstOrDefault(h => h.Step == step && h.Object is not null)?.Object;

    /// <summary>The object of the last hop that has one: the refusing object, or the last on the way.</summary>
    public HopObject? DecisiveObject => Hops.LastOrDefault(h => h.Object is not null)?.Object;
}

/// <summary>A row or column of the matrix: the sources the workspace names and the destinations it declares.</summary>
public sealed record ReachMatrix(ImmutableArray<ReachSource> Sources, ImmutableArray<ReachDestination> Destinations, ImmutableArray<ImmutableArray<ReachAnswer>> Answers);

