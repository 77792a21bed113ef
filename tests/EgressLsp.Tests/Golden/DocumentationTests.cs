using EgressLsp.Core.Diagnostics;

namespace EgressLsp.Tests.Golden;

public class DocumentationTests
{
    [Fact]
    public void Every_diagnostic_link_lands_on_a_row_of_the_readme_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var anchor = descriptor.DocumentationUrl[(descriptor.DocumentationUrl.IndexOf('#') + 1)..];
            Assert.Contains($"<a id=\"{anchor}\"></a>`{descriptor.Code}` | {descriptor.DefaultLevel.ToString().ToLowerInvariant()} |", readme);
        }
    }
}
