package org.mentoring.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** A service the gateway forwards to: where it listens and how long the gateway waits for it. */
public record Upstream(String name, String host, int port, boolean ssl, Duration connectTimeout, Duration readTimeout) {

    /** Reads a base URL such as {@code http://127.0.0.1:8081}; anything beyond scheme, host and port is refused. */
    public static Upstream of(String name, URI baseUrl, Duration connectTimeout, Duration readTimeout) {
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
        boolean ssl = scheme.equals("https");
        int port = baseUrl.getPort() >= 0 ? baseUrl.getPort() : (ssl ? 443 : 80);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("Upstream '" + name + "': timeouts must be positive");
        }
        return new Upstream(name, baseUrl.getHost(), port, ssl, connectTimeout, readTimeout);
    }
}
