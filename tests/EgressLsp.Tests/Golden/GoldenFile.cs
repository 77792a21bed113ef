namespace EgressLsp.Tests.Golden;

/// <summary>
/// Compares output with an expected file; with EGRESSLSP_UPDATE_GOLDEN=1 it rewrites the file instead,
/// so a change in behaviour is reviewed as a diff of the golden files.
/// </summary>
public static class GoldenFile
{
    public static bool Updating => Environment.GetEnvironmentVariable("EGRESSLSP_UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string expectedPath, string actual)
    {
        if (Updating)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath),
            $"{Path.GetRelativePath(RepoPaths.Root, expectedPath)} is missing; run EGRESSLSP_UPDATE_GOLDEN=1 dotnet test and review it");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
