using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Policy;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// <c>to[].httpsUpgrade</c>: EGP020 (upgrade of traffic that is not plain HTTP), EGP021 (port without enabled),
/// EGP022 (enabled without port).
/// </summary>
public sealed class HttpsUpgradeRule : PolicyRule
{
    public static readonly DiagnosticDescriptor EGP020 = new("EGP020", DiagnosticLevel.Error, "httpsUpgrade on a TLS destination",
        "httpsUpgrade cannot apply to this {0} destination: {1}.",
        "httpsUpgrade 不适用于 {0} 目标:{1}。");

    public static readonly DiagnosticDescriptor EGP021 = new("EGP021", DiagnosticLevel.Info, "httpsUpgrade.port without enabled",
        "httpsUpgrade.port has no effect while 'enabled' is not true.",
        "“enabled”不为 true 时,httpsUpgrade.port 不生效。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP022 = new("EGP022", DiagnosticLevel.Error, "httpsUpgrade enabled without a port",
        "httpsUpgrade.enabled is true but no port is given for the upgraded (HTTPS) connection.",
        "httpsUpgrade.enabled 为 true,但没有为升级后的(HTTPS)连接指定端口。");

    public override ImmutableArray<DiagnosticDescriptor> Descriptors => [EGP020, EGP021, EGP022];

    protected override void Check(PolicyRuleContext context)
    {
        foreach (var destination in context.Policy.Destinations)
        {
            Check(context, destination);
        }
    }

    private static void Check(PolicyRuleContext context, Destination destination)
    {
        if (destination.UpgradeNode is not { } upgrade)
        {
            return;
        }
        var edits = context.Edits;
        var kind = destination.TrafficKind;
        if (destination.UpgradeEnabled)
        {
            if (kind is TrafficKind.Tls or TrafficKind.Tcp)
            {
                var reason = kind == TrafficKind.Tls
                    ? new LocalizedText("the application already sends TLS, the gateway would originate TLS a second time",
                        "应用已经发送 TLS,网关会再次发起 TLS")
                    : new LocalizedText("only HTTP can be upgraded; the gateway passes TCP bytes through unchanged",
                        "只有 HTTP 可以升级;网关对 TCP 字节原样透传");
                var index = destination.Node.Pairs.IndexOf(destination.Node.FindPair("httpsUpgrade")!.Value);
                context.Report(EGP020.Create(destination.UpgradeEnabledNode!.Span, destination.Protocol, reason),
                    RuleContext.Fix("Remove httpsUpgrade", "删除 httpsUpgrade", edits.RemovePair(destination.Node, index)));
                return;
            }
            if (destination.UpgradePortNode is null or { IsNull: true })
            {
                var edit = upgrade.FindPair("port") is { } portPair
                    ? edits.SetValue(portPair, "443")
                    : edits.InsertPair(upgrade, RuleContext.IndexOf(upgrade, "enabled") ?? upgrade.Pairs.Length - 1, "port", "443");
                context.Report(EGP022.Create(destination.UpgradeEnabledNode!.Span), RuleContext.Fix("Add port: 443", "添加 port: 443", edit));
            }
            return;
        }
        if (destination.UpgradePortNode is not { IsNull: false } || upgrade.FindPair("port") is not { } unusedPort)
        {
            return;
        }
        var diagnostic = EGP021.Create(TextSpan.FromBounds(unusedPort.Key.Span.Start, edits.PairEnd(unusedPort)));
        // Removing the only key would leave "httpsUpgrade:" empty; remove the whole block then.
        var removal = upgrade.Pairs.Length == 1
            ? edits.RemovePair(destination.Node, destination.Node.Pairs.IndexOf(destination.Node.FindPair("httpsUpgrade")!.Value))
            : edits.RemovePair(upgrade, upgrade.Pairs.IndexOf(unusedPort));
        // "enabled: false" says the upgrade is off on purpose; a missing "enabled" more likely was forgotten.
        var explicitlyDisabled = upgrade.FindPair("enabled") is not null;
        var fixes = new List<CodeFix> { RuleContext.Fix("Remove the unused port", "删除无效的 port", removal) with { IsPreferred = explicitlyDisabled } };
        if (kind == TrafficKind.Http)
        {
            var enable = upgrade.FindPair("enabled") is { } enabledPair
                ? edits.SetValue(enabledPair, "true")
                : edits.InsertPair(upgrade, -1, "enabled", "true");
            fixes.Add(RuleContext.Fix("Set enabled: true", "设置 enabled: true", enable) with { IsPreferred = !explicitlyDisabled });
        }
        context.Report(diagnostic, [.. fixes]);
    }
}
