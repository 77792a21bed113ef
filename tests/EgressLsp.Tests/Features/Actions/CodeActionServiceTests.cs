using EgressLsp.Core.Expansion;
using EgressLsp.Core.Features.Actions;
using EgressLsp.Core.Text;
using EgressLsp.Tests.Cli;
using static EgressLsp.Tests.Features.Actions.ActionTestDocuments;

namespace EgressLsp.Tests.Features.Actions;

public class CodeActionServiceTests
{
    [Fact]
    public void A_misspelt_protocol_gets_a_preferred_quick_fix_that_removes_the_error()
    {
        var analysis = Analyse("http.yaml", MisspeltProtocol);
        var error = Single(analysis, "EGP005");

        var actions = CodeActionService.GetActions(analysis, At(analysis, "HTTPP", 2));

        var fix = Assert.Single(actions, a => a.Kind == CodeActionEntryKind.QuickFix);
        Assert.Equal("Change to 'HTTP'", fix.Title.En);
        Assert.Equal("改为“HTTP”", fix.Title.Zh);
        Assert.True(fix.IsPreferred);
        Assert.Null(fix.Command);
        Assert.Null(fix.CreatesFile);
        Assert.Same(error, Assert.Single(fix.FixesDiagnostics));

        var repaired = Analyse("http.yaml", Apply(analysis.Text.Text, fix.Edits));
        Assert.Equal(File.ReadAllText(ExamplePath("http.yaml")), repaired.Text.Text);
        Assert.DoesNotContain(repaired.Diagnostics, d => d.Code == "EGP005");
        Assert.False(repaired.HasErrors);
    }

    [Fact]
    public void A_misspelt_key_gets_its_fix_with_the_cursor_right_after_it()
    {
        var text = File.ReadAllText(ExamplePath("http.yaml")).Replace("      hosts:\n", "      hostz:\n", StringComparison.Ordinal);
        var analysis = Analyse("http.yaml", text);
        var unknownKey = Single(analysis, "EGP002");

        var actions = CodeActionService.GetActions(analysis, new TextSpan(unknownKey.Span.End, 0));

        var fix = Assert.Single(actions, a => a.Kind == CodeActionEntryKind.QuickFix && a.FixesDiagnostics.Contains(unknownKey));
        Assert.Equal("Change to 'hosts'", fix.Title.En);
        var repaired = Analyse("http.yaml", Apply(text, fix.Edits));
        Assert.DoesNotContain(repaired.Diagnostics, d => d.Code == "EGP002");
        Assert.False(repaired.HasErrors);
    }

    [Fact]
    public void Fixes_of_diagnostics_away_from_the_range_are_not_offered()
    {
        var analysis = Analyse("http.yaml", MisspeltProtocol);
        var actions = CodeActionService.GetActions(analysis, At(analysis, "namespace: mytest"));
        Assert.DoesNotContain(actions, a => a.Kind == CodeActionEntryKind.QuickFix);
    }

    [Theory]
    [MemberData(nameof(PolicyExamples), MemberType = typeof(ActionTestDocuments))]
    public void On_a_clean_policy_expanding_and_writing_the_expansion_are_offered(string example)
    {
        var analysis = Example(example);
        var actions = CodeActionService.GetActions(analysis, At(analysis, "egressRules"));

        Assert.Equal(new[] { CodeActionEntryKind.Refactor, CodeActionEntryKind.Source }, actions.Select(a => a.Kind).ToArray());
        var expand = actions[0];
        Assert.Equal("Expand to Istio resources", expand.Title.En);
        Assert.Equal("展开为 Istio 资源", expand.Title.Zh);
        Assert.Equal(EditorCommands.ShowPreview, expand.Command);
        Assert.Equal(EditorCommands.DocumentArgument, Assert.Single(expand.CommandArguments));
        Assert.Empty(expand.Edits);
        Assert.False(expand.IsPreferred);

        var write = actions[1];
        var fileName = Path.GetFileNameWithoutExtension(example) + ".istio.yaml";
        Assert.Equal($"Write expansion to {fileName}", write.Title.En);
        Assert.Empty(write.Edits);
        Assert.Null(write.Command);
        var file = Assert.IsType<NewFile>(write.CreatesFile);
        Assert.Equal(fileName, file.FileName);
        Assert.Equal(CliRunner.Run(CliRunner.Examples, "expand", example).Stdout, file.Text);
    }

    [Fact]
    public void A_policy_with_errors_can_be_previewed_and_fixed_but_not_written()
    {
        var analysis = Analyse("http.yaml", MisspeltProtocol);
        var actions = CodeActionService.GetActions(analysis, At(analysis, "HTTPP"));
        Assert.Equal(new[] { CodeActionEntryKind.QuickFix, CodeActionEntryKind.Refactor }, actions.Select(a => a.Kind).ToArray());
    }

    [Fact]
    public void Expansion_is_offered_anywhere_in_a_file_that_holds_a_policy_and_nowhere_else()
    {
        var text = "# Egress for team mytest\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytest\n---\n" + File.ReadAllText(ExamplePath("http.yaml"));
        var analysis = Analyse("mixed.yaml", text);
        // A file opens with the cursor on its first line, here a comment above everything.
        Assert.Equal("Expand to Istio resources", CodeActionService.GetActions(analysis, new TextSpan(0, 0))[0].Title.En);
        Assert.NotEmpty(CodeActionService.GetActions(analysis, At(analysis, "name: mytest")));
        Assert.NotEmpty(CodeActionService.GetActions(analysis, At(analysis, "egressRules")));
        Assert.Empty(CodeActionService.GetActions(Example("ambient-httpbin.yaml"), new TextSpan(0, 10)));
    }

    [Fact]
    public void The_expansion_file_sits_beside_the_policy_named_after_it_and_the_target()
    {
        Assert.Equal("egress.istio.yaml", CodeActionService.ExpansionFileName("/work/policies/egress.yaml", Core.Targets.TargetRegistry.Find("istio-sidecar")!));
        Assert.Equal("egress.istio-ambient.yaml", CodeActionService.ExpansionFileName("egress.yml", Core.Targets.TargetRegistry.Find("istio-ambient")!));
        Assert.Equal("egress.osm-edge.yaml", CodeActionService.ExpansionFileName("egress.yaml", Core.Targets.TargetRegistry.Find("osm-edge")!));
    }

    [Fact]
    public void Nothing_to_write_means_no_write_action()
    {
        // Without a gateway name the expansion is empty (the validator says why).
        var text = File.ReadAllText(ExamplePath("http.yaml")).Replace("    name: egressgateway\n", "", StringComparison.Ordinal);
        var analysis = Analyse("http.yaml", text);
        Assert.Empty(analysis.Expand().Resources);
        Assert.DoesNotContain(CodeActionService.GetActions(analysis, At(analysis, "egressRules")), a => a.Kind == CodeActionEntryKind.Source);
    }
}
