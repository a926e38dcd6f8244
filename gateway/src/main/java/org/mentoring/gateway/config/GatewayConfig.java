package org.mentoring.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
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
     * carries no path. Several replicas: a comma list ({@code http://127.0.0.1:8081,http://127.0.0.1:8091}), taken
     * in turn, a replica that refuses the connection skipped for the next.
     */
    Map<String, List<URI>> upstreams();

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
     * {@code gateway.max-body-size}: the largest request body forwarded (for example {@code 1M}, {@code 512K}).
     * A larger {@code Content-Length} is refused up front, a longer chunked body as soon as it crosses the
     * limit: 413 either way.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * {@code gateway.circuit-breakers.<name>.*}: per-upstream circuit breaker settings; an upstream without an
     * entry gets the defaults.
     */
    @WithDefaults
    Map<String, CircuitBreaker> circuitBreakers();

    /**
     * {@code gateway.retries}: how many more times a GET, HEAD or OPTIONS request tries to connect when the
     * upstream refused or could not be reached. Nothing was sent yet, so it is safe; other methods and any
     * failure after the connection was made are never retried.
     */
    @WithDefault("2")
    int retries();

    /** {@code gateway.retry-backoff}: wait before the first retry, doubled before each further one. */
    @WithDefault("50ms")
    Duration retryBackoff();

    /**
     * {@code gateway.rate-limits.<class>.*}: the token buckets of each rate-limit class; a route names its class
     * with {@code gateway.routes[i].rate-limit-class}, and class {@code default} must exist.
     */
    Map<String, RateLimit> rateLimits();

    /**
     * {@code gateway.routes[i]}: the routing table. Order does not matter: the most specific matching
     * path wins (see {@link org.mentoring.gateway.routing.RoutePattern}).
     */
    List<Route> routes();

    /**
     * {@code gateway.access-log}: one key=value line per request on the logger
     * {@code org.mentoring.gateway.access} (see {@link org.mentoring.gateway.http.AccessLog}).
     */
    @WithDefault("true")
    boolean accessLog();

    /**
     * {@code gateway.public-url}: the gateway's URL as callers reach it (for example
     * {@code https://api.mentoring.example.org}), written into the merged OpenAPI document's {@code servers}.
     * Absent: taken from each request for the document (scheme and host, which honour
     * {@code quarkus.http.proxy.*} behind a load balancer).
     */
    Optional<URI> publicUrl();

    /** {@code gateway.token-cache.*}: the memory of verified tokens (see VerifiedTokenCache). */
    TokenCache tokenCache();

    interface TokenCache {

        /**
         * {@code gateway.token-cache.max-age}: longest time a verified token is let through without being
         * verified again (never past its {@code exp}).
         */
        @WithDefault("60s")
        Duration maxAge();

        /** {@code gateway.token-cache.max-entries}: tokens remembered at most; 0 turns the cache off. */
        @WithDefault("10000")
        int maxEntries();
    }

    /** {@code gateway.health.*}: what readiness checks beyond the gateway itself. */
    Health health();

    interface Health {

        /**
         * {@code gateway.health.require-upstreams}: whether one upstream that is not ready makes the gateway
         * unready (true), or is only reported (false).
         */
        @WithDefault("true")
        boolean requireUpstreams();

        /** {@code gateway.health.cache-for}: how long an upstream's or the key set's verdict is kept. */
        @WithDefault("5s")
        Duration cacheFor();

        /** {@code gateway.health.timeout}: longest wait for one probe. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** {@code gateway.report.*}: what the gateway composes from the services: the programme report, a person's export. */
    Report report();

    interface Report {

        /** {@code gateway.report.timeout}: longest wait for one service's part; a late one is left out. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** {@code gateway.openapi.*}: the merged API document and its Swagger UI. */
    OpenApi openapi();

    interface OpenApi {

        /** {@code gateway.openapi.cache-for}: how long a merged document is served before the services are asked again. */
        @WithDefault("30s")
        Duration cacheFor();

        /** {@code gateway.openapi.retry-after}: how soon to ask again when a service's document could not be read. */
        @WithDefault("5s")
        Duration retryAfter();

        /** {@code gateway.openapi.fetch-timeout}: longest wait for one service's document. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /**
         * {@code gateway.openapi.auth-server-url}: the Keycloak realm as a browser reaches it; its
         * {@code /protocol/openid-connect/auth} and {@code /token} endpoints go into the OAuth2 scheme.
         */
        URI authServerUrl();

        /** {@code gateway.openapi.client-id}: the public client Swagger UI logs in with. */
        @WithDefault("mentoring-web")
        String clientId();

        /** {@code gateway.openapi.title}: the merged document's title. */
        @WithDefault("Reverse mentoring API")
        String title();
    }

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

    interface CircuitBreaker {

        /**
         * {@code gateway.circuit-breakers.<name>.failure-threshold}: consecutive failed exchanges (no connection,
         * timeout, connection lost) after which the breaker opens. Answers from the upstream, 5xx included, are
         * not failures: the upstream is there.
         */
        @WithDefault("5")
        int failureThreshold();

        /**
         * {@code gateway.circuit-breakers.<name>.open-for}: how long an open breaker answers 503 at once
         * (with {@code Retry-After}) before one probe request is let through.
         */
        @WithDefault("10s")
        Duration openFor();
    }

    interface RateLimit {

        /** {@code gateway.rate-limits.<class>.capacity}: the burst a caller may send at once. */
        long capacity();

        /** {@code gateway.rate-limits.<class>.refill-per-second}: the sustained requests a second per caller. */
        double refillPerSecond();
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

        /** {@code gateway.routes[i].rate-limit-class}: the rate-limit class of this route's calls. */
        @WithDefault("default")
        String rateLimitClass();

        /**
         * {@code gateway.routes[i].anonymous}: whether callers without a token pass too (a token that is sent must
         * still be valid). Only for paths whose service authorises by other means, such as the secret URL of a
         * calendar feed; cannot be combined with roles.
         */
        @WithDefault("false")
        boolean anonymous();
    }
}
