using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// EGP042 (expansion.md rule 7): label-scoped sources a target admits as their whole namespace because the
/// workspace cannot name their workloads' identities. Collected while admitting sources; one warning per source and
/// reason, naming every destination it affects.
/// </summary>
public sealed class UnenforceableSelectors
{
    private readonly Dictionary<(RuleSource Source, string Reason), (SourceScope Scope, IdentityGap Gap, List<string> Destinations)> _found = [];

    public void Add(SourceScope scope, string host, int appPort, IdentityGap gap)
    {
        var key = (scope.Source, gap.Reason.En);
        if (!_found.TryGetValue(key, out var entry))
        {
            _found[key] = entry = (scope, gap, []);
        }
        entry.Destinations.Add($"{host}:{appPort}");
    }

    /// <param name="traffic">Which traffic goes unnarrowed ("TLS/TCP traffic").</param>
    /// <param name="enforcer">Who admits the namespace instead ("The egress gateway").</param>
    public ImmutableArray<Diagnostic> Diagnostics(LocalizedText traffic, LocalizedText enforcer) =>
    [
        .. _found.Values.Select(entry =>
        {
            var (scope, gap, destinations) = entry;
            var selector = "{" + string.Join(", ", scope.Selector) + "}";
            var targets = string.Join(", ", destinations.Distinct(StringComparer.Ordinal));
            var message = new LocalizedText(
                $"workloadSelector {selector} cannot be enforced for {traffic.En} from namespace '{scope.Namespace}' to {targets}: " +
                $"{gap.Reason.En}. {enforcer.En} admits every workload of '{scope.Namespace}'; {gap.Remedy.En}.",
                $"workloadSelector {selector} 无法对命名空间“{scope.Namespace}”发往 {targets} 的{traffic.Zh}生效:{gap.Reason.Zh}。" +
                $"{enforcer.Zh}将放行“{scope.Namespace}”中的所有工作负载;{gap.Remedy.Zh}。");
            return DiagnosticCatalog.EGP042.Create((scope.Source.WorkloadSelectorNode ?? scope.Source.Node).Span, message);
        }),
    ];
}
