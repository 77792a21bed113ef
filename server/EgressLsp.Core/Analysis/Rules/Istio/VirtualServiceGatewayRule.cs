using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 (ReferencedResourceNotFound) for a VirtualService's gateways, as Istio's <c>virtualservice.GatewayAnalyzer</c>
/// (pkg/config/analysis/analyzers/virtualservice/gateways.go) reads them: <c>mesh</c> is reserved; <c>ns/name</c> names
/// a Gateway of that namespace and a bare name one of the VirtualService's own namespace
/// (<c>resource.NewShortOrFullName</c>). Unlike istioctl, a missing Gateway is reported only when the workspace holds
/// Gateways at all: a VirtualService checked on its own (its Gateway kept in another repository) is not an error.
/// Each entry is reported where it is written, in <c>spec.gateways</c> and in the routes' <c>match[].gateways</c>.
/// </summary>
public sealed class VirtualServiceGatewayRule : Rule<RuleContext>
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101];

    public override bool AppliesTo(DocumentKind kind) => kind == KindRegistry.IstioResources;

    protected override void Check(RuleContext context)
    {
        if (context.Document.KindName != "VirtualService" || context.Document.Identity.Group != IstioResourceKind.NetworkingGroup ||
            context.Document.Document.Root?.Resolved is not YamlMapping root || root.GetMapping("spec") is not { } spec)
        {
            return;
        }
        var gateways = context.Workspace.MeshGateways.Select(o => (o.Namespace, o.Name)).ToHashSet();
        if (gateways.Count == 0)
        {
            return;
        }
        var ns = IstioResourceKind.NamespaceOf(root);
        var references = Entries(spec.GetSequence("gateways")).Concat(
            new[] { "http", "tls", "tcp" }.SelectMany(route => Items(spec.GetSequence(route)))
                .SelectMany(route => Items(route.GetSequence("match")))
                .SelectMany(match => Entries(match.GetSequence("gateways"))));
        foreach (var reference in references)
        {
            var name = reference.Value;
            if (IstioResourceKind.GatewayNamed(name, ns) is { } gateway && !gateways.Contains(gateway))
            {
                var where = name.IndexOf('/') > 0 ? new LocalizedText("", "") : new LocalizedText($" (looked up in namespace '{ns}')", $"(在命名空间“{ns}”中查找)");
                context.Report(ReferencedResource.IST0101.Create(reference.Span, new LocalizedText("gateway", "网关"), name, where));
            }
        }
    }

    private static IEnumerable<YamlMapping> Items(YamlSequence? sequence) =>
        (sequence?.Items ?? []).Select(item => item.Resolved).OfType<YamlMapping>();

    private static IEnumerable<YamlScalar> Entries(YamlSequence? sequence) =>
        (sequence?.Items ?? []).Select(item => item.Resolved).OfType<YamlScalar>().Where(s => !s.IsNull);
}
