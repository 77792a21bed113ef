namespace EgressLsp.Core.Mesh;

/// <summary>
/// Istio's host-name semantics, as its analyzers apply them: short names are made fully qualified in a namespace
/// (<c>util.ConvertHostToFQDN</c>, pkg/config/analysis/analyzers/util/hosts.go), and wildcard names match by suffix
/// (<c>host.Name.Matches</c> / <c>SubsetOf</c>, pkg/config/host/name.go).
/// </summary>
public static class MeshHost
{
    /// <summary>
    /// <c>reviews</c> in <c>default</c> is <c>reviews.default.svc.{clusterDomain}</c>; names with a dot or a wildcard
    /// stay. Istio's analyzers assume <c>cluster.local</c>; the project's configured domain is used instead.
    /// </summary>
    public static string ToFqdn(string host, string ns, string clusterDomain) =>
        host.StartsWith('*') || host.Contains('.') ? host : $"{host}.{ns}.svc.{clusterDomain}";

    /// <summary>The Service a cluster-local FQDN names (<c>name.ns.svc.{clusterDomain}</c>), else null.</summary>
    public static (string Namespace, string Name)? ServiceOf(string fqdn, string clusterDomain)
    {
        var suffix = ".svc." + clusterDomain;
        if (!fqdn.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = fqdn[..^suffix.Length].Split('.');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[1], parts[0]) : null;
    }

    public static bool IsWildcard(string host) => host.StartsWith('*');

    /// <summary>Whether two host names overlap: equal, or one wildcard covers the other (either way).</summary>
    public static bool Matches(string a, string b)
    {
        var aWild = IsWildcard(a);
        var bWild = IsWildcard(b);
        if (aWild && bWild)
        {
            return a.Length < b.Length ? b[1..].EndsWith(a[1..], StringComparison.Ordinal) : a[1..].EndsWith(b[1..], StringComparison.Ordinal);
        }
        if (aWild)
        {
            return b.EndsWith(a[1..], StringComparison.Ordinal);
        }
        return bWild ? a.EndsWith(b[1..], StringComparison.Ordinal) : a == b;
    }

    /// <summary>Whether every name <paramref name="host"/> stands for is also one of <paramref name="of"/>.</summary>
    public static bool SubsetOf(string host, string of)
    {
        if (IsWildcard(host))
        {
            return IsWildcard(of) && host.Length >= of.Length && host[1..].EndsWith(of[1..], StringComparison.Ordinal);
        }
        return IsWildcard(of) ? host.EndsWith(of[1..], StringComparison.Ordinal) : host == of;
    }

    /// <summary>
    /// A Gateway server host (<c>ns/host</c>, <c>./host</c>, <c>*/host</c> or <c>host</c>) as seen from a VirtualService
    /// in <paramref name="virtualServiceNamespace"/>: the host without its namespace, or null when the namespace
    /// part excludes that VirtualService (<c>host.NamesForNamespace</c>, pkg/config/host/names.go).
    /// </summary>
    public static string? GatewayHostFor(string written, string gatewayNamespace, string virtualServiceNamespace)
    {
        var slash = written.IndexOf('/');
        if (slash < 0)
        {
            return written;
        }
        var ns = written[..slash];
        if (ns == ".")
        {
            ns = gatewayNamespace;
        }
        return ns == "*" || ns == virtualServiceNamespace ? written[(slash + 1)..] : null;
    }

    /// <summary>Whether a resource exported as <paramref name="exportTo"/> from <paramref name="ns"/> is visible in <paramref name="client"/>.</summary>
    public static bool IsExportedTo(IReadOnlyList<string> exportTo, string ns, string client)
    {
        if (exportTo.Count == 0)
        {
            return true;
        }
        foreach (var entry in exportTo)
        {
            if (entry == "*" || entry == client || entry == "." && ns == client)
            {
                return true;
            }
        }
        return false;
    }
}
