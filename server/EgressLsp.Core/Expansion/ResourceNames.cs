using System.Globalization;
using System.Text;
using EgressLsp.Core.Policy;

namespace EgressLsp.Core.Expansion;

/// <summary>
/// Names of generated objects: DNS-1123 labels of at most 63 characters. Too long a name keeps a readable prefix
/// and ends with a hash of the whole name, so it stays stable and distinct.
/// </summary>
public static class ResourceNames
{
    public const int MaxLength = 63;

    private const int HashLength = 8;

    /// <summary>The prefix kept before <c>-{hash}</c>: 54 + 1 + 8 = 63.</summary>
    private const int HashedPrefixLength = MaxLength - HashLength - 1;

    /// <summary>Lower case; every character outside <c>[a-z0-9-]</c> becomes '-'; runs of '-' collapse; no '-' at either end.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var mapped = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (mapped != '-' || (builder.Length > 0 && builder[^1] != '-'))
            {
                builder.Append(mapped);
            }
        }
        return builder.ToString().TrimEnd('-');
    }

    /// <summary>The slug of <paramref name="text"/>, shortened with a hash when longer than 63 characters.</summary>
    public static string ToDnsLabel(string text)
    {
        var slug = Slug(text);
        return slug.Length is > 0 and <= MaxLength ? slug : Hashed(slug, slug);
    }

    /// <summary>
    /// <paramref name="slug"/> cut to 54 characters (no trailing '-') followed by '-' and 8 hex digits of the FNV-1a
    /// hash of <paramref name="identity"/>; just the hash when the slug is empty.
    /// </summary>
    public static string Hashed(string slug, string identity)
    {
        var hash = StableHash.Fnv1a(identity).ToString("x8", CultureInfo.InvariantCulture);
        var prefix = slug.Length > HashedPrefixLength ? slug[..HashedPrefixLength].TrimEnd('-') : slug;
        return prefix.Length == 0 ? hash : $"{prefix}-{hash}";
    }

    /// <summary>True for a DNS-1123 label: <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63 characters.</summary>
    public static bool IsDnsLabel(string text) =>
        IsLabelShaped(text, c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'), c => c == '-');

    /// <summary>True for a Kubernetes label value that is not empty: <c>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</c>, at most 63.</summary>
    public static bool IsLabelValue(string text) =>
        IsLabelShaped(text, char.IsAsciiLetterOrDigit, c => c is '-' or '_' or '.');

    private static bool IsLabelShaped(string text, Func<char, bool> isAlphanumeric, Func<char, bool> isInnerPunctuation)
    {
        if (text.Length is 0 or > MaxLength || !isAlphanumeric(text[0]) || !isAlphanumeric(text[^1]))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!isAlphanumeric(c) && !isInnerPunctuation(c))
            {
                return false;
            }
        }
        return true;
    }
}
