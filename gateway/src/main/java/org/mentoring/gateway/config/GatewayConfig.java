package org.mentoring.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's routing table and upstream settings, all under {@code gateway.}.
 * Checked once at startup by {@link org.mentoring.gateway.routing.RoutingTable#of(GatewayConfig)}: a route
 * naming an unknown upstream, or an upstream URL with a path, stops the application.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * {@code gateway.upstreams.<name>}: base URL of each service, scheme, host and port only
     * (for example {@code http://127.0.0.1:8081}). Request paths are forwarded unchanged, so a base URL
     * carries no path.
     */
    Map<String, URI> upstreams();

    /**
     * {@code gateway.timeouts.<name>.connect} / {@code .read}: per-upstream timeouts. An upstream without an
     * entry gets the defaults.
     */
    @WithDefaults
    Map<String, Timeouts> timeouts();

    /**
     * {@code gateway.max-connections-per-upstream}: size of the connection pool to each upstream. Vert.x'
     * default (5) would serialise a busy gateway behind a handful of sockets.
     */
    @WithDefault("100")
    int maxConnectionsPerUpstream();

    /**
     * {@code gateway.routes[i]}: the routing table. Order does not matter: the most specific matching
     * path wins (see {@link org.mentoring.gateway.routing.RoutePattern}).
     */
    List<Route> routes();

    interface Timeouts {

        /**
         * {@code gateway.timeouts.<name>.connect}: TCP connect timeout, also the longest wait for a pooled
         * connection. Exceeded: 504.
         */
        @WithDefault("30s")
        Duration connect();

        /**
         * {@code gateway.timeouts.<name>.read}: longest silence from the upstream once the request is under
         * way, before its response starts or between two chunks of it. Exceeded: 504.
         */
        @WithDefault("30s")
        Duration read();
    }

    interface Route {

        /**
         * {@code gateway.routes[i].path}: a path pattern such as {@code /api/v1/programmes/*}{@code /pool}; each
         * {@code *} matches exactly one segment, and the pattern matches every path it is a segment-wise
         * prefix of.
         */
        String path();

        /** {@code gateway.routes[i].upstream}: name of the upstream (a key of {@code gateway.upstreams}). */
        String upstream();

        /**
         * {@code gateway.routes[i].roles}: comma list of roles (token {@code groups}) any one of which the
         * caller needs. Absent: any authenticated caller.
         */
        Optional<Set<String>> roles();

        /**
         * {@code gateway.routes[i].methods}: comma list of the HTTP methods the role rule applies to.
         * Absent: all methods.
         */
        Optional<Set<String>> methods();
    }
}
