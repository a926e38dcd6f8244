package org.mentoring.gateway.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits a request path into segments for routing, refusing paths that an upstream could read differently
 * from the gateway. Role rules are decided on the path the gateway sees; if the service then decoded
 * {@code %2F}, resolved {@code ..}, collapsed {@code //} or dropped {@code ;matrix} parameters, a request could
 * pass the rule of one route and land on another.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * @param rawPath        the path as the client sent it
     * @param normalizedPath the same path after Vert.x normalisation (dot segments removed, unreserved
     *                       characters decoded)
     * @return the segments, or empty when the path is not in the plain form routing can judge safely
     */
    public static Optional<List<String>> segments(String rawPath, String normalizedPath) {
        if (rawPath == null || !rawPath.startsWith("/") || !rawPath.equals(normalizedPath)) {
            return Optional.empty();
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("//") || lower.contains(";") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("%2e") || lower.contains("\\")) {
            return Optional.empty();
        }
        String trimmed = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        return Optional.of(trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.substring(1).split("/", -1)));
    }
}
