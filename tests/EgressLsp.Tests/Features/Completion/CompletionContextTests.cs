using EgressLsp.Core.Features.Completion;
using EgressLsp.Core.Yaml;
using static EgressLsp.Tests.Features.Completion.CompletionTestText;

namespace EgressLsp.Tests.Features.Completion;

/// <summary>Where the cursor is, in complete and incomplete YAML: path, key or value, siblings, range, indentation.</summary>
public class CompletionContextTests
{
    private const string Head = "apiVersion: istio.alibabacloud.com/v1\nkind: ASMEgressTrafficPolicy\n";

    private static CompletionContext At(string marked) => Assert.IsType<CompletionContext>(Context(marked));

    [Fact]
    public void An_empty_line_inside_a_to_item_is_a_key_of_that_item_with_its_keys_present()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n    to:\n    - name: x\n      |\n");
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Key, context.Position);
        Assert.Equal(6, context.Indent);
        Assert.Contains("name", context.ExistingKeys);
        Assert.Equal(0, context.ReplaceSpan.Length);
        Assert.Equal("To", context.Schema!.DefinitionName);
    }

    [Fact]
    public void A_partially_typed_key_is_the_replace_range_and_is_not_counted_as_present()
    {
        var marked = Head + "spec:\n  egressRules:\n  - to:\n    - name: x\n      hos|\n";
        var context = At(marked);
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Key, context.Position);
        Assert.Equal("hos", context.TypedText);
        var (text, offset) = Split(marked);
        Assert.Equal("hos", text[context.ReplaceSpan.Start..context.ReplaceSpan.End]);
        Assert.Equal(offset, context.ReplaceSpan.End);
        Assert.DoesNotContain("hos", context.ExistingKeys);
        Assert.Contains("name", context.ExistingKeys);
    }

    [Fact]
    public void Keys_below_the_cursor_count_as_present_too()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - to:\n    - |\n      port:\n        number: 80\n      hosts: [a.com]\n");
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.Contains("port", context.ExistingKeys);
        Assert.Contains("hosts", context.ExistingKeys);
        Assert.True(context.AtItemStart);
    }

    [Fact]
    public void A_key_with_no_value_yet_expects_its_value()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - to:\n    - port:\n        protocol: |\n");
        Assert.Equal("spec.egressRules[0].to[0].port.protocol", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Value, context.Position);
        Assert.False(context.NeedsLeadingSpace);
    }

    [Fact]
    public void Right_after_the_colon_the_value_needs_a_space()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - to:\n    - port:\n        protocol:|\n");
        Assert.Equal(CompletionPosition.Value, context.Position);
        Assert.True(context.NeedsLeadingSpace);
        Assert.Equal("spec.egressRules[0].to[0].port.protocol", NodeLocation.Format(context.Path));
    }

    [Fact]
    public void A_partial_value_is_replaced_up_to_the_end_of_the_value()
    {
        var marked = Head + "spec:\n  egressRules:\n  - to:\n    - port:\n        protocol: HT|TP # note\n";
        var context = At(marked);
        var (text, _) = Split(marked);
        Assert.Equal("HTTP", text[context.ReplaceSpan.Start..context.ReplaceSpan.End]);
        Assert.Equal("HT", context.TypedText);
    }

    [Fact]
    public void A_cursor_on_an_existing_key_keeps_its_colon()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - to:\n    - ho|sts: [a.com]\n");
        Assert.True(context.KeyHasColon);
        Assert.Equal(CompletionPosition.Key, context.Position);
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
    }

    [Fact]
    public void After_a_dash_in_a_list_of_objects_the_key_starts_a_new_item()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n    to:\n    - hosts: [a.com]\n    - |\n");
        Assert.Equal("spec.egressRules[0].to[1]", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Key, context.Position);
        Assert.True(context.AtItemStart);
        Assert.Empty(context.ExistingKeys);
        Assert.Equal(6, context.Indent);
    }

    [Fact]
    public void After_a_dash_in_a_list_of_strings_a_value_is_expected_with_the_other_items()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - to:\n    - hosts:\n      - a.com\n      - |\n");
        Assert.Equal("spec.egressRules[0].to[0].hosts[1]", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Value, context.Position);
        Assert.Contains("a.com", context.ExistingItems);
    }

    [Fact]
    public void Inside_a_flow_sequence_the_item_index_and_the_other_items_come_from_the_line()
    {
        var marked = Head + "spec:\n  egressRules:\n  - to:\n    - hosts: [a.com, b.c|\n";
        var context = At(marked);
        Assert.Equal("spec.egressRules[0].to[0].hosts[1]", NodeLocation.Format(context.Path));
        Assert.Equal(CompletionPosition.Value, context.Position);
        Assert.True(context.IsFlow);
        Assert.Contains("a.com", context.ExistingItems);
        Assert.Equal("b.c", context.TypedText);
    }

    [Fact]
    public void Inside_a_closed_flow_sequence_the_range_stops_at_the_comma()
    {
        var marked = Head + "spec:\n  egressRules:\n  - to:\n    - hosts: [a.com, |b.com, c.com]\n";
        var context = At(marked);
        var (text, _) = Split(marked);
        Assert.Equal("spec.egressRules[0].to[0].hosts[1]", NodeLocation.Format(context.Path));
        Assert.Equal("b.com", text[context.ReplaceSpan.Start..context.ReplaceSpan.End]);
    }

    [Fact]
    public void Inside_a_flow_mapping_a_key_then_its_value()
    {
        var key = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n      workloadSelector: {version: v1, |}\n");
        Assert.Equal("spec.egressRules[0].from[0].workloadSelector", NodeLocation.Format(key.Path));
        Assert.Equal(CompletionPosition.Key, key.Position);
        Assert.Contains("version", key.ExistingKeys);
        var value = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n      workloadSelector: {app: |}\n");
        Assert.Equal("spec.egressRules[0].from[0].workloadSelector.app", NodeLocation.Format(value.Path));
        Assert.Equal(CompletionPosition.Value, value.Position);
    }

    [Fact]
    public void After_a_closed_flow_collection_nothing_is_completed()
    {
        Assert.Null(Context(Head + "spec:\n  egressRules:\n  - to:\n    - hosts: [a.com] |\n"));
    }

    [Fact]
    public void An_empty_line_under_a_list_key_starts_a_new_item()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n    to:\n      |\n");
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.True(context.StartsItem);
        Assert.Equal(CompletionPosition.Key, context.Position);
        Assert.Equal(8, context.Indent);
    }

    [Fact]
    public void At_the_dash_column_of_an_indented_list_the_cursor_starts_the_next_item()
    {
        var context = At(Head + "spec:\n  egressRules:\n    - from:\n        - namespace: a\n      to: []\n    |\n");
        Assert.Equal("spec.egressRules[1]", NodeLocation.Format(context.Path));
        Assert.True(context.StartsItem);
        Assert.Null(context.Alternative);
    }

    [Fact]
    public void At_the_column_of_a_key_and_its_list_items_both_readings_are_offered()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n    to: []\n  |\n");
        Assert.Equal("spec", NodeLocation.Format(context.Path));
        Assert.Contains("egressRules", context.ExistingKeys);
        var item = Assert.IsType<CompletionContext>(context.Alternative);
        Assert.Equal("spec.egressRules[1]", NodeLocation.Format(item.Path));
        Assert.True(item.StartsItem);
        Assert.Equal(4, item.Indent);
    }

    [Fact]
    public void A_key_below_another_key_s_list_is_a_sibling_not_an_item()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from: []\n  byEgressGateway:\n    name: gw\n  |\n");
        Assert.Equal("spec", NodeLocation.Format(context.Path));
        Assert.Null(context.Alternative);
        Assert.Contains("byEgressGateway", context.ExistingKeys);
        Assert.Contains("egressRules", context.ExistingKeys);
    }

    [Fact]
    public void A_typed_dash_without_its_space_is_replaced_by_the_item()
    {
        var marked = Head + "spec:\n  egressRules:\n  - to:\n    -|\n";
        var context = At(marked);
        var (text, _) = Split(marked);
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.True(context.StartsItem);
        Assert.Equal("-", text[context.ReplaceSpan.Start..context.ReplaceSpan.End]);
        Assert.Equal(6, context.Indent);
    }

    [Fact]
    public void Nested_items_on_one_line_each_get_their_index()
    {
        var context = At(Head + "spec:\n  egressRules:\n  - from:\n    - namespace: a\n  - from:\n    - namespace: b\n    to:\n    - name: x\n    - name: y\n      |\n");
        Assert.Equal("spec.egressRules[1].to[1]", NodeLocation.Format(context.Path));
        Assert.Contains("name", context.ExistingKeys);
    }

    [Fact]
    public void The_root_of_an_empty_document_is_a_key_position()
    {
        var context = At("|");
        Assert.Empty(context.Path);
        Assert.Equal(CompletionPosition.Key, context.Position);
        var second = At("apiVersion: v1\nkind: Namespace\n---\n|");
        Assert.Empty(second.Path);
        Assert.Empty(second.ExistingKeys);
    }

    [Fact]
    public void Comments_block_scalars_and_document_markers_get_nothing()
    {
        Assert.Null(Context(Head + "# a comm|ent\n"));
        Assert.Null(Context(Head + "metadata:\n  name: x # a comm|ent\n"));
        Assert.Null(Context(Head + "metadata:\n  annotations:\n    note: >\n      some te|xt\n"));
        Assert.Null(Context(Head + "--|-\n"));
    }

    [Fact]
    public void A_quoted_key_is_read_without_its_quotes()
    {
        var context = At(Head + "\"spec\":\n  \"byEgressGateway\":\n    name: |\n");
        Assert.Equal("spec.byEgressGateway.name", NodeLocation.Format(context.Path));
    }

    [Fact]
    public void Windows_line_endings_are_handled()
    {
        var context = At(Head.Replace("\n", "\r\n") + "spec:\r\n  egressRules:\r\n  - to:\r\n    - name: x\r\n      |\r\n");
        Assert.Equal("spec.egressRules[0].to[0]", NodeLocation.Format(context.Path));
        Assert.Equal(6, context.Indent);
    }

    [Fact]
    public void The_config_schema_is_read_the_same_way()
    {
        var context = Assert.IsType<CompletionContext>(Context("environment:\n  target: |\n", config: true));
        Assert.Equal("environment.target", NodeLocation.Format(context.Path));
        Assert.Equal("Expansion target", context.Schema!.Title);
    }
}
