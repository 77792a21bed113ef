using EgressLsp.Core.Yaml;

namespace EgressLsp.Core.Kinds;

/// <summary>
/// A <c>v1</c> <c>List</c>: its items are objects of their own kinds. They are indexed like documents
/// (<see cref="Workspace.Manifest.ReadAll"/>) and the mesh rules check them; schema, completion and hover stay with
/// documents of their own.
/// </summary>
public sealed class ListKind : DocumentKind
{
    public override string Name => "List";

    public override bool Recognises(DocumentIdentity identity) => identity is { ApiVersion: "v1", Kind: "List" };

    public static bool IsList(YamlMapping root) => root.GetString("apiVersion") == "v1" && root.GetString("kind") == "List";

    public override bool IsCheckedByRules => true;

    public override bool ReadsMesh => true;
}
