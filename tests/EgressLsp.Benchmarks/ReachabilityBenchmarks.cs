using BenchmarkDotNet.Attributes;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Reachability;
using EgressLsp.Core.Workspace;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Benchmarks;

/// <summary>
/// Reachability over a large workspace: the 500 hand-written Istio egress chains of the latency harness (one external
/// host each), 50 namespaces, and the ~5,000-line policy. Issue 11's budget: a query under 50 ms, the matrix of
/// 50 namespaces × 500 hosts under 2 s. The model is built once per workspace snapshot (the policy's expansion is
/// kept while the identities it reads do); a query or the matrix reads it.
/// </summary>
[MemoryDiagnoser]
public class ReachabilityBenchmarks
{
    private WorkspaceIndex _workspace = null!;
    private EgressReachability _model = null!;
    private WorkspaceFileFacts _editedChain = null!;
    private string _policyText = "";
    private WorkspaceIndex _policyEdited = null!;

    /// <summary>Without the policy: issue 11's matrix, 50 namespaces × 500 hosts; with it, its 300 rules' sources and hosts join.</summary>
    [Params(false, true)]
    public bool WithPolicy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var files = Enumerable.Range(0, 500)
            .Select(i => WorkspaceFileFacts.Read($"istio/chain-{i:D3}.yaml", YamlFile.Parse(ServerLatency.IstioChain(i, "cnn"))))
            .Append(WorkspaceFileFacts.Read("namespaces.yaml", YamlFile.Parse(string.Join("---\n",
                Enumerable.Range(0, 50).Select(n => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-{n}\n")))));
        _policyText = LargePolicy.Generate(rules: 300);
        if (WithPolicy)
        {
            files = files.Append(WorkspaceFileFacts.Read("policy.yaml", YamlFile.Parse(_policyText)));
        }
        _editedChain = WorkspaceFileFacts.Read("istio/chain-007.yaml", YamlFile.Parse(ServerLatency.IstioChain(7, "cnn").Replace("api-7.example.com", "api-7b.example.com", StringComparison.Ordinal)));
        _workspace = WorkspaceIndex.Build(files);
        _model = EgressReachability.Build(_workspace, EgressEnvironment.Default);
        var matrix = _model.Matrix();
        Console.WriteLine($"// matrix: {matrix.Sources.Length} sources × {matrix.Destinations.Length} destinations");
    }

    /// <summary>
    /// The first question after an Istio file is edited (what the hover and the lens ask): the new snapshot's model,
    /// with the policy's expansion kept, and one host's matrix.
    /// </summary>
    [Benchmark]
    public int FirstQueryAfterAnIstioEdit() =>
        EgressReachability.Build(_workspace.WithFile(_editedChain), EgressEnvironment.Default).Matrix("api-8.example.com").Destinations.Length;

    /// <summary>A snapshot whose policy is a new one (the policy was edited, or added when the workspace had none; its parse is not measured).</summary>
    [IterationSetup(Target = nameof(FirstQueryAfterAPolicyEdit))]
    public void EditPolicy() => _policyEdited = _workspace.WithFile(WorkspaceFileFacts.Read("policy.yaml", YamlFile.Parse(_policyText)));

    /// <summary>The first question after the policy is edited: it is expanded again, then the model is built and asked.</summary>
    [Benchmark]
    public bool FirstQueryAfterAPolicyEdit() =>
        EgressReachability.Build(_policyEdited, EgressEnvironment.Default).Answer(new ReachSource("team-7", []), new ReachDestination("api-7.example.com", 443)).IsAllowed;

    [Benchmark]
    public bool Query() => _model.Answer(new ReachSource("team-7", []), new ReachDestination("api-7.example.com", 443)).IsAllowed;

    /// <summary>Every source against every destination, on a model built for the purpose.</summary>
    [Benchmark]
    public int Matrix() => EgressReachability.Build(_workspace, EgressEnvironment.Default).Matrix().Answers.Length;
}
