using System.Collections.Immutable;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Kinds;

namespace EgressLsp.Core.Analysis.Rules;

/// <summary>
/// One check (one code or a close family of codes): what it reports, which document kinds it applies to, and the check itself over a <see cref="RuleContext"/>. Rules are listed in <see cref="RuleRegistry"/>; the
/// catalogue, the CLI, the server and the README table read their descriptors from there.
/// </summary>
public interface IRule
{
    /// <summary>The codes this rule reports, with their default levels and English and Chinese messages.</summary>
    ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    bool AppliesTo(DocumentKind kind);

    /// <summary>Reports findings into <paramref name="context"/>; never throws on odd input (a wrong shape reads as absent).</summary>
    void Check(RuleContext context);
}

/// <summary>
/// A rule over documents whose kind makes a <typeparamref name="TContext"/> (the policy kind makes a
/// <see cref="PolicyRuleContext"/>): the typed context carries the kind's model.
/// </summary>
public abstract class Rule<TContext> : IRule where TContext : RuleContext
{
    public abstract ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    public abstract bool AppliesTo(DocumentKind kind);

    void IRule.Check(RuleContext context) => Check((TContext)context);

    protected abstract void Check(TContext context);
}

/// <summary>A rule over <c>ASMEgressTrafficPolicy</c> documents.</summary>
public abstract class PolicyRule : Rule<PolicyRuleContext>
{
    public override bool AppliesTo(DocumentKind kind) => kind == KindRegistry.Policy;
}
