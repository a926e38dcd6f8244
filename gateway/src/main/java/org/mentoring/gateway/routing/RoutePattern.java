package org.mentoring.gateway.routing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A path pattern of the routing table, such as {@code /api/v1/programmes/*}{@code /pool}. Each {@code *} matches
 * exactly one segment; the pattern matches every request path it is a segment-wise prefix of, so
 * {@code /api/v1/proposals} also covers {@code /api/v1/proposals/42/accept}.
 */
public record RoutePattern(String text, List<String> segments) {

    static final String ANY_SEGMENT = "*";

    /**
     * Orders patterns so that the first match is the most specific one: more segments first, then, at the
     * first position where two patterns differ, a literal segment before {@code *}.
     */
    public static final Comparator<RoutePattern> MOST_SPECIFIC_FIRST = RoutePattern::compareSpecificity;

    public static RoutePattern parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("Route path '" + text + "' must start with '/'");
        }
        String trimmed = text.endsWith("/") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
        List<String> segments = trimmed.length() <= 1 ? List.of() : Arrays.asList(trimmed.substring(1).split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || (segment.contains(ANY_SEGMENT) && !segment.equals(ANY_SEGMENT))) {
                throw new IllegalArgumentException("Route path '" + text
                        + "' has an empty segment or a '*' inside a segment; '*' stands for one whole segment");
            }
        }
        return new RoutePattern(text, List.copyOf(segments));
    }

    /** Whether this pattern is a segment-wise prefix of a request path given by its segments. */
    public boolean matches(List<String> pathSegments) {
        if (pathSegments.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (!expected.equals(ANY_SEGMENT) && !expected.equals(pathSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int compareSpecificity(RoutePattern a, RoutePattern b) {
        if (a.segments.size() != b.segments.size()) {
            return Integer.compare(b.segments.size(), a.segments.size());
        }
        for (int i = 0; i < a.segments.size(); i++) {
            boolean aAny = a.segments.get(i).equals(ANY_SEGMENT);
            boolean bAny = b.segments.get(i).equals(ANY_SEGMENT);
            if (aAny != bAny) {
                return aAny ? 1 : -1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
