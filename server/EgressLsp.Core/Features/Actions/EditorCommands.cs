namespace EgressLsp.Core.Features.Actions;

/// <summary>
/// The commands the core's actions and lenses invoke. The language server executes them
/// (<c>workspace/executeCommand</c>); the VS Code client registers the same names to show the preview and copy.
/// Every one takes the document it applies to as its argument.
/// </summary>
public static class EditorCommands
{
    /// <summary>Returns the document's expansion as multi-document YAML: for editors other than VS Code.</summary>
    public const string Expand = "egressLsp.expand";

    /// <summary>Opens the preview of the document's expansion beside the editor.</summary>
    public const string ShowPreview = "egressLsp.showPreview";

    /// <summary>Copies the document's expansion, as YAML, to the clipboard.</summary>
    public const string CopyExpansion = "egressLsp.copyExpansion";

    /// <summary>Returns the policy proposed for the document's Istio resources: for editors other than VS Code.</summary>
    public const string Convert = "egressLsp.convert";

    /// <summary>Opens the policy proposed for the document's Istio resources, with its findings, beside the editor.</summary>
    public const string ShowConversion = "egressLsp.showConversion";

    /// <summary>
    /// Explains who reaches a destination (the code lens's "Explain"): arguments the document and <c>host:port</c>;
    /// returns every source's answer, hop by hop.
    /// </summary>
    public const string ExplainReachability = "egressLsp.explainReachability";

    /// <summary>Answers one question: argument <c>{ "uri", "from", "to", "protocol"? }</c>; returns the answer, hop by hop.</summary>
    public const string Reach = "egressLsp.reach";

    /// <summary>
    /// Stands for the document the action or lens belongs to: the core knows the document's path, not how the
    /// editor names it, so the language server replaces this argument with its own reference to the document.
    /// </summary>
    public const string DocumentArgument = "${document}";
}
