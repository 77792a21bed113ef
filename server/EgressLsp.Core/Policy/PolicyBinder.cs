using System.Collections.Immutable;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Policy;

/// <summary>Reads the YAML tree into the policy model without throwing; wrong shapes read as absent.</summary>
internal static class PolicyBinder
{
    public static EgressPolicy? Bind(YamlDocument document)
    {
        if (document.Root?.Resolved is not YamlMapping root)
        {
            return null;
        }
        var rules = ImmutableArray.CreateBuilder<EgressRule>();
        var ruleItems = root.GetMapping("spec")?.GetSequence("egressRules")?.Items ?? ImmutableArray<YamlNode>.Empty;
        for (var r = 0; r < ruleItems.Length; r++)
        {
            if (ruleItems[r].Resolved is YamlMapping rule)
            {
                rules.Add(new EgressRule(r, rule, BindSources(r, rule), BindDestinations(r, rule)));
            }
        }
        return new EgressPolicy(document, root, rules.ToImmutable());
    }

    private static ImmutableArray<RuleSource> BindSources(int ruleIndex, YamlMapping rule)
    {
        var items = rule.GetSequence("from")?.Items ?? ImmutableArray<YamlNode>.Empty;
        var result = ImmutableArray.CreateBuilder<RuleSource>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Resolved is YamlMapping from)
            {
                result.Add(new RuleSource(ruleIndex, i, from, Label.ReadAll(from.GetMapping("workloadSelector"))));
            }
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<Destination> BindDestinations(int ruleIndex, YamlMapping rule)
    {
        var items = rule.GetSequence("to")?.Items ?? ImmutableArray<YamlNode>.Empty;
        var result = ImmutableArray.CreateBuilder<Destination>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Resolved is YamlMapping to)
            {
                result.Add(new Destination(ruleIndex, i, to, BindHosts(to.GetSequence("hosts"))));
            }
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<HostEntry> BindHosts(YamlSequence? hosts)
    {
        if (hosts is null)
        {
            return ImmutableArray<HostEntry>.Empty;
        }
        var result = ImmutableArray.CreateBuilder<HostEntry>(hosts.Items.Length);
        foreach (var item in hosts.Items)
        {
            if (item.Resolved is YamlScalar { IsNull: false } host)
            {
                result.Add(new HostEntry(host.Value, host));
            }
        }
        return result.ToImmutable();
    }
}
