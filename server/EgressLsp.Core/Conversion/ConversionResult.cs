using System.Collections.Immutable;
using System.Text;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Expansion;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Conversion;

/// <summary>A conversion finding: a diagnostic on a resource of some file (its span is in that file).</summary>
public sealed record ConversionFinding(ManifestLocation Location, Diagnostic Diagnostic);

/// <summary>Where the proposal is deliberately stricter or narrower than its input (each difference is also a finding).</summary>
public enum ProposalDifference
{
    /// <summary>The sidecar → gateway hop is not Istio mutual TLS in the input; the expansion makes it so (EGC003).</summary>
    PlainHopToGateway,

    /// <summary>The input does not authorise at the gateway; the expansion adds an ALLOW AuthorizationPolicy (EGC003).</summary>
    NoGatewayAuthorization,

    /// <summary>The input's sources cannot be listed exactly: the proposal lists fewer (EGC004).</summary>
    SourcesDiffer,
}

/// <summary>The egress gateway a destination goes through: its Service, pods, and the name a policy gives it.</summary>
public sealed record GatewayIdentity(string Name, string Namespace, string Service, ImmutableArray<Label> Selector, string ClusterDomain)
{
    public string Host => $"{Service}.{Namespace}.svc.{ClusterDomain}";
}

/// <summary>One host and port of the input that the proposal routes through a gateway, with the objects the traffic crossed.</summary>
/// <param name="Group">Destinations of one group share a <c>to</c> entry when everything else agrees (a named route, or one ServiceEntry).</param>
public sealed record ConvertedDestination(string Host, int Port, string Protocol, string? PortName, string Group, string ToName, GatewayIdentity Gateway,
    int GatewayPort, int? UpgradePort, ImmutableArray<ProposedSource> Sources, ImmutableArray<ProposalDifference> Differences,
    ImmutableArray<MeshResource> Objects);

/// <summary>
/// What <see cref="EgressConverter"/> proposes: one policy per egress gateway, the environment they assume, and the
/// findings on the input (what was left out, not converted, or will be stricter).
/// </summary>
public sealed record ConversionResult(ImmutableArray<ProposedPolicy> Policies, ProposedEnvironment Environment,
    ImmutableArray<ConvertedDestination> Destinations, ImmutableArray<ConversionFinding> Findings)
{
    /// <summary>
    /// The policies as multi-document YAML, for <c>kubectl apply -f -</c>; when the environment is not the default, a
    /// comment block first gives the <c>egresslsp.yaml</c> they need (a comment, so the output stays applicable).
    /// </summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        if (!Environment.IsDefault)
        {
            text.Append("# These policies assume this egresslsp.yaml (the gateway the resources use is not the default one):\n");
            foreach (var line in ManifestWriter.ToYaml([Environment.ToManifest()]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append("#   ").Append(line).Append('\n');
            }
        }
        return text.Append(ManifestWriter.ToYaml(Policies.Select(p => p.ToManifest()))).ToString();
    }
}
