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
    /// <summary><c>payments</c>, <c>payments/app=billing</c>, or <c>payments/Deployment billing</c>.</summary>
    public string Display => Workload is not null ? $"{Namespace}/{Workload}"
        : Labels.IsEmpty ? Namespace : $"{Namespace}/{string.Join(",", Labels.Select(l => $"{l.Key}={l.Value}"))}";
}

/// <summary>Where to: a host, a port (null: the protocol's usual one, or the one the registry declares) and the protocol (null: the registry's).</summary>
public sealed record ReachDestination(string Host, int? Port = null, ReachProtocol? Protocol = null);

public enum ReachOutcome { Allowed, Refused }

public enum ReachVia { EgressGateway, Direct }

/// <summary>
/// The object that decides a hop: its identity, and where to read it. For an object a policy generates, the file and
/// line are the policy's <c>to</c> entry it came from (the object exists only once expanded).
/// </summary>
public sealed record HopObject(string Kind, string Namespace, string Name, string File, int Line, bool Generated);

/// <summary>One hop of the path: a step name (<c>registry</c>, <c>sidecar</c>, <c>gateway-subset</c>, …), its object, what it does.</summary>
public sealed record ReachHop(string Step, HopObject? Object, LocalizedText Detail);

/// <summary>
/// The answer to "can this source reach this host and port": allowed (through an egress gateway, or directly: a
/// bypass) or refused with the way the user sees it (<see cref="Symptom"/>), and the hops with the objects that decide
/// them. <see cref="Assumed"/> is the outbound traffic policy the answer assumed.
/// </summary>
public sealed record ReachAnswer(ReachSource Source, string Host, int Port, string Protocol, ReachOutcome Outcome, ReachVia? Via, LocalizedText? Symptom,
    ImmutableArray<ReachHop> Hops, OutboundTrafficPolicy Assumed)
{
    public bool IsAllowed => Outcome == ReachOutcome.Allowed;

    /// <summary>The last hop: the one that refuses, or the hop to the host.</summary>
    public ReachHop? Decisive => Hops.IsEmpty ? null : Hops[^1];
}

/// <summary>A row or column of the matrix: the sources the workspace names and the destinations it declares.</summary>
public sealed record ReachMatrix(ImmutableArray<ReachSource> Sources, ImmutableArray<ReachDestination> Destinations, ImmutableArray<ImmutableArray<ReachAnswer>> Answers);

/// <summary>A generated object's origin: the policy file and the line of its <c>to</c> entry.</summary>
public sealed record GeneratedOrigin(string PolicyPath, int Line);

/// <summary>Where a workspace object is read: its file and 1-based line.</summary>
internal static class Places
{
    public static (string File, int Line) Of(ManifestLocation location) => (location.Path, location.Range.Start.Line + 1);
}
