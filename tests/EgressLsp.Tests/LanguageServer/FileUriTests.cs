using System.Text.Json.Nodes;
using EgressLsp.LanguageServer.Server;

namespace EgressLsp.Tests.LanguageServer;

/// <summary>
/// Windows and macOS file URIs as VS Code and other clients send them: an encoded drive colon, either drive-letter
/// case, spaces and non-ASCII names. One file is one path (one workspace entry); replies keep the client's URI.
/// </summary>
public class FileUriTests
{
    [Theory]
    [InlineData("file:///c%3A/Users/me/egress/policy.yaml")]
    [InlineData("file:///C%3A/Users/me/egress/policy.yaml")]
    [InlineData("file:///C:/Users/me/egress/policy.yaml")]
    [InlineData("file:///c:/Users/me/egress/policy.yaml")]
    [InlineData("file:///c:\\Users\\me\\egress\\policy.yaml")]
    public void A_Windows_drive_URI_is_one_path_whatever_the_drive_letter_case_and_encoding(string uri)
    {
        var expected = OperatingSystem.IsWindows() ? @"c:\Users\me\egress\policy.yaml" : "c:/Users/me/egress/policy.yaml";
        Assert.Equal(expected, LspConvert.ToPath(uri));
        Assert.Equal("file:///c%3A/Users/me/egress/policy.yaml", LspConvert.ToUri(LspConvert.ToPath(uri)));
    }

    [Fact]
    public void A_macOS_path_with_spaces_and_non_ASCII_names_round_trips()
    {
        const string uri = "file:///Users/me/My%20Policies/p%C3%B6licy.yaml";
        var path = LspConvert.ToPath(uri);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("/Users/me/My Policies/pölicy.yaml", path);
        }
        Assert.Equal(uri, LspConvert.ToUri(path));
        Assert.Equal("untitled:Untitled-1", LspConvert.ToPath("untitled:Untitled-1"));
    }

    [Fact]
    public async Task Diagnostics_and_related_places_answer_with_the_URI_the_client_sent()
    {
        // Two policies with one identity in two Windows files (EGP044 names the other file), opened with the
        // encoded drive colon VS Code writes on Windows.
        const string first = "file:///c%3A/Users/me/egress/a.yaml";
        const string second = "file:///C%3A/Users/me/egress/b.yaml";
        var policy = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "http.yaml"));
        var (client, _) = await LspClient.StartInitializedAsync(locale: "en-US");
        await using var _client = client;
        await client.OpenAsync(first, policy);
        await client.OpenAsync(second, policy);
        var published = await client.WaitForNotificationAsync("textDocument/publishDiagnostics",
            p => p["uri"]!.GetValue<string>() == first && p["diagnostics"]!.AsArray().Any(d => d!["code"]!.GetValue<string>() == "EGP044"));
        var duplicate = published["diagnostics"]!.AsArray().First(d => d!["code"]!.GetValue<string>() == "EGP044")!;
        var related = duplicate["relatedInformation"]!.AsArray().Select(r => r!["location"]!["uri"]!.GetValue<string>()).ToArray();
        // The other file, by a URI that names it (the drive letter as one case), and never this file under another name.
        var other = Assert.Single(related);
        Assert.Equal(LspConvert.ToPath(second), LspConvert.ToPath(other));
        Assert.NotEqual(LspConvert.ToPath(first), LspConvert.ToPath(other));
    }
}
