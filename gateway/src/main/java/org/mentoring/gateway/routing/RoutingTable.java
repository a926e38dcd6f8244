package org.mentoring.gateway.routing;

import org.mentoring.gateway.config.GatewayConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The routing table, checked and ordered most specific first, and the upstreams it refers to. */
public final class RoutingTable {

    /**
     * The first path segments the gateway proxies at all ({@link GatewayRoutes} mounts the proxy on them). The
     * services' {@code /q} endpoints (metrics, health detail, their own OpenAPI documents) are for the cluster
     * only, so no route may lead there: a path is forwarded unchanged, and it starts with one of these.
     */
    public static final List<String> PROXIED_ROOTS = List.of("api", "scim");

    private final List<GatewayRoute> routes;
    private final Map<String, Upstream> upstreams;

    public RoutingTable(List<GatewayRoute> routes, Map<String, Upstream> upstreams) {
        List<String> errors = new ArrayList<>();
        for (GatewayRoute route : routes) {
            List<String> segments = route.pattern().segments();
            if (segments.isEmpty() || !PROXIED_ROOTS.contains(segments.get(0))) {
                errors.add("route " + route.pattern() + " is outside " + PROXIED_ROOTS.stream().map(r -> "/" + r)
                        .collect(Collectors.joining(", ")) + ", the only paths the gateway forwards");
            }
            if (!upstreams.containsKey(route.upstream())) {
                errors.add("route " + route.pattern() + " names unknown upstream '" + route.upstream()
                        + "' (known: " + upstreams.keySet() + ")");
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (routes.get(i).pattern().segments().equals(routes.get(j).pattern().segments())) {
                    errors.add("route " + routes.get(i).pattern() + " is defined twice");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid gateway routing table: " + String.join("; ", errors));
        }
        List<GatewayRoute> sorted = new ArrayList<>(routes);
        sorted.sort((a, b) -> RoutePattern.MOST_SPECIFIC_FIRST.compare(a.pattern(), b.pattern()));
        this.routes = List.copyOf(sorted);
        this.upstreams = Map.copyOf(upstreams);
    }

    /** Builds and checks the table from configuration; any mistake stops the application at startup. */
    public static RoutingTable of(GatewayConfig config) {
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        config.upstreams().forEach((name, urls) -> {
            GatewayConfig.Timeouts timeouts = config.timeouts().get(name);
            upstreams.put(name, Upstream.of(name, urls, timeouts.connect(), timeouts.read()));
        });
        List<GatewayRoute> routes = config.routes().stream()
                .map(r -> new GatewayRoute(RoutePattern.parse(r.path()), r.upstream(),
                        trimmed(r.roles().orElse(Set.of()), false),
                        trimmed(r.methods().orElse(Set.of()), true), r.rateLimitClass().trim(), r.anonymous()))
                .toList();
        Set<String> classes = config.rateLimits().keySet();
        List<String> unknown = routes.stream().map(GatewayRoute::rateLimitClass)
                .filter(c -> !classes.contains(c)).distinct().toList();
        if (!unknown.isEmpty() || !classes.contains(GatewayRoute.DEFAULT_RATE_LIMIT_CLASS)) {
            throw new IllegalStateException("Invalid gateway routing table: rate-limit classes " + unknown
                    + " are not configured, or gateway.rate-limits.default is missing (configured: " + classes + ")");
        }
        return new RoutingTable(routes, upstreams);
    }

    private static Set<String> trimmed(Set<String> values, boolean upperCase) {
        return values.stream()
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(v -> upperCase ? v.toUpperCase(Locale.ROOT) : v)
                .collect(Collectors.toSet());
    }

    /** The most specific route whose pattern matches the path given by its segments. */
    public Optional<GatewayRoute> resolve(List<String> pathSegments) {
        return routes.stream().filter(r -> r.pattern().matches(pathSegments)).findFirst();
    }

    public List<GatewayRoute> routes() {
        return routes;
    }

    public Map<String, Upstream> upstreams() {
        return upstreams;
    }
}
