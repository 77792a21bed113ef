using System.Collections.Immutable;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Workspace;

/// <summary>Extracts namespaces, workloads and gateways from the Kubernetes manifests of one file.</summary>
internal static class ManifestReader
{
    private const string GatewayLabel = "istio";

    public static WorkspaceFileFacts Read(string path, YamlFile file)
    {
        var namespaces = ImmutableArray.CreateBuilder<NamespaceInfo>();
        var workloads = ImmutableArray.CreateBuilder<WorkloadInfo>();
        var gateways = ImmutableArray.CreateBuilder<GatewayInfo>();
        var hosts = ImmutableArray.CreateBuilder<DeclaredHost>();
        foreach (var document in file.Documents)
        {
            if (document.Root?.Resolved is not YamlMapping root || root.GetString("kind") is not { } kind)
            {
                continue;
            }
            var metadata = root.GetMapping("metadata");
            var nameNode = metadata?.GetScalar("name");
            if (nameNode is null || nameNode.IsNull)
            {
                continue;
            }
            var name = nameNode.Value;
            var ns = metadata!.GetString("namespace") ?? "default";
            var location = new ManifestLocation(path, nameNode.Span, file.Text.GetPositionSpan(nameNode.Span));
            var spec = root.GetMapping("spec");
            switch (kind)
            {
                case "ServiceEntry" when root.GetString("apiVersion")?.StartsWith("networking.istio.io/", StringComparison.Ordinal) == true:
                    AddHosts(path, file, kind, spec?.GetSequence("hosts"), hosts);
                    break;
                case EgressPolicy.KindName:
                    foreach (var rule in spec?.GetSequence("egressRules")?.Items ?? [])
                    {
                        foreach (var to in (rule.Resolved as YamlMapping)?.GetSequence("to")?.Items ?? [])
                        {
                            AddHosts(path, file, kind, (to.Resolved as YamlMapping)?.GetSequence("hosts"), hosts);
                        }
                    }
                    break;
                case "Namespace":
                    namespaces.Add(new NamespaceInfo(name, location));
                    break;
                case "IstioGateway" when root.GetString("apiVersion")?.StartsWith("istio.alibabacloud.com/", StringComparison.Ordinal) == true:
                    gateways.Add(new GatewayInfo(name, metadata.GetString("namespace") ?? "istio-system", kind,
                        ReadPorts(spec?.GetSequence("ports"), "port"), location));
                    break;
                case "Service":
                    if (Label.ReadAll(metadata.GetMapping("labels")).FirstOrDefault(l => l.Key == GatewayLabel) is { Value: { } serviceGateway })
                    {
                        gateways.Add(new GatewayInfo(serviceGateway, ns, kind, ReadPorts(spec?.GetSequence("ports"), "port"), location));
                    }
                    break;
                case "Pod":
                    AddWorkload(kind, name, ns, metadata.GetMapping("labels"), spec, location, workloads, gateways);
                    break;
                case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job":
                    var template = spec?.GetMapping("template");
                    AddWorkload(kind, name, ns, template?.GetMapping("metadata")?.GetMapping("labels"), template?.GetMapping("spec"), location, workloads, gateways);
                    break;
                case "CronJob":
                    var jobTemplate = spec?.GetMapping("jobTemplate")?.GetMapping("spec")?.GetMapping("template");
                    AddWorkload(kind, name, ns, jobTemplate?.GetMapping("metadata")?.GetMapping("labels"), jobTemplate?.GetMapping("spec"), location, workloads, gateways);
                    break;
            }
        }
        return new WorkspaceFileFacts(path, namespaces.ToImmutable(), workloads.ToImmutable(), gateways.ToImmutable(), hosts.ToImmutable());
    }

    private static void AddHosts(string path, YamlFile file, string kind, YamlSequence? hostList, ImmutableArray<DeclaredHost>.Builder hosts)
    {
        foreach (var item in hostList?.Items ?? [])
        {
            if (item.Resolved is YamlScalar { IsNull: false } host)
            {
                hosts.Add(new DeclaredHost(host.Value, kind, new ManifestLocation(path, host.Span, file.Text.GetPositionSpan(host.Span))));
            }
        }
    }

    private static void AddWorkload(string kind, string name, string ns, YamlMapping? labelsNode, YamlMapping? podSpec,
        ManifestLocation location, ImmutableArray<WorkloadInfo>.Builder workloads, ImmutableArray<GatewayInfo>.Builder gateways)
    {
        var labels = Label.ReadAll(labelsNode);
        // Kubernetes uses the namespace's "default" service account when the pod names none.
        var serviceAccount = podSpec?.GetString("serviceAccountName") ?? podSpec?.GetString("serviceAccount") ?? "default";
        workloads.Add(new WorkloadInfo(kind, name, ns, labels, serviceAccount, location));
        if (labels.FirstOrDefault(l => l.Key == GatewayLabel) is { Value: { } gatewayName })
        {
            gateways.Add(new GatewayInfo(gatewayName, ns, kind, ImmutableArray<GatewayPortInfo>.Empty, location));
        }
    }

    private static ImmutableArray<GatewayPortInfo> ReadPorts(YamlSequence? ports, string numberKey)
    {
        if (ports is null)
        {
            return ImmutableArray<GatewayPortInfo>.Empty;
        }
        var result = ImmutableArray.CreateBuilder<GatewayPortInfo>();
        foreach (var item in ports.Items)
        {
            if (item.Resolved is YamlMapping port && port.GetScalar(numberKey) is { } number && number.TryGetInt64(out var value))
            {
                result.Add(new GatewayPortInfo((int)value, port.GetString("protocol"), port.GetString("name")));
            }
        }
        return result.ToImmutable();
    }
}
