using System.Globalization;
using System.Net;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Analysis;

/// <summary>
/// Rules for the external host names of an egress policy (EGP028–EGP031). They follow what istiod accepts for a
/// ServiceEntry host (pkg/config/validation: labels of 1–63 letters, digits and '-', not starting or ending with
/// '-', a top-level label that is not all digits, one optional trailing dot, a wildcard only as the whole first
/// label) with the Kubernetes DNS-1123 subdomain limit of 253 characters.
/// </summary>
public static class HostNames
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    /// <summary>Why <paramref name="host"/> is not a usable DNS name (the wildcard prefix <c>*.</c> allowed), or null when it is.</summary>
    public static LocalizedText? DnsNameProblem(string host)
    {
        if (host.Length == 0)
        {
            return new LocalizedText("the host is empty", "主机名为空");
        }
        if (host == "*")
        {
            return new LocalizedText("'*' alone would match every host; list the external hosts", "单独的“*”会匹配所有主机;请列出外部主机");
        }
        // One trailing dot marks a fully qualified name ("example.com."); istiod accepts it.
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (host.Length > MaxLength)
        {
            return new LocalizedText($"it is {host.Length} characters long (at most {MaxLength})", $"长度为 {host.Length} 个字符(最多 {MaxLength} 个)");
        }
        // Label by label without splitting: this runs for every host on every keystroke.
        var rest = name.AsSpan();
        var wildcardOnly = false;
        for (var index = 0; ; index++)
        {
            var dot = rest.IndexOf('.');
            var written = dot < 0 ? rest : rest[..dot];
            var label = written;
            if (index == 0 && label.StartsWith('*'))
            {
                // istiod's wildcard first label: "*", "*foo" or "*-foo".
                wildcardOnly = label.Length == 1;
                label = label.Length > 1 && label[1] == '-' ? label[2..] : label[1..];
            }
            if (!(wildcardOnly && index == 0 && dot >= 0) && LabelProblem(label) is { } problem)
            {
                return problem;
            }
            if (dot < 0)
            {
                if (!written.ContainsAnyExceptInRange('0', '9'))
                {
                    return new LocalizedText($"the top-level label '{written}' is all digits", $"顶级标签“{written}”全为数字");
                }
                return null;
            }
            rest = rest[(dot + 1)..];
        }
    }

    private static LocalizedText? LabelProblem(ReadOnlySpan<char> label)
    {
        if (label.Length == 0)
        {
            return new LocalizedText("it has an empty label (two dots in a row, or a leading dot)", "包含空标签(连续两个点或以点开头)");
        }
        if (label.Length > MaxLabelLength)
        {
            return new LocalizedText($"the label '{label}' is longer than {MaxLabelLength} characters", $"标签“{label}”超过 {MaxLabelLength} 个字符");
        }
        foreach (var c in label)
        {
            // Upper-case letters are accepted: DNS is case-insensitive and istiod allows them in hosts.
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                var shown = c == '*' ? "'*' (a wildcard is only allowed as the whole first label, '*.example.com')" : $"'{c}'";
                var shownZh = c == '*' ? "“*”(通配符只能作为完整的第一个标签,如“*.example.com”)" : $"“{c}”";
                return new LocalizedText($"it contains the character {shown}; use letters, digits, '-' and '.'",
                    $"包含字符 {shownZh};只能使用字母、数字、“-”和“.”");
            }
        }
        if (label[0] == '-' || label[^1] == '-')
        {
            return new LocalizedText($"the label '{label}' starts or ends with '-'", $"标签“{label}”以“-”开头或结尾");
        }
        return null;
    }

    /// <summary>A host whose first label is a wildcard (<c>*.example.com</c>, or istiod's <c>*foo.example.com</c>).</summary>
    public static bool IsWildcard(string host) => host.StartsWith('*');

    /// <summary>An IPv4 or IPv6 address, or a CIDR range of either, written where a host name belongs.</summary>
    public static bool IsIpAddress(string host)
    {
        var address = host;
        var slash = address.IndexOf('/');
        if (slash > 0 && int.TryParse(address.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            address = address[..slash];
        }
        if (address.Length > 2 && address[0] == '[' && address[^1] == ']')
        {
            address = address[1..^1];
        }
        if (address.Contains(':'))
        {
            return IPAddress.TryParse(address, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }
        // IPAddress.TryParse also takes "1" or "1.2" (classful shorthands); only a dotted quad counts here.
        var parts = address.Split('.');
        return parts.Length == 4 && parts.All(part =>
            part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit) && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>
    /// The host inside something written as a URL or with a port (<c>https://api.example.com:443/v1</c> →
    /// <c>api.example.com</c>), or null when <paramref name="host"/> has no scheme, port, path or user part.
    /// </summary>
    public static string? HostOfUrl(string host)
    {
        var rest = host;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }
        var path = rest.IndexOfAny(['/', '?', '#']);
        if (path >= 0)
        {
            rest = rest[..path];
        }
        var user = rest.LastIndexOf('@');
        if (user >= 0)
        {
            rest = rest[(user + 1)..];
        }
        var port = rest.LastIndexOf(':');
        if (port >= 0 && !rest.StartsWith('[') && rest[(port + 1)..].All(char.IsAsciiDigit))
        {
            rest = rest[..port];
        }
        return rest.Length > 0 && rest != host ? rest : null;
    }

    /// <summary>
    /// A name that resolves inside the cluster: <c>localhost</c>, anything under <c>.svc</c>, <c>.svc.{cluster domain}</c>
    /// or the cluster domain, and <c>{service}.{namespace}</c> for a namespace the workspace knows.
    /// </summary>
    public static bool IsClusterInternal(string host, string clusterDomain, IReadOnlySet<string> knownNamespaces)
    {
        var name = host.EndsWith('.') ? host.AsSpan(0, host.Length - 1) : host.AsSpan();
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || HasSuffixLabels(name, "localhost") ||
            HasSuffixLabels(name, "svc") || HasSuffixLabels(name, "cluster.local") || HasSuffixLabels(name, clusterDomain))
        {
            return true; // "*.svc.{domain}" is covered by the domain suffix
        }
        var dot = name.IndexOf('.');
        return dot > 0 && name[(dot + 1)..].IndexOf('.') < 0 && knownNamespaces.Contains(name[(dot + 1)..].ToString());
    }

    /// <summary>True when <paramref name="name"/> ends with the labels <paramref name="suffix"/> ("a.svc" ends with "svc", "asvc" does not).</summary>
    private static bool HasSuffixLabels(ReadOnlySpan<char> name, string suffix) =>
        suffix.Length > 0 && name.Length > suffix.Length && name[^(suffix.Length + 1)] == '.' &&
        name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
}
