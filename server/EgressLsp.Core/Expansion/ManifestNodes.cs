using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// A node of a generated Kubernetes object: an ordered mapping, a sequence or a scalar. The tree is immutable and
/// keeps insertion order, so writers produce the same bytes for the same input.
/// </summary>
public abstract class ManifestNode
{
    private protected ManifestNode()
    {
    }

    /// <summary>A string scalar; null stays null, so an optional field given as a string is left out by <see cref="ManifestMapping.Of"/>.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator ManifestNode?(string? value) => value is null ? null : ManifestScalar.String(value);

    public static implicit operator ManifestNode(long value) => ManifestScalar.Integer(value);

    public static implicit operator ManifestNode(bool value) => ManifestScalar.Boolean(value);
}

public enum ManifestScalarKind { String, Integer, Boolean }

/// <summary>A string, an integer or a boolean. Writers quote strings that YAML would read as another type.</summary>
public sealed class ManifestScalar : ManifestNode
{
    private readonly long _integer;
    private readonly bool _boolean;

    private ManifestScalar(ManifestScalarKind kind, string text, long integer, bool boolean)
    {
        Kind = kind;
        Text = text;
        _integer = integer;
        _boolean = boolean;
    }

    public ManifestScalarKind Kind { get; }

    /// <summary>The string itself, or the canonical spelling of an integer (<c>80</c>) or boolean (<c>true</c>).</summary>
    public string Text { get; }

    public static ManifestScalar String(string value) =>
        new(ManifestScalarKind.String, value ?? throw new ArgumentNullException(nameof(value)), 0, false);

    public static ManifestScalar Integer(long value)
    {
        // Ports and status codes repeat in every object; the scalars are immutable, so one of each will do.
        if (value is < 0 or >= SharedIntegerLimit)
        {
            return NewInteger(value);
        }
        return SharedIntegers[value] ??= NewInteger(value);
    }

    public static ManifestScalar Boolean(bool value) => value ? True : False;

    private const int SharedIntegerLimit = 1024;
    private static readonly ManifestScalar?[] SharedIntegers = new ManifestScalar?[SharedIntegerLimit];
    private static readonly ManifestScalar True = new(ManifestScalarKind.Boolean, "true", 0, true);
    private static readonly ManifestScalar False = new(ManifestScalarKind.Boolean, "false", 0, false);

    private static ManifestScalar NewInteger(long value) => new(ManifestScalarKind.Integer, value.ToString(CultureInfo.InvariantCulture), value, false);

    public string AsString() => Kind == ManifestScalarKind.String ? Text : throw WrongKind(ManifestScalarKind.String);

    public long AsInteger() => Kind == ManifestScalarKind.Integer ? _integer : throw WrongKind(ManifestScalarKind.Integer);

    public bool AsBoolean() => Kind == ManifestScalarKind.Boolean ? _boolean : throw WrongKind(ManifestScalarKind.Boolean);

    public override string ToString() => Text;

    private InvalidOperationException WrongKind(ManifestScalarKind wanted) =>
        new($"The scalar '{Text}' is a {Kind}, not a {wanted}.");
}

public readonly record struct ManifestEntry(string Key, ManifestNode Value);

/// <summary>A mapping whose keys keep the order they were given in.</summary>
public sealed class ManifestMapping : ManifestNode
{
    public static ManifestMapping Empty { get; } = new(ImmutableArray<ManifestEntry>.Empty);

    /// <summary>Mappings up to this size are checked for a repeated key pair by pair: cheaper than a set, and most are this small.</summary>
    private const int SmallMapping = 8;

    public ManifestMapping(IEnumerable<ManifestEntry> entries)
        : this(entries.ToImmutableArray())
    {
    }

    private ManifestMapping(ImmutableArray<ManifestEntry> entries)
    {
        Entries = entries;
        if (entries.Length <= SmallMapping)
        {
            for (var i = 1; i < entries.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (entries[i].Key == entries[j].Key)
                    {
                        throw DuplicateKey(entries[i].Key);
                    }
                }
            }
            return;
        }
        var keys = new HashSet<string>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!keys.Add(entry.Key))
            {
                throw DuplicateKey(entry.Key);
            }
        }
    }

    public ImmutableArray<ManifestEntry> Entries { get; }

    public int Count => Entries.Length;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    /// <summary>
    /// A mapping of the given entries, leaving out null values and empty sequences and mappings: generated objects
    /// never carry <c>field: []</c>, which Istio reads the same as an absent field but which only adds noise.
    /// </summary>
    public static ManifestMapping Of(params ReadOnlySpan<(string Key, ManifestNode? Value)> entries)
    {
        var count = 0;
        foreach (var (_, value) in entries)
        {
            count += IsKept(value) ? 1 : 0;
        }
        var kept = new ManifestEntry[count];
        count = 0;
        foreach (var (key, value) in entries)
        {
            if (IsKept(value))
            {
                kept[count++] = new ManifestEntry(key, value!);
            }
        }
        return new ManifestMapping(ImmutableCollectionsMarshal.AsImmutableArray(kept));
    }

    private static bool IsKept(ManifestNode? value) =>
        value is not null and not ManifestSequence { Count: 0 } and not ManifestMapping { Count: 0 };

    private static ArgumentException DuplicateKey(string key) => new($"Duplicate key '{key}'.", "entries");

    public ManifestNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }
            return null;
        }
    }

    public ManifestMapping? GetMapping(string key) => this[key] as ManifestMapping;

    public ManifestSequence? GetSequence(string key) => this[key] as ManifestSequence;

    /// <summary>The string under <paramref name="key"/>, or null when absent or not a string.</summary>
    public string? GetString(string key) => this[key] is ManifestScalar { Kind: ManifestScalarKind.String } scalar ? scalar.Text : null;

    /// <summary>The integer under <paramref name="key"/>, or null when absent or not an integer.</summary>
    public long? GetInteger(string key) => this[key] is ManifestScalar { Kind: ManifestScalarKind.Integer } scalar ? scalar.AsInteger() : null;
}

public sealed class ManifestSequence : ManifestNode
{
    public ManifestSequence(IEnumerable<ManifestNode> items)
    {
        Items = [.. items];
    }

    private ManifestSequence(ImmutableArray<ManifestNode> items)
    {
        Items = items;
    }

    public ImmutableArray<ManifestNode> Items { get; }

    public int Count => Items.Length;

    public static ManifestSequence Of(params ReadOnlySpan<ManifestNode> items) => new([.. items]);

    public static ManifestSequence OfStrings(IEnumerable<string> items) => new(items.Select(ManifestScalar.String));

    public IEnumerable<ManifestMapping> Mappings => Items.OfType<ManifestMapping>();

    /// <summary>The string items, in order (other items are skipped).</summary>
    public IEnumerable<string> Strings =>
        Items.OfType<ManifestScalar>().Where(s => s.Kind == ManifestScalarKind.String).Select(s => s.Text);
}
