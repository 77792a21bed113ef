using System.CommandLine;
using EgressLsp.Core.Schema;

namespace EgressLsp.Cli.Commands;

/// <summary><c>egressctl schema [policy|config]</c>: prints the JSON Schema shipped inside the core.</summary>
internal static class SchemaCommand
{
    public static readonly string[] Kinds = ["policy", "config"];

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("policy|config")
        {
            Description = "Which schema: the ASMEgressTrafficPolicy (default) or the egresslsp.yaml project config",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "policy",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return "policy";
                }
                var token = result.Tokens[0].Value;
                var match = Kinds.FirstOrDefault(k => string.Equals(k, token, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"unknown schema '{token}' (allowed: {string.Join(", ", Kinds)})");
                }
                return match ?? "policy";
            },
        };
        kind.CompletionSources.Add(Kinds);
        var command = new Command("schema", "Print the JSON Schema of the policy (default) or of egresslsp.yaml") { kind };
        command.SetAction(parse => Run(context, parse.GetValue(kind) ?? "policy"));
        return command;
    }

    public static int Run(CliContext context, string kind)
    {
        var text = kind == "config" ? SchemaCatalog.ConfigSchemaText : SchemaCatalog.PolicySchemaText;
        context.Stdout.Write(text.EndsWith('\n') ? text : text + "\n");
        return ExitCodes.Success;
    }
}
