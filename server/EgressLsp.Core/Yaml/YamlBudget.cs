namespace EgressLsp.Core.Yaml;

/// <summary>
/// What one YAML file may cost to read (issue #7): hostile files must not make the server or the CLI swell or stall.
/// Each limit exceeded is reported as EGP060 where it starts, and the excess is left out of the tree, so everything
/// after parsing works on a bounded tree. The input's size in bytes is bounded by whoever reads it
/// (<see cref="Workspace.InputReader"/>; the language server for open documents).
/// </summary>
public static class YamlBudget
{
    /// <summary>Deeper nesting is not represented, so tree walkers can recurse safely.</summary>
    public const int MaxDepth = 200;

    /// <summary>Documents (<c>---</c>) in one file; the rest of the file is not read.</summary>
    public const int MaxDocuments = 10_000;

    /// <summary>Keys of one mapping; further keys are not represented.</summary>
    public const int MaxKeysPerMapping = 10_000;

    /// <summary>
    /// Aliases may stand for at most this many nodes per document, or for as many nodes as the document writes out
    /// itself when that is more: an alias costs what it stands for (every consumer follows it), so this keeps the
    /// work linear in the text — a file of aliases to aliases ("billion laughs") cannot multiply it.
    /// </summary>
    public const int MinAliasAllowance = 10_000;
}
