using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// A workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob): its pods' labels and service
/// account (EGP041, workload completion, the expansion's principals); pods labelled <c>istio: {name}</c> are gateway
/// {name}'s. One unit for the family: the kinds differ only in where the pod template is.
/// </summary>
public sealed class WorkloadKind : DocumentKind
{
    private readonly Func<Manifest, YamlMapping?> _podTemplate;

    /// <param name="podTemplate">The mapping holding the pods' <c>metadata</c> and <c>spec</c>.</param>
    public WorkloadKind(string name, Func<Manifest, YamlMapping?> podTemplate)
    {
        Name = name;
        _podTemplate = podTemplate;
    }

    public static YamlMapping? PodItself(Manifest manifest) => manifest.Root;

    public static YamlMapping? SpecTemplate(Manifest manifest) => manifest.Spec?.GetMapping("template");

    public static YamlMapping? JobTemplate(Manifest manifest) =>
        manifest.Spec?.GetMapping("jobTemplate")?.GetMapping("spec")?.GetMapping("template");

    public override string Name { get; }

    public override bool Recognises(DocumentIdentity identity) => identity.Kind == Name;

    public override void Index(Manifest manifest, WorkspaceFactsBuilder facts)
    {
        var template = _podTemplate(manifest);
        var labels = Label.ReadAll(template?.GetMapping("metadata")?.GetMapping("labels"));
        var podSpec = template?.GetMapping("spec");
        // Kubernetes uses the namespace's "default" service account when the pod names none.
        var serviceAccount = podSpec?.GetString("serviceAccountName") ?? podSpec?.GetString("serviceAccount") ?? "default";
        facts.Workloads.Add(new WorkloadInfo(Name, manifest.Name, manifest.Namespace, labels, serviceAccount, manifest.Location));
        if (labels.FirstOrDefault(l => l.Key == Manifest.GatewayLabelKey) is { Value: { } gateway })
        {
            facts.Gateways.Add(new GatewayInfo(gateway, manifest.Namespace, Name, [], manifest.Location));
        }
    }
}
