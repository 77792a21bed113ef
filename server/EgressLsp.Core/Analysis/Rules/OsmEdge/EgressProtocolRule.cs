using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.OsmEdge;

/// <summary>
/// OSM001 for what osm-edge's CRD leaves open: an Egress port's <c>protocol</c> is a free string there, but the
/// controller lower-cases it and only knows <c>http</c>, <c>https</c>, <c>tcp</c> and <c>tcp-server-first</c>; any other
/// port is skipped without a word (pkg/catalog/egress.go, <c>GetEgressTrafficPolicy</c>: <c>switch strings.ToLower(portSpec.Protocol)</c>
/// with no default), so nothing on it is allowed.
/// </summary>
public sealed class EgressProtocolRule : MeshRule<OsmEgressModel>
{
    /// <summary>The protocols osm-edge's controller handles (pkg/constants/constants.go).</summary>
    public static readonly ImmutableArray<string> KnownProtocols = ["http", "https", "tcp", "tcp-server-first"];

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [DiagnosticCatalog.OSM001];

    protected override void Check(MeshRuleContext context, OsmEgressModel egress)
    {
        foreach (var port in egress.Ports)
        {
            if (port.Protocol is { } protocol && !KnownProtocols.Contains(protocol.Value.ToLowerInvariant()))
            {
                var number = port.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                context.Report(DiagnosticCatalog.OSM001.Create(protocol.Location.Span, new LocalizedText(
                    $"osm-edge does not know protocol '{protocol.Value}' (it knows {string.Join(", ", KnownProtocols)}): its controller skips this port, so nothing on port {number} is allowed.",
                    $"osm-edge 不识别协议“{protocol.Value}”(只识别 {string.Join(", ", KnownProtocols)}):其控制器会跳过此端口,端口 {number} 上的流量都不会被放行。")));
            }
        }
    }
}
