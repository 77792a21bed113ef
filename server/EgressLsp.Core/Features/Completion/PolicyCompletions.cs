using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Completion;

/// <summary>
/// What a policy's fields can name, known from the workspace and the document: namespaces, the labels
/// workloads carry, gateways and their ports, hosts already declared. Positions are matched by their shape,
/// e.g. <c>spec.egressRules[].from[].namespace</c>.
/// </summary>
internal static class PolicyCompletions
{
    private const string ConventionalNamespace = "istio-egress";
    private const string WorkloadSelectorShape = "spec.egressRules[].from[].workloadSelector";

    /// <summary>
    /// Keys the schema accepts but nobody should write: <c>status</c> and the metadata the API server fills in
    /// are there so that <c>kubectl get -o yaml</c> output validates; <c>byEgressGateway</c> means its
    /// <c>name</c> at the spec and its <c>port</c> under <c>to</c>, the other one is ignored there.
    /// </summary>
    public static void Add(CompletionContext context, DocumentAnalysis analysis, RoutedDocument? document, List<CompletionEntry> items)
    {
        if (context.Position == CompletionPosition.Key)
        {
            var shape = context.Shape;
            SchemaCompletions.AddKeys(context, key => IsOffered(shape, key), items);
            AddKeys(context, analysis.Context, items);
            PolicySnippets.Add(context, analysis, document, items);
            return;
        }
        var count = items.Count;
        AddValues(context, analysis.Context, analysis, items);
        SchemaCompletions.AddValues(context, items);
        if (items.Count == count)
        {
            SchemaCompletions.AddNumberExamples(context, items);
        }
    }

    public static bool IsOffered(string shape, string key) => (shape, key) switch
    {
        ("", "status") => false,
        ("metadata", "uid" or "resourceVersion" or "generation" or "creationTimestamp" or "deletionTimestamp"
            or "deletionGracePeriodSeconds" or "managedFields") => false,
        ("spec.byEgressGateway", "port") => false,
        ("spec.egressRules[].to[].byEgressGateway", "name") => false,
        _ => true,
    };

    /// <summary>Keys that are not schema properties: <c>key: value</c> pairs of the workloads a selector can pick.</summary>
    public static void AddKeys(CompletionContext context, AnalysisContext analysis, List<CompletionEntry> items)
    {
        if (context.Shape != WorkloadSelectorShape)
        {
            return;
        }
        var source = context.Parent as YamlMapping;
        foreach (var (label, carriers) in LabelsOfWorkloads(analysis.Workspace, source?.GetString("namespace")))
        {
            if (context.ExistingKeys.Contains(label.Key))
            {
                continue;
            }
            var text = $"{label.Key}: {label.Value}";
            items.Add(new CompletionEntry(text, CompletionEntryKind.Reference, Carriers(carriers), LabelDocumentation(label, carriers),
                context.ItemPrefix + YamlText.Scalar(label.Key) + ": " + YamlText.Scalar(label.Value), false, context.ReplaceSpan,
                "0" + text, SchemaCompletions.FilterText(context, text)));
        }
    }

