using System.Collections.Immutable;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Reachability;

/// <summary>One expectation of an egress test: a source, a destination, the outcome expected, and where it is written.</summary>
public sealed record EgressExpectation(int Index, string Name, ReachSource Source, ReachDestination Destination, ReachOutcome Expect, ReachVia? Via,
    YamlMapping Node, YamlNode ExpectNode)
{
    /// <summary>"allowed through the egress gateway", "allowed", "refused"…: what the expectation says, in words.</summary>
    public Diagnostics.LocalizedText Wanted => Expect == ReachOutcome.Refused
        ? new("refused", "被拒绝")
        : Via switch
        {
            ReachVia.EgressGateway => new("allowed through the egress gateway", "经出口网关允许"),
            ReachVia.Direct => new("allowed directly", "直连允许"),
            _ => new("allowed", "允许"),
        };

    /// <summary>Whether <paramref name="answer"/> meets the expectation.</summary>
    public bool IsMetBy(ReachAnswer answer) => Expect == ReachOutcome.Refused
        ? !answer.IsAllowed
        : answer.IsAllowed && (Via is null || answer.Via == Via);
}

/// <summary>
/// An <c>egresslsp.io/v1alpha1</c> <c>EgressTest</c>: named expectations of the workspace's egress. An item whose
/// <c>from</c>, <c>to</c> or <c>expect</c> does not read is left out (its schema finding says why).
/// </summary>
public sealed record EgressTestSuite(string Name, ImmutableArray<EgressExpectation> Expectations)
{
    public const string ApiVersion = "egresslsp.io/v1alpha1";

    public const string KindName = "EgressTest";

    public static EgressTestSuite? Bind(YamlDocument document)
    {
        if (document.Root?.Resolved is not YamlMapping root)
        {
            return null;
        }
        var expectations = ImmutableArray.CreateBuilder<EgressExpectation>();
        var items = root.GetMapping("spec")?.GetSequence("expectations")?.Items ?? [];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Resolved is not YamlMapping item || item.GetString("from") is not { } from || item.GetString("to") is not { } to ||
                item.GetScalar("expect") is not { } expectNode)
            {
                continue;
            }
            var source = ReachSource.Parse(from, out _);
            var destination = ReachDestination.Parse(to, ReachDestination.ParseProtocol(item.GetString("protocol")), out _);
            ReachOutcome? expect = expectNode.Value switch { "allowed" => ReachOutcome.Allowed, "refused" => ReachOutcome.Refused, _ => null };
            if (source is null || destination is null || expect is null)
            {
                continue;
            }
            ReachVia? via = item.GetString("via") switch { "egress-gateway" => ReachVia.EgressGateway, "direct" => ReachVia.Direct, _ => null };
            expectations.Add(new EgressExpectation(i, item.GetString("name") ?? $"{from} → {to}", source, destination, expect.Value, via, item, expectNode));
        }
        return new EgressTestSuite(root.GetMapping("metadata")?.GetString("name") ?? KindName, expectations.ToImmutable());
    }
}
