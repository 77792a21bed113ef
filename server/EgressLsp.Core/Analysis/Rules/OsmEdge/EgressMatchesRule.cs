using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.OsmEdge;

/// <summary>
/// OSM003: what osm-edge's webhook refuses in an Egress's <c>matches</c> (pkg/validator/validators.go,
/// <c>egressValidator</c>): <c>apiGroup</c> must be <c>specs.smi-spec.io/v1alpha4</c> with kind <c>HTTPRouteGroup</c>, or
/// <c>policy.openservicemesh.io/v1alpha1</c> with kind <c>UpstreamTrafficSetting</c> (the webhook compares the
/// group/version string, not the bare group), and at most one UpstreamTrafficSetting.
/// </summary>
public sealed class EgressMatchesRule : MeshRule<OsmEgressModel>
{
    public const string SmiSpecsGroupVersion = "specs.smi-spec.io/v1alpha4";
    public const string PolicyGroupVersion = "policy.openservicemesh.io/v1alpha1";

    public static readonly DiagnosticDescriptor OSM003 = new("OSM003", DiagnosticLevel.Error, "Egress match osm-edge refuses",
        "{0}",
        "{0}");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [OSM003];

    protected override void Check(MeshRuleContext context, OsmEgressModel egress)
    {
        var upstreamSettings = 0;
        foreach (var match in egress.Matches)
        {
            var apiGroup = match.ApiGroup?.Value;
            var expectedKind = apiGroup switch
            {
                SmiSpecsGroupVersion => "HTTPRouteGroup",
                PolicyGroupVersion => "UpstreamTrafficSetting",
                _ => null,
            };
            if (expectedKind is null)
            {
                var at = match.ApiGroup?.Location.Span ?? match.Location.Span;
                var written = apiGroup ?? "";
                context.Report(OSM003.Create(at, new LocalizedText(
                    $"osm-edge refuses matches.apiGroup '{written}': it must be '{SmiSpecsGroupVersion}' (HTTPRouteGroup) or '{PolicyGroupVersion}' (UpstreamTrafficSetting), group and version together.",
                    $"osm-edge 拒绝 matches.apiGroup“{written}”:它必须是“{SmiSpecsGroupVersion}”(HTTPRouteGroup)或“{PolicyGroupVersion}”(UpstreamTrafficSetting),即组与版本一起写。")));
                continue;
            }
            if (match.Kind?.Value != expectedKind)
            {
                var written = match.Kind?.Value ?? "";
                context.Report(OSM003.Create(match.Kind?.Location.Span ?? match.Location.Span, new LocalizedText(
                    $"osm-edge refuses matches.kind '{written}' for apiGroup '{apiGroup}': it must be {expectedKind}.",
                    $"osm-edge 拒绝 apiGroup“{apiGroup}”下的 matches.kind“{written}”:它必须是 {expectedKind}。")));
                continue;
            }
            if (expectedKind == "UpstreamTrafficSetting" && ++upstreamSettings == 2)
            {
                context.Report(OSM003.Create(match.Location.Span, new LocalizedText(
                    "osm-edge refuses an Egress with more than one UpstreamTrafficSetting match; keep one.",
                    "osm-edge 拒绝包含多个 UpstreamTrafficSetting 匹配的 Egress;请只保留一个。")));
            }
        }
    }
}
