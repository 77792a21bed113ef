using System.Reflection;

namespace EgressLsp.Core;

/// <summary>
/// The product's version, one for egressctl, the language server and the extension (<c>server/Directory.Build.props</c>),
/// and the commit it was built from, read from the build's informational version (<c>0.1.0+&lt;commit&gt;</c>).
/// </summary>
public static class ProductVersion
{
    private static readonly string Informational =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary><c>0.1.0</c>.</summary>
    public static string Number => Informational.Split('+')[0];

    /// <summary>The commit's first seven hex digits, or null for a build outside a repository.</summary>
    public static string? ShortCommit => Informational.Split('+') is [_, var commit, ..] ? commit[..Math.Min(7, commit.Length)] : null;
}
