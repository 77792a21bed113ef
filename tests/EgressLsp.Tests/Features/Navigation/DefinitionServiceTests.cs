using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Workspace;
using static EgressLsp.Tests.Features.FeatureFixtures;

namespace EgressLsp.Tests.Features.Navigation;

public class DefinitionServiceTests
{
    private static readonly string Policy = Example("https-upgrade.yaml");

    /// <summary>Each location as "file:line" (1-based), in the order returned.</summary>
    private static string[] Definitions(string text, string anchor, int delta, string path = PolicyPath, WorkspaceIndex? workspace = null)
    {
        var (analysis, offset) = Open(Mark(text, anchor, delta), path, workspace);
        return [.. DefinitionService.GetDefinition(analysis, offset).Select(l => $"{Path.GetFileName(l.Path)}:{l.Range.Start.Line + 1}")];
    }

    [Fact]
    public void The_gateway_name_leads_to_the_IstioGateway_first_then_the_Service()
    {
        Assert.Equal(["gateway.yaml:17", "gateway.yaml:4"], Definitions(Policy, "name: egressgateway", "name: ".Length + 3));
        var unknown = Policy.Replace("name: egressgateway", "name: egressgateway-a");
        Assert.Empty(Definitions(unknown, "egressgateway-a", 1));
    }

    [Fact]
    public void A_source_namespace_leads_to_its_Namespace_manifest_else_to_its_workloads()
    {
        Assert.Equal(["apps.yaml:4"], Definitions(Policy, "namespace: mytest", "namespace: ".Length + 1));
        var other = Policy.Replace("namespace: mytest", "namespace: other");
        Assert.Equal(["apps.yaml:34"], Definitions(other, "namespace: other", "namespace: ".Length + 1));
        Assert.Empty(Definitions(Policy, "namespace: mytest", "namespace: ".Length + 1, workspace: WorkspaceIndex.Empty));
    }

    [Fact]
    public void A_workload_selector_leads_to_the_workloads_it_selects()
    {
        Assert.Equal(["apps.yaml:9"], Definitions(Policy, "app: sleep-a", "app: ".Length + 2));
        Assert.Equal(["apps.yaml:9"], Definitions(Policy, "workloadSelector", 1));
        Assert.Empty(Definitions(Policy.Replace("app: sleep-a", "app: nobody"), "app: nobody", 1));
    }

    [Fact]
    public void Other_fields_and_other_documents_lead_nowhere()
    {
        Assert.Empty(Definitions(Policy, "protocol: HTTP", 1));
        Assert.Empty(Definitions(Policy, "namespace: istio-egress", "namespace: ".Length + 1));
        Assert.Empty(Definitions(Apps, "name: sleep-a", 7, AppsPath));
        Assert.Empty(Definitions("environment:\n  gatewayService: egressgateway\n", "egressgateway", 1, "/workspace/egresslsp.yaml"));
    }
}
