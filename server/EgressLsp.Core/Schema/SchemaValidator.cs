using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EgressLsp.Core.Diagnostics;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Schema;

/// <summary>
/// Validates a YAML tree against a <see cref="SchemaNode"/>: unknown fields (EGP002), wrong types and ranges
/// (EGP003), missing required fields (EGP004) and values outside an enum (EGP005, or the code the schema names),
/// each on the tightest range — the key for unknown or missing fields, the value otherwise — with quick fixes.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Bounds the work aliases can cause (each alias is validated where it is used).</summary>
    private const int MaxVisitedNodes = 200_000;

    public static ImmutableArray<Diagnostic> Validate(YamlNode root, SchemaNode schema, YamlFile file)
    {
        var walker = new Walker(file);
        walker.Visit(root, schema, root.Span);
        return walker.Diagnostics.ToImmutable();
    }

    private sealed class Walker(YamlFile file)
    {
        private int _visited;

        /// <summary>The key the value being checked is under (an item of a list is under the list's key).</summary>
        private string? _field;

        /// <summary>Anchored nodes already checked against a schema: an alias repeating one is not checked again.</summary>
        private HashSet<(YamlNode, SchemaNode)>? _aliasTargets;

        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

        /// <param name="anchor">Where to report problems of the node as a whole: its key, or the node.</param>
        public void Visit(YamlNode node, SchemaNode schema, TextSpan anchor)
        {
            if (++_visited > MaxVisitedNodes || node.Resolved is not { } value ||
                (node is YamlAlias && !(_aliasTargets ??= []).Add((value, schema))))
            {
                return;
            }
            if (!CheckType(node, value, schema))
            {
                return;
            }
            switch (value)
            {
                case YamlMapping mapping:
                    VisitMapping(mapping, schema, anchor);
                    break;
                case YamlSequence sequence:
                    VisitSequence(sequence, schema, anchor);
                    break;
                case YamlScalar scalar:
                    VisitScalar(node, scalar, schema);
                    break;
            }
        }

        private bool CheckType(YamlNode node, YamlNode value, SchemaNode schema)
        {
            var types = schema.Types;
            if (types.IsEmpty)
            {
                return true;
            }
            // A loop, not Any with a lambda: this runs for every node of the file, and the lambda would capture.
            foreach (var type in types)
            {
                if (Accepts(type, value.ValueType))
                {
                    return true;
                }
            }
            var scalar = value as YamlScalar;
            var hint = scalar is { Style: not YamlScalarStyle.Plain } && YamlScalar.IsTyped(scalar.Value)
                ? new LocalizedText(" Remove the quotes.", "请去掉引号。")
                : new LocalizedText("", "");
            var message = new LocalizedText(
                $"{Title(schema)} must be {TypeName(types[0]).En}, but is {ValueTypeName(value.ValueType).En}{Quoted(scalar, false)}.{hint.En}",
                $"{Title(schema)} 应为{TypeName(types[0]).Zh},但实际为{ValueTypeName(value.ValueType).Zh}{Quoted(scalar, true)}。{hint.Zh}");
            Diagnostics.Add(DiagnosticCatalog.EGP003.Create(ValueSpan(node), message));
            return false;
        }

        private void VisitMapping(YamlMapping mapping, SchemaNode schema, TextSpan anchor)
        {
            var names = schema.PropertyNames;
            // A required key that an unknown key most likely misspells is reported once, by the unknown key.
            HashSet<string>? misspelled = null;
            // The keys present, read once per mapping (not once per unknown key: that is quadratic in hostile files).
            HashSet<string>? present = null;
            foreach (var pair in mapping.Pairs)
            {
                if (pair.KeyText is not { } key)
                {
                    continue;
                }
                var valueSchema = schema.SchemaForKey(key);
                var keyNotAllowed = names?.Pattern is { } keyPattern && !Matches(keyPattern, key);
                if (keyNotAllowed || (valueSchema is null && !schema.AllowsAdditionalProperties))
                {
                    present ??= mapping.Pairs.Select(p => p.KeyText).OfType<string>().ToHashSet(StringComparer.Ordinal);
                    if (ReportUnknownField(pair, present, schema) is { } suggestion)
                    {
                        (misspelled ??= new HashSet<string>(StringComparer.Ordinal)).Add(suggestion);
                    }
                    continue;
                }
                if (valueSchema is not null)
                {
                    var outer = _field;
                    _field = key;
                    Visit(pair.Value, valueSchema, pair.Key.Span);
                    _field = outer;
                }
            }
            CheckExclusiveKeys(mapping, schema);
            if (schema.MinProperties is { } minProperties && mapping.Pairs.Length < minProperties)
            {
                Diagnostics.Add(DiagnosticCatalog.EGP003.Create(anchor, new LocalizedText(
                    $"{Title(schema)} needs at least {minProperties} entr{(minProperties == 1 ? "y" : "ies")}.",
                    $"{Title(schema)} 至少需要 {minProperties} 项。")));
            }
            // Content cut out by a syntax error would read as missing: say nothing rather than something wrong.
            if (file.HasSyntaxErrorWithin(mapping.Span))
            {
                return;
            }
            foreach (var required in schema.Required)
            {
                if (mapping.FindPair(required) is null && misspelled?.Contains(required) != true)
                {
                    var span = mapping.Pairs.IsEmpty || anchor != mapping.Span ? anchor : mapping.Pairs[0].Key.Span;
                    var diagnostic = DiagnosticCatalog.EGP004.Create(span, required, Title(schema));
                    Diagnostics.Add(InsertionFix(mapping, required, schema.FindProperty(required)?.Schema) is { } fix ? diagnostic.WithFix(fix) : diagnostic);
                }
            }
        }

        /// <summary>A protobuf <c>oneof</c>: every key set after the first of its group is reported (Istio rejects the object).</summary>
        private void CheckExclusiveKeys(YamlMapping mapping, SchemaNode schema)
        {
            if (schema.ExclusiveKeys.IsEmpty)
            {
                return;
            }
            YamlPair? first = null;
            foreach (var pair in mapping.Pairs)
            {
                if (pair.KeyText is not { } key || !schema.ExclusiveKeys.Contains(key))
                {
                    continue;
                }
                if (first is not { } set)
                {
                    first = pair;
                    continue;
                }
                var choices = string.Join(", ", schema.ExclusiveKeys.Select(k => $"'{k}'"));
                Diagnostics.Add(DiagnosticCatalog.EGP003.Create(pair.Key.Span, new LocalizedText(
                    $"Only one of {choices} may be set; '{set.KeyText}' is set already.",
                    $"{choices} 只能设置其中一个;已经设置了“{set.KeyText}”。")));
            }
        }

        /// <returns>The suggested key, if any.</returns>
        private string? ReportUnknownField(YamlPair pair, HashSet<string> present, SchemaNode schema)
        {
            var key = pair.KeyText!;
            var suggestion = EditDistance.Closest(key, schema.Properties.Select(p => p.Name).Where(n => !present.Contains(n)), MaxSuggestionDistance(key));
            var didYouMean = suggestion is null
                ? new LocalizedText("", "")
                : new LocalizedText($" Did you mean '{suggestion}'?", $"是否要使用“{suggestion}”?");
            var diagnostic = DiagnosticCatalog.EGP002.Create(pair.Key.Span, key, Title(schema), didYouMean);
            if (suggestion is not null)
            {
                diagnostic = diagnostic.WithFix(new CodeFix(
                    new LocalizedText($"Change to '{suggestion}'", $"改为“{suggestion}”"),
                    [new TextEdit(pair.Key.Span, suggestion)]));
            }
            Diagnostics.Add(diagnostic);
            return suggestion;
        }

        private void VisitSequence(YamlSequence sequence, SchemaNode schema, TextSpan anchor)
        {
            var count = sequence.Items.Length;
            if (schema.MinItems is { } minItems && count < minItems)
            {
                Diagnostics.Add(DiagnosticCatalog.EGP003.Create(count == 0 ? Union(anchor, sequence.Span) : anchor, new LocalizedText(
                    $"{Title(schema)} needs at least {minItems} item{(minItems == 1 ? "" : "s")}.",
                    $"{Title(schema)} 至少需要 {minItems} 项。")));
            }
            if (schema.MaxItems is { } maxItems && count > maxItems)
            {
                Diagnostics.Add(DiagnosticCatalog.EGP003.Create(sequence.Items[maxItems].Span, new LocalizedText(
                    $"{Title(schema)} allows at most {maxItems} items; this list has {count}.",
                    $"{Title(schema)} 最多允许 {maxItems} 项;此列表有 {count} 项。")));
            }
            if (schema.Items is { } items)
            {
                foreach (var item in sequence.Items)
                {
                    Visit(item, items, item.Span);
                }
            }
        }

        private void VisitScalar(YamlNode node, YamlScalar scalar, SchemaNode schema)
        {
            var span = ValueSpan(node);
            if (!CheckEnum(span, scalar, schema))
            {
                return;
            }
            if (scalar.ValueType is YamlValueType.Integer or YamlValueType.Number &&
                double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                if ((schema.Minimum is { } min && number < min) || (schema.Maximum is { } max && number > max))
                {
                    Diagnostics.Add(DiagnosticCatalog.EGP003.Create(span, RangeMessage(schema, scalar.Value)));
                }
            }
            if (scalar.ValueType == YamlValueType.String)
            {
                if (schema.MinLength is { } minLength && scalar.Value.Length < minLength)
                {
                    Diagnostics.Add(DiagnosticCatalog.EGP003.Create(span, new LocalizedText(
                        $"{Title(schema)} must not be empty.", $"{Title(schema)} 不能为空。")));
                }
                else if (schema.MaxLength is { } maxLength && scalar.Value.Length > maxLength)
                {
                    Diagnostics.Add(DiagnosticCatalog.EGP003.Create(span, new LocalizedText(
                        $"{Title(schema)} must be at most {maxLength} characters; this one has {scalar.Value.Length}.",
                        $"{Title(schema)} 最多 {maxLength} 个字符;当前为 {scalar.Value.Length} 个。")));
                }
                else if (schema.Pattern is { } pattern && !Matches(pattern, scalar.Value))
                {
                    Diagnostics.Add(DiagnosticCatalog.EGP003.Create(span, new LocalizedText(
                        $"'{scalar.Value}' is not a valid {Title(schema)} (expected the form {pattern}).",
                        $"“{scalar.Value}”不是有效的{Title(schema)}(应符合 {pattern})。")));
                }
            }
        }

        /// <returns>False when the value is not allowed (further checks would only repeat the problem).</returns>
        private bool CheckEnum(TextSpan span, YamlScalar scalar, SchemaNode schema)
        {
            var allowed = schema.AllowedValues;
            if (allowed.IsEmpty)
            {
                return true;
            }
            var comparison = schema.EnumIsCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var value in allowed)
            {
                if (string.Equals(value, scalar.Value, comparison))
                {
                    return true;
                }
            }
            var nearest = EditDistance.Closest(scalar.Value.ToUpperInvariant(), allowed.Select(a => a.ToUpperInvariant()), Math.Max(2, scalar.Value.Length / 2)) is { } upper
                ? allowed.First(a => a.Equals(upper, StringComparison.OrdinalIgnoreCase))
                : allowed.Length == 1 ? allowed[0] : null;
            var descriptor = schema.UnknownValueDiagnostic is { } code && DiagnosticCatalog.Find(code) is { } custom ? custom : DiagnosticCatalog.EGP005;
            var diagnostic = descriptor == DiagnosticCatalog.EGP005
                ? descriptor.Create(span, scalar.Value, Title(schema), string.Join(", ", allowed))
                : descriptor.Create(span, scalar.Value);
            if (nearest is not null)
            {
                diagnostic = diagnostic.WithFix(new CodeFix(new LocalizedText($"Change to '{nearest}'", $"改为“{nearest}”"), [new TextEdit(span, nearest)]));
            }
            Diagnostics.Add(diagnostic);
            return false;
        }

        /// <summary>Inserts a missing key with the schema's first example as its value, at the mapping's indentation.</summary>
        private CodeFix? InsertionFix(YamlMapping mapping, string key, SchemaNode? schema)
        {
            if (mapping.IsFlow || mapping.Pairs.IsEmpty)
            {
                return null;
            }
            var text = file.Text;
            var firstKey = mapping.Pairs[0].Key.Span.Start;
            var indent = firstKey - text.GetLineStartOf(firstKey);
            var last = mapping.Pairs[^1];
            var insertAt = text.GetLineEnd(text.GetLineIndex(Math.Max(last.Value.Span.End, last.Key.Span.End)));
            var example = schema?.Examples.FirstOrDefault() is { ValueKind: not JsonValueKind.Undefined } value
                ? YamlSnippet.Render(value, indent + 2)
                : " \"\"";
            return new CodeFix(new LocalizedText($"Add '{key}'", $"添加“{key}”"),
                [new TextEdit(new TextSpan(insertAt, 0), "\n" + new string(' ', indent) + key + ":" + example)]);
        }

        private static bool Matches(Regex pattern, string value)
        {
            try
            {
                return pattern.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                return true;
            }
        }

        private static TextSpan ValueSpan(YamlNode node) =>
            node.Span.Length > 0 ? node.Span : new TextSpan(node.Span.Start, 0);

        private static TextSpan Union(TextSpan a, TextSpan b) => TextSpan.FromBounds(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));

        private static int MaxSuggestionDistance(string key) => Math.Max(1, Math.Min(3, key.Length / 3));

        private LocalizedText RangeMessage(SchemaNode schema, string value)
        {
            var (min, max) = (schema.Minimum, schema.Maximum);
            var bounds = (min, max) switch
            {
                ({ } lo, { } hi) => ($"between {lo} and {hi}", $"在 {lo} 到 {hi} 之间"),
                ({ } lo, null) => ($"at least {lo}", $"至少为 {lo}"),
                (null, { } hi) => ($"at most {hi}", $"至多为 {hi}"),
                _ => ("", ""),
            };
            return new LocalizedText(
                $"{Title(schema)} must be {bounds.Item1}; {value} is out of range.",
                $"{Title(schema)} 必须{bounds.Item2};{value} 超出范围。");
        }

        /// <summary>How a message names the value: the schema's title, else the key it is under (CRD schemas have no titles).</summary>
        private string Title(SchemaNode schema) => schema.Title ?? schema.DefinitionName ?? (_field is { } field ? $"'{field}'" : "value");

        private static string Quoted(YamlScalar? scalar, bool zh) =>
            scalar is null || scalar.IsNull ? "" : zh ? $"(“{scalar.Value}”)" : $" ('{scalar.Value}')";

        private static bool Accepts(string type, YamlValueType actual) => type switch
        {
            "object" => actual == YamlValueType.Object,
            "array" => actual == YamlValueType.Array,
            "string" => actual == YamlValueType.String,
            "integer" => actual == YamlValueType.Integer,
            "number" => actual is YamlValueType.Integer or YamlValueType.Number,
            "boolean" => actual == YamlValueType.Boolean,
            "null" => actual == YamlValueType.Null,
            _ => true,
        };

        private static LocalizedText TypeName(string type) => type switch
        {
            "object" => new("a mapping", "映射"),
            "array" => new("a list", "列表"),
            "string" => new("a string", "字符串"),
            "integer" => new("an integer", "整数"),
            "number" => new("a number", "数字"),
            "boolean" => new("true or false", "布尔值(true 或 false)"),
            _ => new("null", "空值"),
        };

        private static LocalizedText ValueTypeName(YamlValueType type) => type switch
        {
            YamlValueType.Object => new("a mapping", "映射"),
            YamlValueType.Array => new("a list", "列表"),
            YamlValueType.String => new("a string", "字符串"),
            YamlValueType.Integer => new("an integer", "整数"),
            YamlValueType.Number => new("a number", "数字"),
            YamlValueType.Boolean => new("a boolean", "布尔值"),
            _ => new("empty", "空值"),
        };
    }
}