    public static void AddValues(CompletionContext context, AnalysisContext analysis, DocumentAnalysis document, List<CompletionEntry> items)
    {
        var workspace = analysis.Workspace;
        var shape = context.Shape;
        switch (shape)
        {
            case "metadata.namespace":
                items.Add(Reference(context, ConventionalNamespace, "convention", new LocalizedText(
                    "Egress policies live in namespace `istio-egress` by convention (EGP010).",
                    "按照约定,出口流量策略位于命名空间`istio-egress`(EGP010)。"), "00"));
                AddNamespaces(context, workspace, items, except: ConventionalNamespace);
                break;
            case "metadata.name":
                if (SpecGatewayName(context) is { } named)
                {
                    var name = "egress-by-" + named;
                    items.Add(Reference(context, name, "convention", new LocalizedText(
                        $"Policies are named after their egress gateway by convention: `{name}` (EGP011).",
                        $"按照约定,策略以其出口网关命名:`{name}`(EGP011)。"), "00"));
                }
                break;
            case "spec.byEgressGateway.name":
                foreach (var name in workspace.GatewayNames)
                {
                    var gateway = workspace.FindGateway(name)!;
                    items.Add(Reference(context, name, $"{gateway.SourceKind} in {gateway.Namespace}", PortsDocumentation(gateway), "0" + name));
                }
                break;
            case "spec.egressRules[].from[].namespace":
                AddNamespaces(context, workspace, items, except: null);
                break;
            case "spec.egressRules[].to[].byEgressGateway.port":
                AddGatewayPorts(context, analysis, items);
                break;
            case "spec.egressRules[].to[].hosts[]":
                AddHosts(context, document, items);
                break;
            case "spec.egressRules[].to[].port.name":
                if ((context.Parent as YamlMapping)?.GetString("protocol") is { } protocol)
                {
                    var name = Protocols.Normalize(protocol).ToLowerInvariant();
                    items.Add(Reference(context, name, "<protocol>[-suffix]", null, "00"));
                }
                break;
            default:
                if (shape.StartsWith(WorkloadSelectorShape + ".", StringComparison.Ordinal) && context.Path.Length >= 2)
                {
                    var source = CompletionContext.Resolve(context.Document, context.Path[..^2]) as YamlMapping;
                    var key = context.Path[^1].Key!;
                    foreach (var (label, carriers) in LabelsOfWorkloads(workspace, source?.GetString("namespace")))
                    {
                        if (label.Key == key)
                        {
                            items.Add(Reference(context, label.Value, Carriers(carriers), LabelDocumentation(label, carriers), "0" + label.Value));
                        }
                    }
                }
                break;
        }
    }

    private static void AddNamespaces(CompletionContext context, WorkspaceIndex workspace, List<CompletionEntry> items, string? except)
    {
        foreach (var ns in workspace.KnownNamespaces)
        {
            if (ns == except)
            {
                continue;
            }
            var workloads = workspace.WorkloadsIn(ns).Count();
            var detail = workloads == 0 ? "namespace" : workloads == 1 ? "namespace · 1 workload" : $"namespace · {workloads} workloads";
            items.Add(Reference(context, ns, detail, null, "0" + ns));
        }
    }

