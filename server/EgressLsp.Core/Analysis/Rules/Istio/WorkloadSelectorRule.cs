using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Mesh;

namespace EgressLsp.Core.Analysis.Rules.Istio;

/// <summary>
/// IST0101 for a Sidecar's <c>workloadSelector</c> or a Telemetry's <c>selector</c> that picks no pod of its own
/// namespace (the resource then applies to nothing), as Istio's <c>sidecar.SelectorAnalyzer</c> and
/// <c>telemetry.SelectorAnalyzer</c> (pkg/config/analysis/analyzers/sidecar/selector.go, telemetry/selector.go).
/// Only when the workspace holds workloads.
/// </summary>
public sealed class WorkloadSelectorRule : MeshRule<SelectingResourceModel>
{
    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [ReferencedResource.IST0101];

    protected override void Check(MeshRuleContext context, SelectingResourceModel resource)
    {
        if (resource.Selector.IsEmpty || context.Mesh.Workloads.IsEmpty || context.Mesh.WorkloadsSelectedBy(resource.Selector, resource.Namespace).Any())
        {
            return;
        }
        context.Report(ReferencedResource.NotFound((resource.SelectorLocation ?? resource.Location).Span, "selector", "选择器",
            ReferencedResource.SelectorText(resource.Selector),
            new LocalizedText($" (no workload in namespace '{resource.Namespace}' has these labels)", $"(命名空间“{resource.Namespace}”中没有带这些标签的工作负载)")));
    }
}
