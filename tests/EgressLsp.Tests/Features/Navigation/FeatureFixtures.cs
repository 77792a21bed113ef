using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Tests.Features;

/// <summary>Documents with a cursor marker, and a small workspace of manifests, for the editor-feature tests.</summary>
internal static class FeatureFixtures
{
    /// <summary>Where the cursor is in a test text; removed before parsing.</summary>
    public const char Cursor = '‸';

    public const string PolicyPath = "/workspace/policies/egress.yaml";
    public const string AppsPath = "/workspace/k8s/apps.yaml";
    public const string GatewayPath = "/workspace/k8s/gateway.yaml";

    public static string Example(string name) => File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", name));

    public const string Apps = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: mytest
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep-a
          namespace: mytest
        spec:
          template:
            metadata:
              labels:
                app: sleep-a
                version: v1
            spec:
              serviceAccountName: sleep
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: sleep-b
          namespace: mytest
        spec:
          template:
            metadata:
              labels:
                app: sleep-b
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: cache
          namespace: other
        spec:
          template:
            metadata:
              labels:
                app: cache
        """;

    public const string Gateway = """
        apiVersion: v1
        kind: Service
        metadata:
          name: egressgateway
          namespace: istio-system
          labels:
            istio: egressgateway
        spec:
          ports:
          - name: http
            port: 80
            protocol: TCP
        ---
        apiVersion: istio.alibabacloud.com/v1beta1
        kind: IstioGateway
        metadata:
          name: egressgateway
          namespace: istio-system
        spec:
          gatewayType: egress
          ports:
          - name: http
            port: 80
            protocol: HTTP
          - name: https-444
            port: 444
            protocol: HTTPS
        """;

    public static WorkspaceIndex Workspace { get; } = WorkspaceIndex.Build(
    [
        WorkspaceFileFacts.Read(AppsPath, YamlFile.Parse(Apps)),
        WorkspaceFileFacts.Read(GatewayPath, YamlFile.Parse(Gateway)),
    ]);

    /// <summary>A snapshot of <paramref name="marked"/> without its marker, and the marker's offset (-1 when absent).</summary>
    public static (DocumentAnalysis Analysis, int Offset) Open(string marked, string path = PolicyPath, WorkspaceIndex? workspace = null)
    {
        var offset = marked.IndexOf(Cursor);
        var text = offset < 0 ? marked : marked.Remove(offset, 1);
        return (new DocumentAnalysis(path, text, new AnalysisContext(ProjectConfig.Default, workspace ?? Workspace)), offset);
    }

    /// <summary>Puts the cursor <paramref name="delta"/> characters into the <paramref name="occurrence"/>-th <paramref name="anchor"/>.</summary>
    public static string Mark(string text, string anchor, int delta = 0, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(anchor, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{anchor}' occurs fewer than {occurrence} times");
        }
        return text.Insert(index + delta, Cursor.ToString());
    }
}
