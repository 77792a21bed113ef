using EgressLsp.Core.Analysis;
using EgressLsp.Core.Features.Hover;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Mesh;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;
using static EgressLsp.Core.Mesh.MeshReading;

namespace EgressLsp.Core.Kinds.Istio;

/// <summary>A ServiceEntry: the hosts it adds to the mesh's registry (also for host completion and EGP031's neighbours).</summary>
public sealed class ServiceEntryKind : IstioResourceKind
{
    public override string Name => "ServiceEntry";

    public override bool Recognises(DocumentIdentity identity) => IsKind(identity, NetworkingGroup);

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts) => facts.AddHosts(manifest, manifest.Spec?.GetSequence("hosts"));

    /// <summary>On a host: who can reach it (<see cref="ReachabilityHover"/>).</summary>
    internal override void AddHoverFacts(DocumentAnalysis analysis, RoutedDocument document, FieldReference field, List<string> sections, string? locale)
    {
        if (field is { IsOnKey: false, Value: { IsNull: false } host } && field.Path is [{ Key: "spec" }, { Key: "hosts" }, { IsItem: true }] &&
            document.Document.Root?.Resolved is YamlMapping root)
        {
            var fqdn = MeshHost.ToFqdn(host.Value, NamespaceOf(root), analysis.Context.Environment.ClusterDomain);
            if (ReachabilityHover.Section(analysis, fqdn, locale) is { } reach)
            {
                sections.Add(reach);
            }
        }
    }

    protected override MeshResource BindMesh(Manifest m)
    {
        var spec = m.Spec;
        return new ServiceEntryModel(m.Namespace, m.Name, m.Location, Strings(m, spec?.GetSequence("hosts")),
            Ports(m, spec?.GetSequence("ports"), "number"), Values(spec?.GetSequence("exportTo")), Scalar(m, spec?.GetScalar("resolution")),
            spec?.GetSequence("endpoints")?.Items.Length ?? 0, spec?.GetMapping("workloadSelector") is not null,
            Scalar(m, spec?.GetScalar("location")))
        {
            Labels = Label.ReadAll(m.Metadata.GetMapping("labels")),
        };
    }
}
