using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Workspace;

/// <summary>Why the workspace cannot name the identities of a source's workloads, and what would close the gap.</summary>
public readonly record struct IdentityGap(LocalizedText Reason, LocalizedText Remedy);

/// <summary>
/// Which service accounts a <c>from</c> entry stands for, read from the workspace's workloads (Pods and the pod
/// templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs) and ServiceAccount objects.
/// Every target that admits sources by identity (Istio principals, osm-edge Egress sources) asks here.
/// </summary>
public static class WorkloadIdentities
{
    /// <summary>
    /// The service accounts of the workloads <paramref name="selector"/> selects in <paramref name="ns"/> when they
    /// identify exactly those workloads; otherwise null, and <paramref name="gap"/> says why. An empty selector is
    /// the whole namespace: every workload's account and every ServiceAccount object of it.
    /// </summary>
    public static ImmutableArray<string>? Of(WorkspaceIndex workspace, string ns, ImmutableArray<Label> selector, out IdentityGap gap)
    {
        var workloads = workspace.WorkloadsIn(ns).ToArray();
        var selected = workloads.Where(w => w.Matches(selector)).Select(w => w.ServiceAccount);
        if (selector.IsEmpty)
        {
            selected = selected.Concat(workspace.ServiceAccountsIn(ns));
        }
        var serviceAccounts = selected.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        if (serviceAccounts.IsEmpty)
        {
            gap = selector.IsEmpty
                ? new IdentityGap(
                    new LocalizedText(
                        $"the workspace has no workload or ServiceAccount of namespace '{ns}', so its service accounts are unknown",
                        $"工作区中没有命名空间“{ns}”的工作负载或 ServiceAccount,无法得知其服务账号"),
                    new LocalizedText(
                        $"add the manifests of '{ns}' (its workloads with their serviceAccountName, or its ServiceAccounts) to the workspace",
                        $"请将“{ns}”的清单(含 serviceAccountName 的工作负载,或其 ServiceAccount)加入工作区"))
                : new IdentityGap(
                    new LocalizedText(
                        "no workload in the workspace matches it, so its service account is unknown",
                        "工作区中没有与之匹配的工作负载,无法得知其服务账号"),
                    new LocalizedText(
                        "add the selected workloads' manifests (with their serviceAccountName) to the workspace",
                        "请将所选工作负载的清单(含 serviceAccountName)加入工作区"));
            return null;
        }
        if (workloads.FirstOrDefault(w => !w.Matches(selector) && serviceAccounts.Contains(w.ServiceAccount)) is { } sharing)
        {
            gap = new IdentityGap(
                new LocalizedText(
                    $"service account '{sharing.ServiceAccount}' of the selected workloads is also used by {sharing.Kind} '{sharing.Name}', which it does not select",
                    $"所选工作负载的服务账号“{sharing.ServiceAccount}”也被未选中的 {sharing.Kind}“{sharing.Name}”使用"),
                new LocalizedText(
                    "give the selected workloads a service account of their own",
                    "请为所选工作负载使用专用的服务账号"));
            return null;
        }
        gap = default;
        return serviceAccounts;
    }
}
