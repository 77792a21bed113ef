namespace EgressLsp.Core.Diagnostics;

/// <summary>
/// The diagnostics catalogue (shared/spec/diagnostics.md): every code the core reports, with its default level
/// and messages in English and Simplified Chinese. The CLI, the language server and the tests all use it.
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EGP001 = new("EGP001", DiagnosticLevel.Error, "YAML syntax error",
        "YAML syntax error: {0}",
        "YAML 语法错误:{0}");

    public static readonly DiagnosticDescriptor EGP002 = new("EGP002", DiagnosticLevel.Error, "Unknown field",
        "Unknown field '{0}' in {1}.{2}",
        "{1} 中没有字段“{0}”。{2}");

    public static readonly DiagnosticDescriptor EGP003 = new("EGP003", DiagnosticLevel.Error, "Wrong type or out of range",
        "{0}",
        "{0}");

    public static readonly DiagnosticDescriptor EGP004 = new("EGP004", DiagnosticLevel.Error, "Required field missing",
        "Missing required field '{0}' in {1}.",
        "{1} 缺少必填字段“{0}”。");

    public static readonly DiagnosticDescriptor EGP005 = new("EGP005", DiagnosticLevel.Error, "Value not allowed",
        "'{0}' is not an allowed value for {1}. Allowed: {2}.",
        "“{0}”不是 {1} 允许的取值。允许的取值:{2}。");

    public static readonly DiagnosticDescriptor EGP006 = new("EGP006", DiagnosticLevel.Error, "Duplicate key",
        "Duplicate key '{0}' (first defined on line {1}); Kubernetes rejects or silently overrides it.",
        "重复的键“{0}”(第 {1} 行已定义);Kubernetes 会拒绝或静默覆盖它。");

    public static readonly DiagnosticDescriptor EGP007 = new("EGP007", DiagnosticLevel.Warning, "status written in a source file",
        "'status' is written by the controller; remove it from the source file.",
        "“status”由控制器写入,请从源文件中删除。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP008 = new("EGP008", DiagnosticLevel.Info, "Unknown apiVersion of a known kind",
        "Unknown apiVersion '{0}' for ASMEgressTrafficPolicy; use istio.alibabacloud.com/v1 (or v1beta1).",
        "ASMEgressTrafficPolicy 的 apiVersion“{0}”未知;请使用 istio.alibabacloud.com/v1(或 v1beta1)。");

    public static readonly DiagnosticDescriptor EGP009 = new("EGP009", DiagnosticLevel.Error, "Misspelt kind",
        "Unknown kind '{0}': did you mean '{1}'? Kinds are case-sensitive, so this document is not checked as a policy and Kubernetes rejects it.",
        "未知的 kind“{0}”:是否要使用“{1}”?kind 区分大小写,因此此文档不会作为策略检查,Kubernetes 也会拒绝它。");

    public static readonly DiagnosticDescriptor EGP010 = new("EGP010", DiagnosticLevel.Warning, "Namespace is not istio-egress",
        "By convention egress policies live in namespace 'istio-egress'; this one {0}.",
        "按照约定,出口流量策略应位于命名空间“istio-egress”;此策略{0}。");

    public static readonly DiagnosticDescriptor EGP011 = new("EGP011", DiagnosticLevel.Warning, "Name is not egress-by-{gateway}",
        "By convention this policy is named '{0}' after its egress gateway, not '{1}'.",
        "按照约定,此策略应以其出口网关命名为“{0}”,而不是“{1}”。");

    public static readonly DiagnosticDescriptor EGP012 = new("EGP012", DiagnosticLevel.Warning, "Egress gateway not found in the workspace",
        "No egress gateway named '{0}' was found in the workspace (found: {1}).",
        "工作区中没有名为“{0}”的出口网关(已找到:{1})。");

    public static readonly DiagnosticDescriptor EGP013 = new("EGP013", DiagnosticLevel.Warning, "Gateway port not declared by the gateway",
        "Port {0} is not a port of egress gateway '{1}' (its ports: {2}).",
        "端口 {0} 不是出口网关“{1}”的端口(其端口:{2})。");

    public static readonly DiagnosticDescriptor EGP014 = new("EGP014", DiagnosticLevel.Error, "to.byEgressGateway missing under v1beta1",
        "'byEgressGateway' is required on every 'to' entry in v1beta1; only v1 auto-allocates gateway ports.",
        "v1beta1 中每个“to”条目都必须设置“byEgressGateway”;只有 v1 会自动分配网关端口。");

    public static readonly DiagnosticDescriptor EGP015 = new("EGP015", DiagnosticLevel.Info, "Gateway ports partly set",
        "Some 'to' entries set byEgressGateway.port and this one does not: v1 auto-allocates only when every entry omits it. This entry gets port {0}; set it explicitly.",
        "部分“to”条目设置了 byEgressGateway.port 而此条目没有:只有所有条目都省略时 v1 才会自动分配。此条目将使用端口 {0},请显式设置。");

    public static readonly DiagnosticDescriptor EGP020 = new("EGP020", DiagnosticLevel.Error, "httpsUpgrade on a TLS destination",
        "httpsUpgrade cannot apply to this {0} destination: {1}.",
        "httpsUpgrade 不适用于 {0} 目标:{1}。");

    public static readonly DiagnosticDescriptor EGP021 = new("EGP021", DiagnosticLevel.Info, "httpsUpgrade.port without enabled",
        "httpsUpgrade.port has no effect while 'enabled' is not true.",
        "“enabled”不为 true 时,httpsUpgrade.port 不生效。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP022 = new("EGP022", DiagnosticLevel.Error, "httpsUpgrade enabled without a port",
        "httpsUpgrade.enabled is true but no port is given for the upgraded (HTTPS) connection.",
        "httpsUpgrade.enabled 为 true,但没有为升级后的(HTTPS)连接指定端口。");

    public static readonly DiagnosticDescriptor EGP023 = new("EGP023", DiagnosticLevel.Error, "One gateway port carries two kinds of traffic",
        "Gateway port {0} carries {1} here but {2} elsewhere in this policy; a gateway port carries one kind of traffic.",
        "网关端口 {0} 在此承载{1},但在本策略其他位置承载{2};一个网关端口只能承载一种流量。");

    public static readonly DiagnosticDescriptor EGP024 = new("EGP024", DiagnosticLevel.Error, "Two TLS destinations share a gateway port",
        "Gateway port {0} is already used by the TLS destination {1}; after mutual TLS the gateway cannot tell two TLS destinations apart. Give each its own port.",
        "网关端口 {0} 已被 TLS 目标 {1} 使用;经过双向 TLS 后网关无法区分两个 TLS 目标。请为每个目标分配单独的端口。");

    public static readonly DiagnosticDescriptor EGP025 = new("EGP025", DiagnosticLevel.Error, "Conflicting settings for one host and port",
        "Host '{0}' port {1} is already routed with different settings ({2}); the routes conflict.",
        "主机“{0}”端口 {1} 已以不同的设置路由({2});路由冲突。");

    public static readonly DiagnosticDescriptor EGP026 = new("EGP026", DiagnosticLevel.Warning, "Host listed twice in one to",
        "Host '{0}' is listed twice in this 'to' entry.",
        "主机“{0}”在此“to”条目中重复出现。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP027 = new("EGP027", DiagnosticLevel.Info, "Several hosts in one to",
        "Hosts {0} share one entry: they must resolve (DNS) to the same addresses.",
        "主机{0}共用一个条目:它们的 DNS 解析结果必须一致。");

    public static readonly DiagnosticDescriptor EGP028 = new("EGP028", DiagnosticLevel.Error, "Invalid host name",
        "'{0}' is not a valid DNS host name: {1}.",
        "“{0}”不是有效的 DNS 主机名:{1}。");

    public static readonly DiagnosticDescriptor EGP029 = new("EGP029", DiagnosticLevel.Error, "Wildcard host",
        "Wildcard host '{0}' cannot use DNS resolution through the egress gateway; list the concrete host names.",
        "通配符主机“{0}”无法通过出口网关进行 DNS 解析;请列出具体的主机名。");

    public static readonly DiagnosticDescriptor EGP030 = new("EGP030", DiagnosticLevel.Warning, "Host is an IP address",
        "'{0}' is an IP address: DNS resolution will not work for it; declare IP destinations with a hand-written ServiceEntry (addresses / STATIC endpoints).",
        "“{0}”是 IP 地址:DNS 解析对其无效;请使用手写的 ServiceEntry(addresses / STATIC endpoints)声明 IP 目标。");

    public static readonly DiagnosticDescriptor EGP031 = new("EGP031", DiagnosticLevel.Warning, "Cluster-internal host",
        "'{0}' is a cluster-internal host; egress policies are for services outside the mesh.",
        "“{0}”是集群内部主机;出口流量策略用于网格外部的服务。");

    public static readonly DiagnosticDescriptor EGP032 = new("EGP032", DiagnosticLevel.Warning, "Protocol the target cannot carry",
        "{0}",
        "{0}");

    public static readonly DiagnosticDescriptor EGP033 = new("EGP033", DiagnosticLevel.Info, "Port name does not follow <protocol>[-suffix]",
        "Port name '{0}' does not follow the '<protocol>[-suffix]' convention (for example '{1}').",
        "端口名称“{0}”不符合“<协议>[-后缀]”约定(例如“{1}”)。");

    public static readonly DiagnosticDescriptor EGP040 = new("EGP040", DiagnosticLevel.Info, "Namespace not found in the workspace",
        "Namespace '{0}' is not declared in the workspace.",
        "工作区中未声明命名空间“{0}”。");

    public static readonly DiagnosticDescriptor EGP041 = new("EGP041", DiagnosticLevel.Warning, "workloadSelector selects no workload",
        "workloadSelector {0} selects no workload in namespace '{1}' (workloads there: {2}).",
        "workloadSelector {0} 在命名空间“{1}”中没有选中任何工作负载(该命名空间中的工作负载:{2})。");

    public static readonly DiagnosticDescriptor EGP042 = new("EGP042", DiagnosticLevel.Warning, "Source narrowing the target cannot enforce",
        "{0}",
        "{0}");

    public static readonly DiagnosticDescriptor EGP043 = new("EGP043", DiagnosticLevel.Warning, "Duplicate from entry",
        "This 'from' entry repeats namespace '{0}' with the same selector.",
        "此“from”条目与已有条目重复(命名空间“{0}”,选择器相同)。", DiagnosticTags.Unnecessary);

    public static readonly DiagnosticDescriptor EGP050 = new("EGP050", DiagnosticLevel.Error, "Not expressible in the chosen target",
        "{0}",
        "{0}");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        EGP001, EGP002, EGP003, EGP004, EGP005, EGP006, EGP007, EGP008, EGP009, EGP010, EGP011, EGP012, EGP013, EGP014, EGP015, EGP020, EGP021, EGP022, EGP023, EGP024, EGP025, EGP026, EGP027, EGP028, EGP029, EGP030, EGP031, EGP032, EGP033, EGP040, EGP041, EGP042, EGP043, EGP050
    ];

    public static DiagnosticDescriptor? Find(string code)
    {
        foreach (var descriptor in All)
        {
            if (string.Equals(descriptor.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return descriptor;
            }
        }
        return null;
    }
}
