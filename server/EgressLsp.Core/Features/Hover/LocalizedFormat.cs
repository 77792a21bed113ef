using System.Globalization;
using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Core.Features.Hover;

internal static class LocalizedFormat
{
    /// <summary>Fills the template of the client's language (composite format, invariant culture).</summary>
    public static string Format(this LocalizedText template, string? locale, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, template.For(locale), arguments);
}
