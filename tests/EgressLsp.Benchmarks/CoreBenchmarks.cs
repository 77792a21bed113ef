using BenchmarkDotNet.Attributes;
using EgressLsp.Core.Analysis;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;

namespace EgressLsp.Benchmarks;

/// <summary>
/// What one keystroke costs the core on a ~5,000-line policy with 300 rules: a new snapshot is parsed,
/// validated and analysed from scratch (the language server's edit → diagnostics path), and expanded (the preview).
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private SourceText _text = null!;
    private SourceText _withFindings = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = SourceText.From(LargePolicy.Generate(rules: 300));
        _withFindings = SourceText.From(LargePolicy.WithManyFindings(entries: 440));
        Console.WriteLine($"// policies: {_text.LineCount} and {_withFindings.LineCount} lines");
    }

    [Benchmark]
    public int Parse() => YamlFile.Parse(_text).Documents.Length;

    /// <summary>
    /// The floor under <see cref="Parse"/> and every edit: YamlDotNet's scanner and parser reading the events of
    /// the file, with no tree built.
    /// </summary>
    [Benchmark]
    public int YamlDotNetEventsOnly()
    {
        var parser = new YamlDotNet.Core.Parser(new YamlDotNet.Core.Scanner(new StringReader(_text.Text), skipComments: true));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }
        return events;
    }

    [Benchmark]
    public int Diagnostics() => new DocumentAnalysis("policy.yaml", _text, AnalysisContext.Default).Diagnostics.Length;

    /// <summary>Over a thousand findings, most with quick fixes.</summary>
    [Benchmark]
    public int DiagnosticsWithManyFindings() => new DocumentAnalysis("policy.yaml", _withFindings, AnalysisContext.Default).Diagnostics.Length;

    [Benchmark]
    public int Expand() => new DocumentAnalysis("policy.yaml", _text, AnalysisContext.Default).Expand().Resources.Length;
}
