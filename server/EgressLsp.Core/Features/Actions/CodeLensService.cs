using System.Collections.Immutable;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Features.Actions;

/// <summary>A lens above a line: a title, and the command a click runs (none for a lens that only informs).</summary>
/// <param name="CommandArguments">Arguments of <paramref name="Command"/>; <see cref="EditorCommands.DocumentArgument"/> stands for the document.</param>
public sealed record CodeLensEntry(TextSpan Span, LocalizedText Title, string? Command, ImmutableArray<string> CommandArguments);

public static class CodeLensService
{
    /// <summary>
    /// Over each policy's <c>kind</c> line: "N resources · Preview" (N for that policy, for the configured target)
    /// and "Copy as YAML". A policy with errors gets "N errors · expansion unavailable" and no command instead:
    /// <c>egressctl expand</c> refuses such a file, so counting or copying its resources would promise output that
    /// is not there; the errors themselves are one click away in the editor's problems. "Copy as YAML" copies the
    /// whole document's expansion (what the command and the CLI produce), so it is also left out while another
    /// policy of the document has errors, and when there is nothing to copy.
    /// </summary>
    public static ImmutableArray<CodeLensEntry> GetLenses(DocumentAnalysis analysis)
    {
        var lenses = ImmutableArray.CreateBuilder<CodeLensEntry>();
        if (ExpansionPreview.NotExpandedInEditor(analysis) is { } reason)
        {
            lenses.AddRange(analysis.Policies.Select(policy => new CodeLensEntry(KindLineSpan(policy), reason, Command: null, [])));
            return lenses.ToImmutable();
        }
        var expansion = analysis.Expand();
        foreach (var policy in analysis.Policies)
        {
            var span = KindLineSpan(policy);
            var errors = PolicyExpansion.ErrorCountOf(analysis, policy);
            if (errors > 0)
            {
                lenses.Add(new CodeLensEntry(span, new LocalizedText(
                    $"{Count(errors, "error", "errors")} · expansion unavailable", $"{errors} 个错误 · 无法展开"), Command: null, []));
                continue;
            }
            var resources = PolicyExpansion.ResourcesOf(analysis, expansion, policy).Length;
            // The target is named: the same policy counts differently for another mesh.
            var target = analysis.Context.Environment.Target.Id;
            lenses.Add(new CodeLensEntry(span, new LocalizedText(
                $"{Count(resources, "resource", "resources")} ({target}) · Preview", $"{resources} 个资源({target})· 预览"),
                EditorCommands.ShowPreview, [EditorCommands.DocumentArgument]));
            if (resources > 0 && !analysis.HasErrors)
            {
                lenses.Add(new CodeLensEntry(span, new LocalizedText("Copy as YAML", "复制为 YAML"),
                    EditorCommands.CopyExpansion, [EditorCommands.DocumentArgument]));
            }
        }
        lenses.AddRange(ReachabilityLenses(analysis));
        return lenses.ToImmutable();
    }

    /// <summary>
    /// Over each <c>to</c> entry of a policy and each ServiceEntry: "reachable from N namespaces · Explain", N counting
    /// the namespaces of the workspace that reach one of its hosts on its port (through a gateway or not); a click
    /// explains every source's answer, hop by hop.
    /// </summary>
    private static IEnumerable<CodeLensEntry> ReachabilityLenses(DocumentAnalysis analysis)
    {
        var targets = analysis.Policies.SelectMany(p => p.Policy!.Destinations.Select(d => (d.Node.Span, Hosts: d.Hosts.Select(h => h.Host), d.PortNumber)))
            .Concat(analysis.Documents.Where(d => d.Kind is Kinds.Istio.ServiceEntryKind).SelectMany(d =>
                Workspace.Manifest.ReadAll(analysis.Path, analysis.Yaml, d.Document).Select(KindRegistry.ReadMesh).OfType<Mesh.ServiceEntryModel>()
                    .Select(entry => (KindLine(d), Hosts: entry.Hosts.Select(h => analysis.Context.Workspace.MeshFor(analysis.Context.Environment.ClusterDomain).Fqdn(h.Value, entry.Namespace)),
                        (int?)null))))
            .ToArray();
        if (targets.Length == 0)
        {
            yield break;
        }
        var model = Reachability.EgressReachability.For(analysis.Context.Workspace, analysis.Context.Environment);
        foreach (var (span, hosts, port) in targets)
        {
            var answered = hosts.Distinct()
                .Select(model.Matrix)
                .SelectMany(matrix => matrix.Destinations.Select((destination, column) => (Destination: destination, Answers: matrix.Answers.Select(row => row[column]))))
                .Where(d => port is null || d.Destination.Port == port)
                .ToArray();
            if (answered.Length == 0)
            {
                continue;
            }
            var namespaces = answered.SelectMany(d => d.Answers).Where(a => a.IsAllowed).Select(a => a.Source.Namespace).Distinct().Count();
            var first = answered[0].Destination;
            yield return new CodeLensEntry(new TextSpan(span.Start, 0), new LocalizedText(
                $"reachable from {Count(namespaces, "namespace", "namespaces")} · Explain", $"可从 {namespaces} 个命名空间访问 · 说明"),
                EditorCommands.ExplainReachability, [EditorCommands.DocumentArgument, $"{first.Host}:{first.Port}"]);
        }
    }

    private static TextSpan KindLine(RoutedDocument document) =>
        document.Document.Root?.Resolved is Yaml.YamlMapping root && root.FindPair("kind") is { } kind
            ? TextSpan.FromBounds(kind.Key.Span.Start, kind.Value.Span.End)
            : new TextSpan(document.Document.Span.Start, 0);

    /// <summary>The <c>kind: ASMEgressTrafficPolicy</c> entry: routing found it, so every policy has one.</summary>
    private static TextSpan KindLineSpan(RoutedDocument policy)
    {
        var root = policy.Policy!.Root;
        return root.FindPair("kind") is { } kind ? TextSpan.FromBounds(kind.Key.Span.Start, kind.Value.Span.End) : new TextSpan(root.Span.Start, 0);
    }

    private static string Count(int count, string singular, string plural) => $"{count} {(count == 1 ? singular : plural)}";
}
