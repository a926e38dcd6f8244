package org.mentoring.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service the gateway forwards to: where its replicas listen and how long the gateway waits for it. Requests go to
 * the replicas in turn ({@link #nextStart()}); one that refuses the connection is skipped for the next (see
 * UpstreamProxy). {@link #host()} and {@link #port()} name the first replica.
 */
public final class Upstream {

    /** One replica's address. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final String name;
    private final List<Endpoint> endpoints;
    private final boolean ssl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final AtomicInteger turn = new AtomicInteger();

    private Upstream(String name, List<Endpoint> endpoints, boolean ssl, Duration connectTimeout, Duration readTimeout) {
        this.name = name;
        this.endpoints = List.copyOf(endpoints);
        this.ssl = ssl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Reads a base URL such as {@code http://127.0.0.1:8081}; anything beyond scheme, host and port is refused. */
    public static Upstream of(String name, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return of(name, List.of(baseUrl), connectTimeout, readTimeout);
    }

    /** One base URL per replica, all with the same scheme. */
    public static Upstream of(String name, List<URI> baseUrls, Duration connectTimeout, Duration readTimeout) {
        if (baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("Upstream '" + name + "' has no URL");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        Boolean ssl = null;
        for (URI baseUrl : baseUrls) {
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("Upstream '" + name + "': " + baseUrl + " is not an http(s) URL");
            }
            if (baseUrl.getHost() == null) {
                throw new IllegalArgumentException("Upstream '" + name + "': " + baseUrl + " has no host");
            }
            String path = baseUrl.getRawPath();
            if ((path != null && !path.isEmpty() && !path.equals("/")) || baseUrl.getRawQuery() != null
                    || baseUrl.getRawUserInfo() != null) {
                // Paths are forwarded unchanged, so a base path would be silently ignored: refuse it instead.
                throw new IllegalArgumentException("Upstream '" + name + "': " + baseUrl
                        + " must be scheme://host:port only, without path, query or user info");
            }
            boolean https = scheme.equals("https");
            if (ssl != null && ssl != https) {
                throw new IllegalArgumentException("Upstream '" + name + "': its replicas must all use http or all"
                        + " https");
            }
            ssl = https;
            endpoints.add(new Endpoint(baseUrl.getHost(), baseUrl.getPort() >= 0 ? baseUrl.getPort() : (https ? 443 : 80)));
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("Upstream '" + name + "': timeouts must be positive");
        }
        return new Upstream(name, endpoints, ssl, connectTimeout, readTimeout);
    }

    public String name() {
        return name;
    }

    /** The replicas, in configuration order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The first replica's host. */
    public String host() {
        return endpoints.get(0).host();
    }

    /** The first replica's port. */
    public int port() {
        return endpoints.get(0).port();
    }

    public boolean ssl() {
        return ssl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Round robin: the index of the replica a new request tries first. */
    public int nextStart() {
        return Math.floorMod(turn.getAndIncrement(), endpoints.size());
    }

    /** The replica of the {@code attempt}-th try (from 0) of a request that started at {@code start}. */
    public Endpoint endpoint(int start, int attempt) {
        return endpoints.get(Math.floorMod(start + attempt, endpoints.size()));
    }

    /** The next replica in turn, for the gateway's own calls (report, API document). */
    public Endpoint next() {
        return endpoints.get(nextStart());
    }

    @Override
    public String toString() {
        return name + endpoints;
    }
}
