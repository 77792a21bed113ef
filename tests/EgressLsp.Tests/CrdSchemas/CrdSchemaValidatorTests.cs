namespace EgressLsp.Tests.CrdSchemas;

public class CrdSchemaValidatorTests
{
    private const string ServiceEntry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: httpbin
          namespace: istio-egress
        spec:
          hosts:
          - httpbin.org
          ports:
          - number: 80
            name: http
            protocol: HTTP
          location: MESH_EXTERNAL
          resolution: DNS
        """;

    private static string Example(string name) => File.ReadAllText(Path.Combine(RepoPaths.Shared, "examples", name));

    private static void AssertValid(string yaml)
    {
        var errors = CrdSchemaValidator.Validate(yaml);
        Assert.True(errors.Count == 0, "expected no errors, got:\n" + CrdSchemaValidator.Join(errors));
    }

    /// <summary>Asserts there is exactly one error and that it contains every fragment.</summary>
    private static string AssertOneError(string yaml, params string[] fragments)
    {
        var errors = CrdSchemaValidator.Validate(yaml);
        Assert.True(errors.Count == 1, $"expected exactly one error, got {errors.Count}:\n" + CrdSchemaValidator.Join(errors));
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, errors[0], StringComparison.Ordinal);
        }

        return errors[0];
    }

    // ----- valid manifests

    [Fact]
    public void Istio_task_tls_origination_example_is_valid() => AssertValid(Example("istio-sidecar-tls-origination-cnn.yaml"));

    [Fact]
    public void Ambient_example_is_valid()
    {
        AssertValid(Example("ambient-httpbin.yaml"));

        // The AuthorizationPolicy with targetRefs was actually checked (v1 knows targetRefs).
        var tampered = Example("ambient-httpbin.yaml").Replace("  targetRefs:", "  targetRefz:", StringComparison.Ordinal);
        Assert.Contains(CrdSchemaValidator.Validate(tampered), e => e.Contains("AuthorizationPolicy istio-egress/httpbin", StringComparison.Ordinal) && e.Contains("targetRefz", StringComparison.Ordinal));
    }

    [Fact]
    public void Osm_edge_example_is_valid() => AssertValid(Example("osm-egress.yaml"));

    [Fact]
    public void Osm_edge_egress_errors_are_reported_against_its_CRD()
    {
        var egress = Example("osm-egress.yaml").Split("---")[0];
        AssertOneError(egress.Replace("kind: ServiceAccount", "kind: Deployment", StringComparison.Ordinal), "#/spec/sources[0]/kind", "NotInEnumeration", "ServiceAccount");
        AssertOneError(egress.Replace("number: 80", "number: 70000", StringComparison.Ordinal), "#/spec/ports[0]/number", "70000");
        AssertOneError(egress.Replace("  hosts:", "  hostz:", StringComparison.Ordinal), "unknown field 'hostz'");
    }

    [Fact]
    public void Gateway_api_waypoint_errors_are_reported_against_its_CRD()
    {
        const string waypoint = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: waypoint
              namespace: istio-egress
            spec:
              gatewayClassName: istio-waypoint
              listeners:
              - name: mesh
                port: 15008
                protocol: HBONE
            """;
        AssertValid(waypoint);
        var misspelt = CrdSchemaValidator.Validate(waypoint.Replace("gatewayClassName", "className", StringComparison.Ordinal));
        Assert.Contains(misspelt, e => e.Contains("unknown field 'className'", StringComparison.Ordinal));
        Assert.Contains(misspelt, e => e.Contains("required field 'gatewayClassName' is missing", StringComparison.Ordinal));
        AssertOneError(waypoint.Replace("port: 15008", "port: 0", StringComparison.Ordinal), "#/spec/listeners[0]/port");
    }

    [Fact]
    public void Minimal_service_entry_is_valid() => AssertValid(ServiceEntry);

    [Fact]
    public void Tls_route_with_sni_hosts_is_valid() => AssertValid("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: direct-edition-cnn-through-egress-gateway
        spec:
          hosts:
          - edition.cnn.com
          gateways:
          - mesh
          - istio-system/istio-egressgateway
          tls:
          - match:
            - gateways:
              - mesh
              port: 443
              sniHosts:
              - edition.cnn.com
            route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
                subset: cnn
                port:
                  number: 443
          tcp:
          - match:
            - gateways:
              - istio-system/istio-egressgateway
              port: 443
            route:
            - destination:
                host: edition.cnn.com
                port:
                  number: 443
              weight: 100
        """);

    [Fact]
    public void Http_route_with_direct_response_and_source_namespace_is_valid() => AssertValid("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: deny-others
          namespace: app
        spec:
          hosts: [httpbin.org]
          gateways: [mesh]
          http:
          - name: selected
            match:
            - port: 80
              sourceNamespace: app
              sourceLabels:
                app: curl
            route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
          - name: refused
            directResponse:
              status: 403
              body:
                string: egress not allowed
        """);

    [Fact]
    public void Nullable_field_accepts_null_and_its_type() => AssertValid("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: a
        spec:
          host: a.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
              insecureSkipVerify: null
            portLevelSettings:
            - port:
                number: 443
              tls:
                mode: SIMPLE
                insecureSkipVerify: false
        """);

    [Fact]
    public void One_alternative_of_a_oneOf_is_valid() => AssertValid("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: a
        spec:
          host: a.example.com
          trafficPolicy:
            loadBalancer:
              consistentHash:
                httpHeaderName: x-user
                ringHash:
                  minimumRingSize: 1024
        """);

    [Fact]
    public void No_alternative_of_an_at_most_one_oneOf_is_valid() => AssertValid("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: a
        spec:
          host: a.example.com
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                enabled: true
        """);

    [Fact]
    public void Empty_documents_are_skipped() => AssertValid("---\n" + ServiceEntry + "\n---\n# only a comment\n---\n");

    // ----- invalid manifests: each must be reported

    [Fact]
    public void Unknown_field_is_reported()
    {
        var error = AssertOneError(ServiceEntry + "\n  hosts2: [x]\n", "NoAdditionalPropertiesAllowed", "hosts2");
        Assert.StartsWith("document 1 (ServiceEntry istio-egress/httpbin): #/spec/hosts2: ", error, StringComparison.Ordinal);
        Assert.EndsWith("(line 15)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_deep_inside_a_list_is_reported_with_its_path()
    {
        var yaml = Example("istio-sidecar-tls-origination-cnn.yaml").Replace(
            "        subset: cnn\n", "        subset: cnn\n        weight: 5\n", StringComparison.Ordinal);
        AssertOneError(yaml, "document 4 (VirtualService direct-cnn-through-egress-gateway): #/spec/http[0]/route[0]/destination/weight: NoAdditionalPropertiesAllowed");
    }

    [Fact]
    public void Wrong_enum_is_reported() =>
        AssertOneError(ServiceEntry.Replace("resolution: DNS", "resolution: MAYBE", StringComparison.Ordinal),
            "#/spec/resolution: NotInEnumeration", "MAYBE", "DNS_ROUND_ROBIN");

    [Fact]
    public void Missing_required_field_is_reported()
    {
        AssertOneError(ServiceEntry.Replace("  hosts:\n  - httpbin.org\n", "", StringComparison.Ordinal),
            "#/spec/hosts: PropertyRequired");
        AssertOneError(ServiceEntry.Replace("    name: http\n", "", StringComparison.Ordinal),
            "#/spec/ports[0]/name: PropertyRequired");
        AssertOneError(ServiceEntry.Replace("  name: httpbin\n", "", StringComparison.Ordinal),
            "#/metadata/name: PropertyRequired");
    }

    [Fact]
    public void Missing_spec_of_service_entry_is_reported() =>
        AssertOneError(ServiceEntry[..ServiceEntry.IndexOf("spec:", StringComparison.Ordinal)], "#/spec: PropertyRequired");

    [Fact]
    public void Tls_route_without_sni_hosts_is_reported() => AssertOneError("""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: v
        spec:
          hosts: [edition.cnn.com]
          tls:
          - match:
            - port: 443
            route:
            - destination:
                host: edition.cnn.com
        """, "#/spec/tls[0]/match[0]/sniHosts: PropertyRequired");

    [Fact]
    public void String_port_number_is_reported() =>
        AssertOneError(ServiceEntry.Replace("number: 80", "number: \"80\"", StringComparison.Ordinal),
            "#/spec/ports[0]/number: IntegerExpected", "string \"80\"");

    [Fact]
    public void Quoted_boolean_is_a_string_and_is_reported() => AssertOneError("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: a
        spec:
          host: a.example.com
          trafficPolicy:
            tls:
              insecureSkipVerify: "true"
        """, "#/spec/trafficPolicy/tls/insecureSkipVerify", "string \"true\"");

    [Fact]
    public void Nullable_field_of_the_wrong_type_is_reported() => AssertOneError("""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: a
        spec:
          host: a.example.com
          trafficPolicy:
            loadBalancer:
              localityLbSetting:
                enabled: 3
        """, "#/spec/trafficPolicy/loadBalancer/localityLbSetting/enabled: NoTypeValidates: integer 3 is not boolean or null");

    [Fact]
    public void Status_block_is_reported() =>
        AssertOneError(ServiceEntry + "\nstatus:\n  observedGeneration: 1\n", "#/status: NoAdditionalPropertiesAllowed");

    [Fact]
    public void Server_populated_metadata_is_reported() =>
        AssertOneError(ServiceEntry.Replace("  namespace: istio-egress\n", "  namespace: istio-egress\n  uid: 1234\n", StringComparison.Ordinal),
            "#/metadata/uid: NoAdditionalPropertiesAllowed");

    [Fact]
    public void Bad_names_are_reported()
    {
        AssertOneError(ServiceEntry.Replace("name: httpbin", "name: HttpBin", StringComparison.Ordinal), "#/metadata/name: PatternMismatch");
        AssertOneError(ServiceEntry.Replace("namespace: istio-egress", "namespace: istio.egress", StringComparison.Ordinal), "#/metadata/namespace: PatternMismatch");
        AssertOneError(ServiceEntry.Replace("name: httpbin", "name: " + new string('a', 254), StringComparison.Ordinal), "#/metadata/name: StringTooLong");
    }

    [Fact]
    public void Non_string_label_value_is_reported() =>
        AssertOneError(ServiceEntry.Replace("  namespace: istio-egress\n", "  namespace: istio-egress\n  labels:\n    istio.io/rev: 1\n", StringComparison.Ordinal),
            "#/metadata/labels/istio.io~1rev: StringExpected");

    [Fact]
    public void Unknown_kind_is_reported()
    {
        AssertOneError(ServiceEntry.Replace("kind: ServiceEntry", "kind: ServiceEntries", StringComparison.Ordinal),
            "document 1 (ServiceEntries istio-egress/httpbin): no schema for apiVersion 'networking.istio.io/v1' kind 'ServiceEntries'");
        AssertOneError(ServiceEntry.Replace("networking.istio.io/v1", "networking.istio.io/v1alpha9", StringComparison.Ordinal), "no schema");
        AssertOneError("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "no schema");
        AssertOneError("apiVersion: ../../x/y\nkind: ServiceEntry\nmetadata:\n  name: x\n", "no schema");
        AssertOneError("kind: ServiceEntry\nmetadata:\n  name: x\n", "document 1: apiVersion and kind must be strings");
    }

    [Fact]
    public void OneOf_violation_is_reported()
    {
        AssertOneError("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: a
            spec:
              host: a.example.com
              trafficPolicy:
                loadBalancer:
                  simple: ROUND_ROBIN
                  consistentHash:
                    useSourceIp: true
            """, "#/spec/trafficPolicy/loadBalancer: NotOneOf: at most one of simple, consistentHash, backendUtilization may be set");

        // The same idiom nested in an allOf, inside a list item.
        AssertOneError("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: a
            spec:
              host: a.example.com
              subsets:
              - name: s
                trafficPolicy:
                  loadBalancer:
                    consistentHash:
                      httpHeaderName: x-user
                      useSourceIp: true
            """, "#/spec/subsets[0]/trafficPolicy/loadBalancer/consistentHash: NotOneOf: at most one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName may be set");

        // String match in a map value (additionalProperties).
        AssertOneError("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: v
            spec:
              hosts: [a.example.com]
              http:
              - match:
                - headers:
                    x-user:
                      exact: a
                      prefix: b
                route:
                - destination:
                    host: a.example.com
            """, "#/spec/http[0]/match[0]/headers/x-user: NotOneOf: at most one of exact, prefix, regex may be set");
    }

    [Fact]
    public void Each_bad_document_is_reported_with_its_number()
    {
        var yaml = ServiceEntry + "\n---\n" + ServiceEntry.Replace("number: 80", "number: 99999999999", StringComparison.Ordinal)
            + "\n---\n" + ServiceEntry.Replace("protocol: HTTP", "protocol: [HTTP]", StringComparison.Ordinal);
        var errors = CrdSchemaValidator.Validate(yaml);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("document 2 (ServiceEntry istio-egress/httpbin): #/spec/ports[0]/number: NumberTooBig", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("document 3 (ServiceEntry istio-egress/httpbin): #/spec/ports[0]/protocol: StringExpected", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_reported()
    {
        var errors = CrdSchemaValidator.Validate("apiVersion: networking.istio.io/v1\nkind: [\n");
        Assert.Single(errors);
        Assert.StartsWith("YAML error at line", errors[0], StringComparison.Ordinal);

        errors = CrdSchemaValidator.Validate(ServiceEntry + "\nkind: ServiceEntry\n");
        Assert.Single(errors);
        Assert.StartsWith("YAML error at line", errors[0], StringComparison.Ordinal);
    }
}