    /// <summary>The ports of the policy's gateway, with the protocol each carries.</summary>
    private static void AddGatewayPorts(CompletionContext context, AnalysisContext analysis, List<CompletionEntry> items)
    {
        if (GatewayName(context, analysis.Environment) is not { } name || analysis.Workspace.FindGateway(name) is not { KnowsPorts: true } gateway)
        {
            SchemaCompletions.AddNumberExamples(context, items);
            return;
        }
        foreach (var port in gateway.Ports.OrderBy(p => p.Number))
        {
            var text = port.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var detail = port.Protocol is { } protocol ? $"{text} — {Protocols.Normalize(protocol)}" : text;
            var documentation = new LocalizedText(
                $"Port {text} of egress gateway `{gateway.Name}`" + (port.Name is { } portName ? $" (`{portName}`)." : "."),
                $"出口网关`{gateway.Name}`的端口 {text}" + (port.Name is { } portNameZh ? $"(`{portNameZh}`)。" : "。"));
            items.Add(SchemaCompletions.Value(context, text, text, detail, documentation, CompletionEntryKind.Reference, "0" + port.Number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// Hosts that the document's policies or ServiceEntries already declare, then those declared elsewhere in the
    /// workspace, except this entry's own.
    /// </summary>
    internal static void AddHosts(CompletionContext context, DocumentAnalysis document, List<CompletionEntry> items)
    {
        var offered = new HashSet<string>(context.ExistingItems, StringComparer.OrdinalIgnoreCase);
        foreach (var routed in document.Documents)
        {
            var isPolicy = routed.Kind == KindRegistry.Policy;
            IEnumerable<string> hosts = isPolicy ? routed.Policy?.Destinations.SelectMany(d => d.Hosts).Select(h => h.Host) ?? []
                : routed.KindName == "ServiceEntry" && IstioResourceKind.IsIstioGroup(routed.Identity) ? ServiceEntryHosts(routed.Document)
                : [];
            foreach (var host in hosts)
            {
                if (host.Length > 0 && !host.Equals(context.TypedText, StringComparison.Ordinal) && offered.Add(host))
                {
                    items.Add(Reference(context, host, isPolicy ? "host in this file" : "ServiceEntry host", null, "0" + host));
                }
            }
        }
        foreach (var declared in document.Context.Workspace.Hosts)
        {
            if (declared.Location.Path != document.Path && !declared.Host.Equals(context.TypedText, StringComparison.Ordinal) && offered.Add(declared.Host))
            {
                var source = declared.SourceKind == "ServiceEntry" ? "ServiceEntry host" : "host";
                items.Add(Reference(context, declared.Host, $"{source} in {System.IO.Path.GetFileName(declared.Location.Path)}", null, "1" + declared.Host));
            }
        }
    }

    private static IEnumerable<string> ServiceEntryHosts(YamlDocument document) =>
        ((document.Root?.Resolved as YamlMapping)?.GetMapping("spec")?.GetSequence("hosts")?.Items ?? [])
            .Select(item => item.Resolved).OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value);

    /// <summary>
    /// The gateway the policy's ports belong to: the one the environment's selector names, else
    /// <c>spec.byEgressGateway.name</c> (how EGP013 looks it up).
    /// </summary>
    private static string? GatewayName(CompletionContext context, EgressEnvironment environment) =>
        environment.GatewayLookupName(SpecGatewayName(context));

    private static string? SpecGatewayName(CompletionContext context) =>
        (context.Document?.Root?.Resolved as YamlMapping)?.GetMapping("spec")?.GetMapping("byEgressGateway")?.GetString("name");

    /// <summary>Distinct labels of the workloads in <paramref name="ns"/> (all workloads when unknown), with their workloads.</summary>
    private static IEnumerable<(Label Label, List<WorkloadInfo> Carriers)> LabelsOfWorkloads(WorkspaceIndex workspace, string? ns)
    {
        var labels = new Dictionary<Label, List<WorkloadInfo>>();
        foreach (var workload in string.IsNullOrEmpty(ns) ? workspace.Workloads : workspace.WorkloadsIn(ns))
        {
            foreach (var label in workload.PodLabels)
            {
                if (!labels.TryGetValue(label, out var carriers))
                {
                    labels[label] = carriers = [];
                }
                carriers.Add(workload);
            }
        }
        return labels.OrderBy(l => l.Key.Key, StringComparer.Ordinal).ThenBy(l => l.Key.Value, StringComparer.Ordinal)
            .Select(l => (l.Key, l.Value));
    }

    private static string Carriers(List<WorkloadInfo> workloads) =>
        workloads.Count == 1 ? $"{workloads[0].Kind} {workloads[0].Name}" : $"{workloads[0].Kind} {workloads[0].Name} +{workloads.Count - 1}";

    private static LocalizedText LabelDocumentation(Label label, List<WorkloadInfo> workloads)
    {
        var names = string.Join(", ", workloads.Select(w => $"{w.Kind} `{w.Namespace}/{w.Name}`"));
        return new LocalizedText($"`{label}` is carried by the pods of {names}.", $"`{label}` 由以下工作负载的 Pod 携带:{names}。");
    }

    private static LocalizedText? PortsDocumentation(GatewayInfo gateway)
    {
        if (!gateway.KnowsPorts)
        {
            return null;
        }
        var ports = string.Join(", ", gateway.Ports.OrderBy(p => p.Number).Select(p => p.Protocol is { } protocol ? $"{p.Number} ({Protocols.Normalize(protocol)})" : $"{p.Number}"));
        return new LocalizedText($"Egress gateway `{gateway.Name}` in `{gateway.Namespace}`; ports: {ports}.",
            $"出口网关`{gateway.Name}`,位于`{gateway.Namespace}`;端口:{ports}。");
    }

    private static CompletionEntry Reference(CompletionContext context, string value, string? detail, LocalizedText? documentation, string sortText) =>
        SchemaCompletions.Value(context, value, YamlText.Scalar(value), detail, documentation, CompletionEntryKind.Reference, sortText);
}
