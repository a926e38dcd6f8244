package org.mentoring.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matching, precedence and startup checks of the routing table, without Quarkus. */
class RoutingTableTest {

    private static final Duration T = Duration.ofSeconds(30);
    private static final Map<String, Upstream> UPSTREAMS = Map.of(
            "applicants", Upstream.of("applicants", URI.create("http://127.0.0.1:8081"), T, T),
            "matching", Upstream.of("matching", URI.create("http://127.0.0.1:8082"), T, T));

    private static GatewayRoute route(String path, String upstream) {
        return new GatewayRoute(RoutePattern.parse(path), upstream, Set.of(), Set.of());
    }

    private static List<String> segments(String path) {
        return RequestPath.segments(path, path).orElseThrow();
    }

    private final RoutingTable table = new RoutingTable(List.of(
            route("/api/v1/programmes", "applicants"),
            route("/api/v1/programmes/*/pool", "matching"),
            route("/api/v1/programmes/*/matching-runs", "matching"),
            route("/api/v1/programmes/*/runs/latest", "applicants"),
            route("/api/v1/programmes/special/*/latest", "matching")), UPSTREAMS);

    private String upstreamOf(String path) {
        return table.resolve(segments(path)).map(GatewayRoute::upstream).orElse(null);
    }

    @Test
    void patternIsASegmentWisePrefix() {
        assertThat(upstreamOf("/api/v1/programmes")).isEqualTo("applicants");
        assertThat(upstreamOf("/api/v1/programmes/")).isEqualTo("applicants");
        assertThat(upstreamOf("/api/v1/programmes/42/applications")).isEqualTo("applicants");
        assertThat(upstreamOf("/api/v1/programmesX")).isNull();
        assertThat(upstreamOf("/api/v1")).isNull();
    }

    @Test
    void moreSegmentsWin() {
        assertThat(upstreamOf("/api/v1/programmes/42/pool")).isEqualTo("matching");
        assertThat(upstreamOf("/api/v1/programmes/42/pool/members/7")).isEqualTo("matching");
        assertThat(upstreamOf("/api/v1/programmes/42/matching-runs/1")).isEqualTo("matching");
    }

    @Test
    void literalBeatsWildcardAtTheFirstDifference() {
        assertThat(upstreamOf("/api/v1/programmes/special/runs/latest")).isEqualTo("matching");
        assertThat(upstreamOf("/api/v1/programmes/other/runs/latest")).isEqualTo("applicants");
    }

    @Test
    void roleRuleAppliesToItsMethodsOnly() {
        GatewayRoute programmes = new GatewayRoute(RoutePattern.parse("/api/v1/programmes"), "applicants",
                Set.of("program-admin"), Set.of("POST", "PUT", "PATCH", "DELETE"));

        assertThat(programmes.permits("GET", Set.of("participant"))).isTrue();
        assertThat(programmes.permits("POST", Set.of("participant"))).isFalse();
        assertThat(programmes.permits("POST", Set.of("participant", "program-admin"))).isTrue();
        assertThat(programmes.permits("DELETE", Set.of())).isFalse();

        GatewayRoute pool = new GatewayRoute(RoutePattern.parse("/api/v1/programmes/*/pool"), "matching",
                Set.of("program-admin"), Set.of());
        assertThat(pool.permits("GET", Set.of("participant"))).isFalse();
        assertThat(pool.permits("GET", Set.of("program-admin"))).isTrue();
    }

    @Test
    void ambiguousRequestPathsAreNotRouted() {
        assertThat(RequestPath.segments("/api/v1/programmes/x%2Fpool", "/api/v1/programmes/x%2Fpool")).isEmpty();
        assertThat(RequestPath.segments("/api//v1", "/api//v1")).isEmpty();
        assertThat(RequestPath.segments("/api/v1/programmes;a=b", "/api/v1/programmes;a=b")).isEmpty();
        assertThat(RequestPath.segments("/api/v1/proposals/../programmes", "/api/v1/programmes")).isEmpty();
        assertThat(RequestPath.segments("/api/v1/a%20b", "/api/v1/a%20b")).contains(List.of("api", "v1", "a%20b"));
    }

    @Test
    void unknownUpstreamStopsStartup() {
        assertThatThrownBy(() -> new RoutingTable(List.of(route("/api/v1/x", "nobody")), UPSTREAMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown upstream 'nobody'");
    }

    @Test
    void routeOutsideTheApiStopsStartup() {
        // A service's /q endpoints (metrics, health detail, its own document) are never forwarded.
        for (String path : List.of("/q/metrics", "/q", "/*/health", "/")) {
            assertThatThrownBy(() -> new RoutingTable(List.of(route(path, "matching")), UPSTREAMS))
                    .as(path).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside /api, /scim");
        }
    }

    @Test
    void duplicatePatternStopsStartup() {
        assertThatThrownBy(() -> new RoutingTable(
                List.of(route("/api/v1/x", "matching"), route("/api/v1/x/", "applicants")), UPSTREAMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("defined twice");
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> RoutePattern.parse("api/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutePattern.parse("/api//v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutePattern.parse("/api/v1*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upstreamUrlIsSchemeHostAndPortOnly() {
        assertThat(Upstream.of("a", URI.create("https://svc.internal"), T, T))
                .extracting(Upstream::port, Upstream::ssl).containsExactly(443, true);
        assertThatThrownBy(() -> Upstream.of("a", URI.create("http://svc:8081/base"), T, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Upstream.of("a", URI.create("ftp://svc"), T, T))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicasAreTakenInTurnAndMustShareTheScheme() {
        Upstream upstream = Upstream.of("a", List.of(URI.create("http://a1:8081"), URI.create("http://a2:8091")), T, T);
        assertThat(upstream.endpoints()).extracting(Upstream.Endpoint::toString).containsExactly("a1:8081", "a2:8091");
        int first = upstream.nextStart();
        assertThat(upstream.nextStart()).isEqualTo(1 - first);
        assertThat(upstream.endpoint(1, 0).port()).isEqualTo(8091);
        assertThat(upstream.endpoint(1, 1).port()).isEqualTo(8081);
        assertThatThrownBy(() -> Upstream.of("a", List.of(URI.create("http://a1"), URI.create("https://a2")), T, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all use http or all https");
        assertThatThrownBy(() -> Upstream.of("a", List.of(), T, T)).isInstanceOf(IllegalArgumentException.class);
    }
}
