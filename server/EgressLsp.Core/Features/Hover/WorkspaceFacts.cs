using System.Globalization;
using System.Text;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;

namespace EgressLsp.Core.Features.Hover;

/// <summary>What the workspace knows about a gateway or a policy source, as hover sections.</summary>
internal static class WorkspaceFacts
{
    /// <summary>Long lists are cut: a hover is a glance, the outline and definition lead to the rest.</summary>
    private const int MaxListed = 20;

    private static readonly LocalizedText GatewayHeading = new("Egress gateway {0}", "出口网关 {0}");
    private static readonly LocalizedText ServiceHost = new("Sidecars send to {0}", "Sidecar 发往 {0}");
    private static readonly LocalizedText InWorkspace = new("In the workspace:", "工作区中:");
    private static readonly LocalizedText IstioGatewayIn = new("{0} in {1}", "{0},位于 {1}");
    private static readonly LocalizedText LabelledIn = new("{0} labelled {1} in {2}", "带标签 {1} 的 {0},位于 {2}");
    private static readonly LocalizedText Ports = new("ports {0}", "端口 {0}");
    private static readonly LocalizedText GatewayNotFound = new("Not found in the workspace (known gateways: {0}).", "工作区中没有找到(已知网关:{0})。");
    private static readonly LocalizedText NoGateways = new("The workspace has no egress gateway manifest.", "工作区中没有出口网关的清单。");
    private static readonly LocalizedText SelectedHeading = new("Workloads selected in {0}", "{0} 中选中的工作负载");
    private static readonly LocalizedText SelectedWithLabels = new("Workloads selected in {0} by {1}", "{0} 中被 {1} 选中的工作负载");
    private static readonly LocalizedText ServiceAccount = new("service account {0}", "服务账号 {0}");
    private static readonly LocalizedText NamespaceDeclared = new("Namespace {0} is declared in {1}.", "命名空间 {0} 声明于 {1}。");
    private static readonly LocalizedText NamespaceNotDeclared = new("Namespace {0} is not declared in the workspace.", "工作区中没有声明命名空间 {0}。");
    private static readonly LocalizedText NoWorkloadInNamespace = new("The workspace knows no workload in {0}.", "工作区中没有 {0} 的工作负载。");
    private static readonly LocalizedText NoWorkloadMatches = new("No workload there carries these labels (workloads there: {0}).", "该命名空间中没有带这些标签的工作负载(已有工作负载:{0})。");
    private static readonly LocalizedText More = new("… and {0} more", "……另有 {0} 个");
    private static readonly LocalizedText ListSeparator = new(", ", "、");

    public static string Gateway(string name, WorkspaceIndex workspace, EgressEnvironment environment, string documentPath, string? locale)
    {
        var builder = new StringBuilder();
        builder.Append("**").Append(GatewayHeading.Format(locale, Markdown.Code(name))).Append("**\n\n");
        builder.Append(ServiceHost.Format(locale, Markdown.Code(environment.GatewayHostFor(name))));
        var known = GatewayManifests.Named(workspace, name).ToArray();
        if (known.Length == 0)
        {
            var names = workspace.GatewayNames.ToArray();
            builder.Append("\n\n").Append(names.Length == 0
                ? NoGateways.For(locale)
                : GatewayNotFound.Format(locale, string.Join(ListSeparator.For(locale), names.Select(Markdown.Code))));
            return builder.ToString();
        }
        builder.Append("\n\n").Append(InWorkspace.For(locale));
        foreach (var gateway in known)
        {
            builder.Append("\n- ").Append(gateway.SourceKind == "IstioGateway"
                ? IstioGatewayIn.Format(locale, gateway.SourceKind, Markdown.Code(gateway.Namespace))
                : LabelledIn.Format(locale, gateway.SourceKind, Markdown.Code($"istio: {name}"), Markdown.Code(gateway.Namespace)));
            if (gateway.KnowsPorts)
            {
                builder.Append(" · ").Append(Ports.Format(locale, string.Join(ListSeparator.For(locale), gateway.Ports.Select(PortText))));
            }
            builder.Append(" · ").Append(Where(gateway.Location, documentPath));
        }
        return builder.ToString();
    }

    /// <summary>The workloads a <c>from</c> entry admits: its namespace's, narrowed by its workload selector.</summary>
    public static string Source(RuleSource source, WorkspaceIndex workspace, string documentPath, string? locale)
    {
        var ns = source.Namespace ?? "";
        var builder = new StringBuilder("**");
        builder.Append(source.SelectsWholeNamespace
            ? SelectedHeading.Format(locale, Markdown.Code(ns))
            : SelectedWithLabels.Format(locale, Markdown.Code(ns), string.Join(", ", source.WorkloadSelector.Select(l => Markdown.Code(l.ToString())))));
        builder.Append("**\n\n");
        builder.Append(workspace.Namespaces.TryGetValue(ns, out var declared)
            ? NamespaceDeclared.Format(locale, Markdown.Code(ns), Where(declared.Location, documentPath))
            : NamespaceNotDeclared.Format(locale, Markdown.Code(ns)));
        var inNamespace = workspace.WorkloadsIn(ns).ToArray();
        var selected = inNamespace.Where(w => w.Matches(source.WorkloadSelector)).ToArray();
        if (inNamespace.Length == 0)
        {
            builder.Append("\n\n").Append(NoWorkloadInNamespace.Format(locale, Markdown.Code(ns)));
            return builder.ToString();
        }
        if (selected.Length == 0)
        {
            builder.Append("\n\n").Append(NoWorkloadMatches.Format(locale,
                string.Join(ListSeparator.For(locale), inNamespace.Take(MaxListed).Select(w => Markdown.Code(w.Name)))));
            return builder.ToString();
        }
        builder.Append('\n');
        foreach (var workload in selected.Take(MaxListed))
        {
            builder.Append("\n- ").Append(workload.Kind).Append(' ').Append(Markdown.Code(workload.Name))
                .Append(" · ").Append(ServiceAccount.Format(locale, Markdown.Code(workload.ServiceAccount)))
                .Append(" · ").Append(Where(workload.Location, documentPath));
        }
        if (selected.Length > MaxListed)
        {
            builder.Append("\n- ").Append(More.Format(locale, (selected.Length - MaxListed).ToString(CultureInfo.InvariantCulture)));
        }
        return builder.ToString();
    }

    private static string PortText(GatewayPortInfo port) => port.Protocol is { } protocol ? $"{port.Number}/{protocol}" : port.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>"k8s/gateway.yaml:12": the manifest relative to the document's folder, and the 1-based line of its name.</summary>
    private static string Where(ManifestLocation location, string documentPath)
    {
        var path = location.Path;
        var folder = Path.GetDirectoryName(documentPath);
        if (Path.IsPathRooted(path) && Path.IsPathRooted(documentPath) && !string.IsNullOrEmpty(folder))
        {
            path = Path.GetRelativePath(folder, path);
        }
        return Markdown.Code($"{path}:{location.Range.Start.Line + 1}");
    }

}
