using System.Text.Json;
using EgressLsp.Core.Text;
using EgressLsp.Core.Yaml;
using EgressLsp.Tests.Cli;

namespace EgressLsp.Tests.Istio;

/// <summary>
/// Istio's own analyzer test cases and the istio.io egress tasks (../shared/peer-tests/istio-analyze), judged as its
/// README's section 3 says: <c>egressctl validate --format sarif</c> on each case file; an expected
/// <c>CODE Kind namespace/name</c> line is found by an unused result of that code starting inside that object's
/// lines; a clean file may have no error, and no IST/EGI warning its <c>.allow</c> file does not list.
/// Deliberate differences from istioctl (a missing gateway workload, Service, ServiceEntry, DestinationRule or Secret
/// is only judged when the workspace holds that kind of object) change no expectation here: every case carries the
/// objects it is about.
/// </summary>
public class PeerCaseTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Shared, "peer-tests", "istio-analyze");

    public static TheoryData<string> Cases => [.. Names(Folder, "*.expect")];

    public static TheoryData<string> CleanFiles => [.. Names(Path.Combine(Folder, "clean"), "*.yaml")];

    private static IEnumerable<string> Names(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern).Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_finding_Istio_expects_is_reported_on_the_right_resource(string name)
    {
        var file = Path.Combine(Folder, name + ".yaml");
        var results = Validate(Folder, name + ".yaml");
        var objects = ObjectsOf(file);
        var unused = results.ToList();
        var missing = new List<string>();
        foreach (var expected in ExpectationLines(Path.Combine(Folder, name + ".expect")).Where(e => !e.EitherWay))
        {
            var match = unused.FirstOrDefault(r => r.RuleId == expected.Code && objects.Any(o => o.Identity == expected.Object && o.Contains(r.Line)));
            if (match is null)
            {
                missing.Add($"{expected.Code} {expected.Object}");
                continue;
            }
            unused.Remove(match);
        }
        Assert.True(missing.Count == 0, $"not found: {string.Join("; ", missing)}\nreported:\n{string.Join("\n", results)}");
    }

    [Theory]
    [MemberData(nameof(CleanFiles))]
    public void The_istio_io_egress_tasks_give_no_false_finding(string name)
    {
        var file = Path.Combine(Folder, "clean", name + ".yaml");
        var allowed = AllowedIn(file);
        var falseFindings = Validate(Path.GetDirectoryName(file)!, Path.GetFileName(file)).Where(result => !IsAllowed(result, file, allowed)).ToList();
        Assert.True(falseFindings.Count == 0, string.Join("\n", falseFindings));
    }

    /// <summary>The findings a clean file's <c>.allow</c> lists (none without one).</summary>
    private static List<Expectation> AllowedIn(string file)
    {
        var allowFile = Path.ChangeExtension(file, ".allow");
        return File.Exists(allowFile) ? [.. ExpectationLines(allowFile)] : [];
    }

    /// <summary>
    /// Whether a result on a clean file is no false finding: not an error, nor an IST/EGI warning, or one an unused
    /// <c>.allow</c> line accepts (that line is then used).
    /// </summary>
    private static bool IsAllowed(Result result, string file, List<Expectation> allowed)
    {
        var counts = result.Level == "error" || result.Level == "warning" && (result.RuleId.StartsWith("IST", StringComparison.Ordinal) || result.RuleId.StartsWith("EGI", StringComparison.Ordinal));
        if (!counts)
        {
            return true;
        }
        var objects = ObjectsOf(file);
        var allowance = allowed.FirstOrDefault(a => a.Code == result.RuleId && objects.Any(o => o.Identity == a.Object && o.Contains(result.Line)));
        return allowance is not null && allowed.Remove(allowance);
    }

    [Fact]
    public void The_istio_io_egress_tasks_in_one_workspace_give_no_false_finding_either()
    {
        // All seven tasks validated together, as a repository holding them would be: one task's resources must not
        // make another's look wrong (a wildcard ServiceEntry beside an exact one, one Gateway name in two tasks).
        var folder = Path.Combine(Folder, "clean");
        var allowed = Names(folder, "*.yaml").ToDictionary(name => name, name => AllowedIn(Path.Combine(folder, name + ".yaml")));
        var falseFindings = Validate(folder, ".")
            .Where(result => !IsAllowed(result, Path.Combine(folder, Path.GetFileName(result.File)), allowed[Path.GetFileNameWithoutExtension(result.File)]))
            .Select(result => $"{result.File}:{result}");
        Assert.True(!falseFindings.Any(), string.Join("\n", falseFindings));
    }

    [Fact]
    public void Every_case_and_clean_file_is_there()
    {
        // The README's totals: 30 cases, 69 counted expectations, 7 clean files.
        var cases = Names(Folder, "*.expect").ToArray();
        Assert.Equal(30, cases.Length);
        Assert.Equal(69, cases.Sum(c => ExpectationLines(Path.Combine(Folder, c + ".expect")).Count(e => !e.EitherWay)));
        Assert.Equal(7, Names(Path.Combine(Folder, "clean"), "*.yaml").Count());
    }

    private sealed record Result(string File, string RuleId, string Level, int Line, string Message)
    {
        public override string ToString() => $"{Line}: {Level} {RuleId} {Message}";
    }

    private sealed record Expectation(string Code, string Object, bool EitherWay);

    private sealed record ObjectLines(string Identity, int FirstLine, int LastLine)
    {
        public bool Contains(int line) => line >= FirstLine && line <= LastLine;
    }

    /// <summary>The SARIF results of <c>egressctl validate --format sarif</c> on a file or folder, run in-process from <paramref name="folder"/>.</summary>
    private static List<Result> Validate(string folder, string input)
    {
        var run = CliRunner.Run(folder, "validate", "--format", "sarif", input);
        using var sarif = JsonDocument.Parse(run.Stdout);
        var results = new List<Result>();
        foreach (var result in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var level = result.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            results.Add(new Result(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!, result.GetProperty("ruleId").GetString()!, level,
                location.GetProperty("region").GetProperty("startLine").GetInt32(), result.GetProperty("message").GetProperty("text").GetString()!));
        }
        return results;
    }

    private static IEnumerable<Expectation> ExpectationLines(string file) =>
        File.ReadLines(file)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                var eitherWay = line.StartsWith("? ", StringComparison.Ordinal);
                var parts = (eitherWay ? line[2..] : line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return new Expectation(parts[0], $"{parts[1]} {parts[2]}", eitherWay);
            });

    /// <summary>Each object of the file (a document, or an item of a <c>List</c>) with the lines it spans (1-based).</summary>
    private static List<ObjectLines> ObjectsOf(string file)
    {
        var yaml = YamlFile.Parse(SourceText.From(File.ReadAllText(file)));
        var objects = new List<ObjectLines>();
        foreach (var document in yaml.Documents)
        {
            if (document.Root?.Resolved is not YamlMapping root)
            {
                continue;
            }
            var items = root.GetString("kind") == "List"
                ? (root.GetSequence("items")?.Items ?? []).Select(i => i.Resolved).OfType<YamlMapping>()
                : [root];
            foreach (var item in items)
            {
                var metadata = item.GetMapping("metadata");
                var identity = $"{item.GetString("kind")} {metadata?.GetString("namespace") ?? "default"}/{metadata?.GetString("name")}";
                var span = item == root ? document.Span : item.Span;
                objects.Add(new ObjectLines(identity, yaml.Text.GetLineIndex(span.Start) + 1, yaml.Text.GetLineIndex(Math.Max(span.Start, span.End - 1)) + 1));
            }
        }
        return objects;
    }
}
