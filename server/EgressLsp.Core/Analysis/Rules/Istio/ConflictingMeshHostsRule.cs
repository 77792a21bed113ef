using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0109: VirtualServices bound to <c>mesh</c> that define the same host for the same namespaces (the sidecars
/// keep one of them, silently), as Istio's <c>virtualservice.ConflictingMeshGatewayHostsAnalyzer</c>
/// (pkg/config/analysis/analyzers/virtualservice/conflictingmeshgatewayhosts.go) decides: hosts are made fully qualified
/// in each VirtualService's namespace and scoped by its <c>exportTo</c> (empty or <c>*</c>: everywhere, <c>.</c>: its
/// own namespace); two hosts of one scope conflict when equal, and a namespace-scoped host conflicts with a host
/// exported everywhere that matches it, wildcards included. Each VirtualService is reported once.
/// </summary>
public sealed class ConflictingMeshHostsRule : MeshRule<VirtualServiceModel>
{
    public static readonly DiagnosticDescriptor IST0109 = new("IST0109", DiagnosticLevel.Error, "Conflicting mesh gateway VirtualService hosts",
        "Host '{0}' is also defined for the mesh by {1}: the sidecars keep only one of these VirtualServices.",
        "主机“{0}”也由 {1} 为网格(mesh)定义:Sidecar 只会保留其中一个 VirtualService。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [IST0109];

    protected override void Check(MeshRuleContext context, VirtualServiceModel service)
    {
        if (!service.IsBoundToMesh)
        {
            return;
        }
        var scopedHosts = ScopedHosts(context.Mesh, service).ToArray();
        Written? conflictingHost = null;
        var others = new List<VirtualServiceModel>();
        foreach (var other in context.Mesh.VirtualServices)
        {
            if (!other.IsBoundToMesh || other.Namespace == service.Namespace && other.Name == service.Name)
            {
                continue;
            }
            var otherHosts = ScopedHosts(context.Mesh, other).ToArray();
            foreach (var (scope, fqdn, written) in scopedHosts)
            {
                if (otherHosts.Any(o => Conflict(scope, fqdn, o.Scope, o.Fqdn)))
                {
                    conflictingHost ??= written;
                    others.Add(other);
                    break;
                }
            }
        }
        if (conflictingHost is { } host)
        {
            var names = RuleContext.ListNames(others.Select(o => $"{o.Namespace}/{o.Name}"));
            var diagnostic = IST0109.Create(host.Location.Span, host.Value, names);
            foreach (var other in others)
            {
                diagnostic = diagnostic.WithRelated(MeshRuleContext.RelatedAt(other.Location, $"{other.DisplayName} defines it too", $"{other.DisplayName} 也定义了它"));
            }
            context.Report(diagnostic);
        }
    }

    private static bool Conflict(string scope, string fqdn, string otherScope, string otherFqdn) =>
        scope == otherScope ? fqdn == otherFqdn
        : scope == MeshView.ExportToAll || otherScope == MeshView.ExportToAll ? MeshHost.Matches(fqdn, otherFqdn)
        : false;

    private static IEnumerable<(string Scope, string Fqdn, Written Host)> ScopedHosts(MeshView mesh, VirtualServiceModel service)
    {
        IEnumerable<string> scopes = service.ExportTo.IsEmpty || service.ExportTo.Contains(MeshView.ExportToAll)
            ? [MeshView.ExportToAll]
            : service.ExportTo.Select(e => e == "." ? service.Namespace : e).Distinct();
        foreach (var scope in scopes)
        {
            foreach (var host in service.Hosts)
            {
                yield return (scope, mesh.Fqdn(host.Value, service.Namespace), host);
            }
        }
    }
}
