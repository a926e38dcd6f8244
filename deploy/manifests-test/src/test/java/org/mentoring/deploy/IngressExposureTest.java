package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mentoring.deploy.DeployFiles.Doc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.DeployFiles.K8S;

/**
 * What the Ingresses let in from outside, in every file under {@code deploy/k8s} (base, engines and each overlay's
 * patches, which replace the base's rules): the gateway's public surface (the API, SCIM, the merged API document
 * and its UI) and Keycloak's login, never a service and never a {@code /q} endpoint that tells about the
 * installation (metrics, health detail, the services' own documents).
 */
class IngressExposureTest {

    /** The Services an Ingress may lead to: the gateway and Keycloak (its Service as the operator names it). */
    private static final List<String> PUBLIC_SERVICES = List.of("gateway", "mentoring-keycloak-service");
    /** What callers must reach through the gateway's Ingress. */
    private static final List<String> PUBLIC_PATHS = List.of("/api/v1/programmes", "/api/v1/meetings/feeds/x.ics",
            "/scim/v2/Users", "/openapi.json", "/openapi.yaml", "/q/openapi", "/q/swagger-ui",
            "/q/swagger-ui/index.html", "/q/swagger-ui/oauth2-redirect.html");
    /** What must stay inside the cluster (and the root, which a catch-all rule would expose with everything). */
    private static final List<String> NOT_EXPOSED = List.of("/q", "/q/", "/q/metrics", "/q/health",
            "/q/health/live", "/q/health/ready", "/q/health/started", "/q/health/group/messaging", "/q/info",
            "/q/dev-ui", "/q/arc/beans", "/q/openapi/internal", "/metrics", "/");
    /** ingress-nginx annotations that change which path reaches the backend, so the rules above mean less. */
    private static final List<String> PATH_CHANGING_ANNOTATIONS = List.of("nginx.ingress.kubernetes.io/rewrite-target",
            "nginx.ingress.kubernetes.io/use-regex", "nginx.ingress.kubernetes.io/configuration-snippet",
            "nginx.ingress.kubernetes.io/server-snippet", "nginx.ingress.kubernetes.io/app-root");

    private final List<Doc> ingresses = allIngresses();

    @Test
    void ingressesLeadOnlyToTheGatewayAndKeycloak() {
        assertThat(ingresses).as("Ingresses under deploy/k8s").isNotEmpty();
        assertSoftly(soft -> {
            for (Doc ingress : ingresses) {
                soft.assertThat(ingress.spec().has("defaultBackend")).as("%s has a default backend", ingress.where())
                        .isFalse();
                for (HttpPath path : paths(ingress)) {
                    soft.assertThat(path.service()).as("Service behind %s %s", ingress.where(), path.path())
                            .isIn(PUBLIC_SERVICES);
                }
            }
        });
    }

    @Test
    void theGatewaysIngressExposesItsPublicDocumentsAndNoQEndpoint() {
        List<Doc> gateway = ingresses.stream().filter(i -> i.name().equals("gateway")).toList();
        assertThat(gateway).as("the gateway's Ingress in base and in each overlay").hasSizeGreaterThanOrEqualTo(3);
        assertSoftly(soft -> {
            for (Doc ingress : gateway) {
                Map<String, String> annotations = DeployFiles.JSON.convertValue(
                        ingress.node().path("metadata").path("annotations"), Map.class);
                soft.assertThat(annotations == null ? Map.of() : annotations).as("annotations of %s", ingress.where())
                        .doesNotContainKeys(PATH_CHANGING_ANNOTATIONS.toArray(String[]::new));
                List<HttpPath> paths = paths(ingress);
                for (String path : PUBLIC_PATHS) {
                    soft.assertThat(paths.stream().anyMatch(p -> p.service().equals("gateway") && p.matches(path)))
                            .as("%s lets %s through to the gateway", ingress.where(), path).isTrue();
                }
                for (String path : NOT_EXPOSED) {
                    soft.assertThat(paths.stream().filter(p -> p.matches(path)).map(HttpPath::path).toList())
                            .as("rules of %s that let %s in from outside", ingress.where(), path).isEmpty();
                }
            }
        });
    }

    @Test
    void pathMatchingFollowsTheIngressRules() {
        assertThat(new HttpPath("/", "Prefix", "gateway").matches("/q/metrics")).isTrue();
        assertThat(new HttpPath("/q", "Prefix", "gateway").matches("/q/metrics")).isTrue();
        assertThat(new HttpPath("/q/openapi", "Prefix", "gateway").matches("/q/openapi/internal")).isTrue();
        assertThat(new HttpPath("/q/openapi", "Exact", "gateway").matches("/q/openapi/internal")).isFalse();
        assertThat(new HttpPath("/api", "Prefix", "gateway").matches("/apis")).isFalse();
        assertThat(new HttpPath("/api/", "Prefix", "gateway").matches("/api/v1")).isTrue();
        assertThat(new HttpPath("/q/s", "ImplementationSpecific", "gateway").matches("/q/swagger-ui")).isTrue();
    }

    /** One path of an Ingress rule and the Service it leads to. */
    record HttpPath(String path, String type, String service) {

        /**
         * Whether a request path is sent to this rule's backend: {@code Exact} is equality, {@code Prefix} an
         * element-wise prefix ({@code /api} takes {@code /api/v1} but not {@code /apis}), and
         * {@code ImplementationSpecific} is read as ingress-nginx reads it without regular expressions, a plain
         * string prefix.
         */
        boolean matches(String request) {
            return switch (type) {
                case "Exact" -> request.equals(path);
                case "Prefix" -> {
                    String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    yield prefix.isEmpty() || request.equals(prefix) || request.startsWith(prefix + "/");
                }
                default -> request.startsWith(path);
            };
        }
    }

    private static List<HttpPath> paths(Doc ingress) {
        List<HttpPath> paths = new ArrayList<>();
        JsonNode defaultBackend = ingress.spec().path("defaultBackend");
        if (!defaultBackend.isMissingNode()) {
            paths.add(new HttpPath("/", "Prefix", defaultBackend.path("service").path("name").asText()));
        }
        for (JsonNode rule : ingress.spec().path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                paths.add(new HttpPath(path.path("path").asText("/"), path.path("pathType").asText("ImplementationSpecific"),
                        path.path("backend").path("service").path("name").asText()));
            }
        }
        return paths;
    }

    private static List<Doc> allIngresses() {
        List<Doc> found = new ArrayList<>();
        for (Path file : DeployFiles.yamlFiles(K8S)) {
            for (Doc doc : DeployFiles.documents(file)) {
                if (doc.kind().equals("Ingress")) {
                    found.add(doc);
                }
            }
        }
        return found;
    }
}
