using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Reachability;

namespace EgressLsp.Core.Analysis.Rules.EgressTests;

/// <summary>
/// EGT001: an expectation of an <c>EgressTest</c> that the workspace does not meet, reported on its <c>expect</c> with
/// the answer that contradicts it and each hop of its path as related information (the objects that decide it).
/// <c>egressctl test</c> reports the same findings.
/// </summary>
public sealed class ExpectationRule : Rule<MeshRuleContext>
{
    public static readonly DiagnosticDescriptor EGT001 = new("EGT001", DiagnosticLevel.Error, "Egress expectation not met",
        "Expected {0} → {1}:{2} to be {3}, but it is {4}: {5}",
        "预期 {0} → {1}:{2} {3},但实际{4}:{5}");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGT001];

    public override bool AppliesTo(DocumentKind kind) => kind is EgressTestKind;

    protected override void Check(MeshRuleContext context)
    {
        if (context.Document.Model is not EgressTestSuite suite || suite.Expectations.IsEmpty)
        {
            return;
        }
        var model = EgressReachability.For(context.Workspace, context.Environment);
        foreach (var (_, _, diagnostic) in Run(model, suite))
        {
            if (diagnostic is not null)
            {
                context.Report(diagnostic);
            }
        }
    }

    /// <summary>Every expectation of the suite with its answer, and the EGT001 finding of each one not met.</summary>
    public static IEnumerable<(EgressExpectation Expectation, ReachAnswer Answer, Diagnostic? Failure)> Run(EgressReachability model, EgressTestSuite suite)
    {
        foreach (var expectation in suite.Expectations)
        {
            var answer = model.Answer(expectation.Source, expectation.Destination);
            yield return (expectation, answer, expectation.IsMetBy(answer) ? null : Failure(expectation, answer));
        }
    }

    private static Diagnostic Failure(EgressExpectation expectation, ReachAnswer answer)
    {
        var verdict = answer.Outcome == ReachOutcome.Refused
            ? new LocalizedText($"refused ({answer.Symptom?.En})", $"被拒绝({answer.Symptom?.Zh})")
            : answer.Via == ReachVia.EgressGateway ? new LocalizedText("allowed through the egress gateway", "经出口网关允许")
            : new LocalizedText("allowed directly, past every egress gateway", "直连允许,绕过所有出口网关");
        var decisive = answer.Decisive is { } hop ? new LocalizedText($"{hop.Step}: {hop.Detail.En}", $"{hop.Step}:{hop.Detail.Zh}") : new LocalizedText("", "");
        var diagnostic = EGT001.Create(expectation.ExpectNode.Span, expectation.Source.Display, answer.Host, answer.Port, expectation.Wanted, verdict, decisive);
        foreach (var step in answer.Hops.Where(h => h.Object is not null))
        {
            var at = step.Object!.Location;
            diagnostic = diagnostic.WithRelated(new RelatedInformation(at.Path, at.Span, at.Range,
                new LocalizedText($"{step.Step}: {step.Object.Kind} {step.Object.Namespace}/{step.Object.Name}: {step.Detail.En}",
                    $"{step.Step}:{step.Object.Kind} {step.Object.Namespace}/{step.Object.Name}:{step.Detail.Zh}")));
        }
        return diagnostic;
    }
}
