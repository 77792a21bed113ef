using System.Collections.Immutable;
using System.Globalization;
using EgressLsp.Core.Text;

namespace EgressLsp.Core.Yaml;

public enum YamlNodeKind { Scalar, Mapping, Sequence, Alias }

public enum YamlScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

/// <summary>
/// A node of the YAML representation with its exact source range. Nodes are immutable; aliases are never
/// expanded (so alias bombs cost nothing) — <see cref="YamlAlias.Target"/> points at the anchored node.
/// </summary>
public abstract class YamlNode
{
    protected YamlNode(TextSpan span, string? tag)
    {
        Span = span;
        Tag = tag;
    }

    public TextSpan Span { get; }

    /// <summary>Explicit tag (e.g. <c>!!str</c>), or null.</summary>
    public string? Tag { get; }

    public abstract YamlNodeKind Kind { get; }

    /// <summary>The node itself, or the anchored node an alias refers to (null for an unknown anchor).</summary>
    public virtual YamlNode? Resolved => this;

    /// <summary>The JSON-like type this node has under the YAML 1.2 core schema.</summary>
    public virtual YamlValueType ValueType => YamlValueType.Null;
}

public enum YamlValueType { Null, Boolean, Integer, Number, String, Object, Array }

public sealed class YamlScalar : YamlNode
{
    public YamlScalar(TextSpan span, string value, YamlScalarStyle style, string? tag) : base(span, tag)
    {
        Value = value;
        Style = style;
        ValueType = ResolveType(value, style, tag);
    }

    /// <summary><paramref name="moved"/> at another place in the text (its type is not resolved again).</summary>
    internal YamlScalar(YamlScalar moved, TextSpan span) : base(span, moved.Tag)
    {
        Value = moved.Value;
        Style = moved.Style;
        ValueType = moved.ValueType;
    }

    public string Value { get; }

    public YamlScalarStyle Style { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Scalar;

    public override YamlValueType ValueType { get; }

    public bool IsNull => ValueType == YamlValueType.Null;

    /// <summary>True when <paramref name="text"/>, written as a plain scalar, would not read as a string.</summary>
    public static bool IsTyped(string text) => ResolveType(text, YamlScalarStyle.Plain, null) != YamlValueType.String;

    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (ValueType != YamlValueType.Integer)
        {
            return false;
        }
        var text = Value.StartsWith('+') ? Value[1..] : Value;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetBoolean(out bool value)
    {
        value = ValueType == YamlValueType.Boolean && Value is "true" or "True" or "TRUE";
        return ValueType == YamlValueType.Boolean;
    }

    /// <summary>YAML 1.2 core schema resolution: only plain scalars are typed; quoted ones are strings.</summary>
    private static YamlValueType ResolveType(string value, YamlScalarStyle style, string? tag)
    {
        switch (tag)
        {
            case "tag:yaml.org,2002:str" or "!!str": return YamlValueType.String;
            case "tag:yaml.org,2002:int" or "!!int": return YamlValueType.Integer;
            case "tag:yaml.org,2002:bool" or "!!bool": return YamlValueType.Boolean;
            case "tag:yaml.org,2002:null" or "!!null": return YamlValueType.Null;
            case "tag:yaml.org,2002:float" or "!!float": return YamlValueType.Number;
        }
        if (style != YamlScalarStyle.Plain)
        {
            return YamlValueType.String;
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return YamlValueType.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE": return YamlValueType.Boolean;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN": return YamlValueType.Number;
        }
        if (IsInteger(value))
        {
            return YamlValueType.Integer;
        }
        return IsFloat(value) ? YamlValueType.Number : YamlValueType.String;
    }

    private static bool IsInteger(string s)
    {
        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o'))
        {
            var hex = s[1] == 'x';
            for (var i = 2; i < s.Length; i++)
            {
                if (!(hex ? char.IsAsciiHexDigit(s[i]) : s[i] is >= '0' and <= '7'))
                {
                    return false;
                }
            }
            return true;
        }
        var start = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (start == s.Length)
        {
            return false;
        }
        for (var i = start; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsFloat(string s)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
            var exponent = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exponent++; }
            if (exponent == 0) return false;
        }
        return i == s.Length;
    }

    public override string ToString() => Value;
}

public readonly record struct YamlPair(YamlNode Key, YamlNode Value)
{
    /// <summary>The key's text when it is a scalar (the only kind of key Kubernetes objects use).</summary>
    public string? KeyText => (Key as YamlScalar)?.Value;
}

public sealed class YamlMapping : YamlNode
{
    public YamlMapping(TextSpan span, ImmutableArray<YamlPair> pairs, bool isFlow, string? tag) : base(span, tag)
    {
        Pairs = pairs;
        IsFlow = isFlow;
    }

    public ImmutableArray<YamlPair> Pairs { get; }

    public bool IsFlow { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Mapping;

    public override YamlValueType ValueType => YamlValueType.Object;

    /// <summary>The first pair with this key (duplicates are reported separately as EGP006).</summary>
    public YamlPair? FindPair(string key)
    {
        foreach (var pair in Pairs)
        {
            if (pair.KeyText == key)
            {
                return pair;
            }
        }
        return null;
    }

    /// <summary>The value under <paramref name="key"/>, with aliases resolved.</summary>
    public YamlNode? Get(string key) => FindPair(key)?.Value.Resolved;

    public YamlMapping? GetMapping(string key) => Get(key) as YamlMapping;

    public YamlSequence? GetSequence(string key) => Get(key) as YamlSequence;

    public YamlScalar? GetScalar(string key) => Get(key) as YamlScalar;

    /// <summary>A string value, or null when absent, null or not a scalar.</summary>
    public string? GetString(string key) => GetScalar(key) is { IsNull: false } scalar ? scalar.Value : null;
}

public sealed class YamlSequence : YamlNode
{
    public YamlSequence(TextSpan span, ImmutableArray<YamlNode> items, bool isFlow, string? tag) : base(span, tag)
    {
        Items = items;
        IsFlow = isFlow;
    }

    public ImmutableArray<YamlNode> Items { get; }

    public bool IsFlow { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Sequence;

    public override YamlValueType ValueType => YamlValueType.Array;
}

public sealed class YamlAlias : YamlNode
{
    public YamlAlias(TextSpan span, string name, YamlNode? target) : base(span, null)
    {
        Name = name;
        Target = target;
    }

    public string Name { get; }

    public YamlNode? Target { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Alias;

    public override YamlNode? Resolved => Target;

    public override YamlValueType ValueType => Target?.ValueType ?? YamlValueType.Null;
}

/// <summary>One document of a YAML stream (<c>---</c> separated). Root is null for an empty document.</summary>
public sealed class YamlDocument
{
    public YamlDocument(int index, TextSpan span, YamlNode? root)
    {
        Index = index;
        Span = span;
        Root = root;
    }

    public int Index { get; }

    public TextSpan Span { get; }

    public YamlNode? Root { get; }
}

public readonly record struct YamlComment(TextSpan Span, string Text);
