using System.Collections.Immutable;
using System.Text;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Configuration;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Features.Navigation;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Schema;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Features.Hover;

/// <summary>A hover: Markdown, and the token it describes (the editor highlights it).</summary>
public sealed record HoverInfo(string Markdown, TextSpan Span);

/// <summary>
/// Hovers over the documents of analysed kinds (the policy, the project config): the kind's facts
/// (<see cref="Kinds.DocumentKind.AddHoverFacts"/>), then the field's documentation from the kind's schema.
/// Everything is read from the snapshot's tree, model and plan (nothing is parsed again), so a hover costs a walk
/// down one path of the tree.
/// </summary>
public static class HoverService
{
    private static readonly LocalizedText TrafficPathHeading = new("Traffic path", "流量路径");
    private static readonly LocalizedText NoTrafficPath = new(
        "No traffic path yet: the entry needs `port.number` and `port.protocol`.",
        "尚无流量路径:该条目需要 `port.number` 和 `port.protocol`。");
    private static readonly LocalizedText DefaultLevel = new("Default level: {0}", "默认级别:{0}");
    private static readonly LocalizedText UnknownCode = new(
        "{0} is not a diagnostic code of this version of EgressLsp.", "{0} 不是此版本 EgressLsp 的诊断代码。");

    /// <summary>
    /// The hover at <paramref name="offset"/>, or null off any documented token. <paramref name="locale"/> is the
    /// client's: Chinese for <c>zh*</c>, else English.
    /// </summary>
    public static HoverInfo? GetHover(DocumentAnalysis analysis, int offset, string? locale)
    {
        if (FieldReference.Find(analysis.Yaml, offset) is not { } field)
        {
            return null;
        }
        // Documents we do not own (a Deployment beside the policy) get no hover from us.
        var document = analysis.Documents[field.Document.Index];
        if (!document.Kind.IsAnalysed)
        {
            return null;
        }
        var sections = new List<string>(3);
        document.Kind.AddHoverFacts(analysis, document, field, sections, locale);
        if (document.Kind.SchemaFor(field.Document) is { } root && Documented(root, field.Path) is var (schema, documentedField))
        {
            sections.Add(FieldDocumentation.Render(schema, documentedField, field.Value?.Value, locale));
        }
        return sections.Count == 0 ? null : new HoverInfo(string.Join(Markdown.Rule, sections), field.Span);
    }

    /// <summary>
    /// The schema node documenting the field, or its nearest documented ancestor when the field is an entry of a
    /// free-form map (a label of <c>workloadSelector</c> is documented by the selector). Unknown keys get nothing.
    /// </summary>
    private static (SchemaNode Schema, PathSegment Field)? Documented(SchemaNode root, ImmutableArray<PathSegment> path)
    {
        for (var length = path.Length; length > 0; length--)
        {
            var prefix = path[..length];
            if (SchemaNavigator.Resolve(root, prefix) is not { } schema)
            {
                return null;
            }
            if (FieldDocumentation.IsDocumented(schema))
            {
                return (schema, prefix[^1]);
            }
        }
        return null;
    }

    internal static void AddPolicyFacts(DocumentAnalysis analysis, EgressPolicy policy, EgressPlan plan, FieldReference field,
        List<string> sections, string? locale)
    {
        if (PolicyCursor.IsGatewayName(field.Path))
        {
            if (policy.GatewayName is { } gateway)
            {
                sections.Add(WorkspaceFacts.Gateway(gateway, analysis.Context.Workspace, analysis.Context.Environment, analysis.Path, locale));
            }
            return;
        }
        var cursor = PolicyCursor.Read(policy, field.Path);
        if (cursor.IsOnSourceScope && cursor.Source!.Namespace is not null)
        {
            sections.Add(WorkspaceFacts.Source(cursor.Source, analysis.Context.Workspace, analysis.Path, locale));
        }
        else if (cursor.Destination is { } destination && ShowsTrafficPath(cursor, field))
        {
            var host = OnlyHost(cursor, destination);
            sections.Add(TrafficPathSection(plan, destination, host, analysis.Context.Environment, locale));
            if (host is not null && ReachabilityHover.Section(analysis, host, locale) is { } reach)
            {
                sections.Add(reach);
            }
        }
    }

    /// <summary>
    /// The entry as a whole is what its dash, its first key, its name and its hosts stand for; deeper fields
    /// (port, httpsUpgrade) keep to their own documentation.
    /// </summary>
    private static bool ShowsTrafficPath(PolicyCursor cursor, FieldReference field) =>
        cursor.EntryPath.IsEmpty ||
        cursor.EntryField is "name" or "hosts" ||
        (field.IsOnKey && cursor.EntryPath.Length == 1 && cursor.Destination!.Node.Pairs.FirstOrDefault().KeyText == cursor.EntryField);

    /// <summary>On one host of <c>hosts</c>, only that host's path.</summary>
    private static string? OnlyHost(PolicyCursor cursor, Destination destination) =>
        cursor.EntryPath is [{ Key: "hosts" }, { IsItem: true } item] && destination.Node.GetSequence("hosts") is { } hosts &&
        item.Index < hosts.Items.Length && hosts.Items[item.Index].Resolved is YamlScalar { IsNull: false } host
            ? host.Value
            : null;

    private static string TrafficPathSection(EgressPlan plan, Destination destination, string? onlyHost, EgressEnvironment environment, string? locale)
    {
        var builder = new StringBuilder("**").Append(TrafficPathHeading.For(locale)).Append("**\n");
        if (plan.Find(destination) is not { } planned)
        {
            return builder.Append('\n').Append(NoTrafficPath.For(locale)).ToString();
        }
        var hosts = onlyHost is not null ? [onlyHost] : destination.Hosts.Select(h => h.Host).Distinct(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            builder.Append("\n- ").Append(environment.Target.DescribePath(plan, planned, host, environment, locale));
        }
        return builder.ToString();
    }

    /// <summary>On a key of the config's <c>rules</c> (or its level): what that code reports and its default level.</summary>
    internal static void AddDiagnosticCode(FieldReference field, List<string> sections, string? locale)
    {
        if (field.Path is not [{ Key: "rules" }, { IsItem: false, Key: { } code }])
        {
            return;
        }
        sections.Add(DiagnosticCatalog.Find(code) is { } descriptor
            ? $"**{descriptor.Code}** · {descriptor.TitleEn}\n\n{DefaultLevel.Format(locale, Markdown.Code(LevelName(descriptor.DefaultLevel)))}"
            : UnknownCode.Format(locale, Markdown.Code(code)));
    }

    /// <summary>The level as <c>egresslsp.yaml</c> spells it.</summary>
    private static string LevelName(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        DiagnosticLevel.Info => "info",
        _ => "off",
    };
}
