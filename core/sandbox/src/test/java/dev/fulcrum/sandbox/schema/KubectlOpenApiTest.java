package dev.fulcrum.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fulcrum.sandbox.schema.OpenApiDocuments.Resource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kubectl against the OpenAPI documents: with default validation it must find {@code fieldValidation} support
 * for both a built-in kind and a CRD kind and send {@code fieldValidation=Strict} instead of validating on the client.
 * A throw-away HTTP server (behind a cluster path prefix, as the sandbox serves) answers discovery and the documents
 * and records the writes. Skipped, with a message, when kubectl is not installed.
 */
class KubectlOpenApiTest {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static final String PREFIX = "/clusters/wc-0001";

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private OpenApiDocuments documents;

    @BeforeEach
    void start() throws IOException {
        if (!Files.isExecutable(KUBECTL)) {
            String reason = "SKIPPED: kubectl not found at " + KUBECTL;
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        List<Resource> resources = new ArrayList<>();
        resources.add(Resource.builtin("", "v1", "ConfigMap", "configmaps", true));
        resources.addAll(Resource.fromCrd(SharedCrds.crd("cluster-api/cluster.x-k8s.io_clusters.yaml")));
        documents = OpenApiDocuments.of(resources);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        if ("POST".equals(method)) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            writes.add(path + "?" + exchange.getRequestURI().getQuery());
            send(exchange, 201, new String(body, StandardCharsets.UTF_8));
            return;
        }
        String answer = switch (path) {
            case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\",\"platform\":\"linux/amd64\"}";
            case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
            case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"cluster.x-k8s.io\","
                    + "\"versions\":[{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"version\":\"v1beta2\"}],"
                    + "\"preferredVersion\":{\"groupVersion\":\"cluster.x-k8s.io/v1beta2\",\"version\":\"v1beta2\"}}]}";
            case "/api/v1" -> resourceList("v1", "configmaps", "ConfigMap");
            case "/apis/cluster.x-k8s.io/v1beta2" -> resourceList("cluster.x-k8s.io/v1beta2", "clusters", "Cluster");
            case "/openapi/v3" -> documents.index().toString();
            default -> path.startsWith("/openapi/v3/")
                    ? documents.document(path.substring("/openapi/v3/".length())).map(Object::toString).orElse(null)
                    : null;
        };
        if (answer == null) {
            send(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                    + "\"code\":404,\"message\":\"not found\"}");
        } else {
            send(exchange, 200, answer);
        }
    }

    private static String resourceList(String groupVersion, String plural, String kind) {
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion + "\","
                + "\"resources\":[{\"name\":\"" + plural + "\",\"namespaced\":true,\"kind\":\"" + kind + "\","
                + "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]}]}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void kubectlDelegatesValidationToTheServerForBuiltinAndCustomKinds(@TempDir Path home) throws Exception {
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d%s"}}]
                users: [{name: u, user: {token: dummy}}]
                contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]
                current-context: x
                """.formatted(server.getAddress().getPort(), PREFIX));
        Path manifest = home.resolve("objects.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: "1"}
                ---
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: Cluster
                metadata: {name: wc-0001}
                spec:
                  controlPlaneRef: {apiGroup: controlplane.cluster.x-k8s.io, kind: KubeadmControlPlane, name: cp}
                """);

        Process kubectl = new ProcessBuilder(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", home.resolve("cache").toString(), "create", "-f", manifest.toString(),
                "--dry-run=server", "-o", "name")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile())
                .start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        String output = Files.readString(home.resolve("out.txt"));

        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(writes).hasSize(2).allSatisfy(write -> assertThat(write).contains("fieldValidation=Strict"));
        assertThat(writes.get(0)).startsWith("/api/v1/namespaces/default/configmaps?");
        assertThat(writes.get(1)).startsWith("/apis/cluster.x-k8s.io/v1beta2/namespaces/default/clusters?");
    }
}
