package org.mentoring.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stub services' parts of the access log ({@code /api/v1/access-log/{service}[/me]}), answered as a real service
 * does: newest first by {@code (at, id)}, after {@code (before, beforeId)} when given, at most {@code limit}. Two
 * entries of different services share a time, so a merge that orders ids differently from the services loses or
 * repeats one at a page's edge. Only {@link #OWNER} owns {@link #PROGRAMME}; anyone else gets 404.
 */
public final class StubAccessLogs {

    public static final String PROGRAMME = "6e1f7d3a-2b4c-4d5e-8f90-a1b2c3d4e5f6";
    public static final String OWNER = "owner-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Entry: service, at, id; all are about {@link StubExports#SUBJECT}. */
    private static final List<Map<String, Object>> ENTRIES = List.of(
            entry("applicants", "2026-12-03T10:00:05Z", "f0000000-0000-4000-8000-000000000001", "application", null),
            entry("applicants", "2026-12-03T10:00:03Z", "10000000-0000-4000-8000-000000000002", "application", "interview follow-up"),
            entry("applicants", "2026-12-03T10:00:01Z", "30000000-0000-4000-8000-000000000003", "application", null),
            entry("matching", "2026-12-03T10:00:04Z", "a0000000-0000-4000-8000-000000000004", "proposal", null),
            // the same time as an applicants entry: the id decides, as PostgreSQL orders uuids (by their text)
            entry("matching", "2026-12-03T10:00:03Z", "90000000-0000-4000-8000-000000000005", "pool", null),
            entry("sessions", "2026-12-03T10:00:02Z", "c0000000-0000-4000-8000-000000000006", "meeting", "cadence check"));

    private StubAccessLogs() {
    }

    /** Every entry, newest first, as the merged log must list them. */
    public static List<String> idsNewestFirst() {
        return ENTRIES.stream().sorted(NEWEST_FIRST).map(e -> (String) e.get("id")).toList();
    }

    private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> e) -> Instant.parse((String) e.get("at")))
            .thenComparing(e -> (String) e.get("id")).reversed();

    private static Map<String, Object> entry(String service, String at, String id, String what, String reason) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("at", at);
        e.put("programmeId", PROGRAMME);
        e.put("service", service);
        e.put("actor", OWNER);
        e.put("actorKind", "ADMIN");
        e.put("subject", StubExports.SUBJECT);
        e.put("what", what);
        e.put("objectId", null);
        e.put("reason", reason);
        return e;
    }

    public static Optional<StubReports.Answer> answer(String upstream, URI uri, String authorization) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/v1/access-log/" + upstream)) {
            return Optional.empty();
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of(new StubReports.Answer(401, "{\"status\": 401}".getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> query = query(uri.getRawQuery());
        boolean mine = path.endsWith("/me");
        if (!mine && (!PROGRAMME.equals(query.get("programme")) || !OWNER.equals(subjectOf(authorization)))) {
            return Optional.of(new StubReports.Answer(404, "{\"status\": 404}".getBytes(StandardCharsets.UTF_8)));
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        Instant before = query.containsKey("before") ? Instant.parse(query.get("before")) : null;
        String beforeId = query.get("beforeId");
        List<Map<String, Object>> page = ENTRIES.stream()
                .filter(e -> e.get("service").equals(upstream))
                .filter(e -> before == null || isBefore(e, before, beforeId))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
        try {
            return Optional.of(new StubReports.Answer(200, JSON.writeValueAsBytes(page)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's subject, read without verifying it: the gateway verified it before relaying it. */
    private static String subjectOf(String authorization) {
        try {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("sub").asText();
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    private static boolean isBefore(Map<String, Object> e, Instant before, String beforeId) {
        Instant at = Instant.parse((String) e.get("at"));
        return at.isBefore(before) || at.equals(before) && ((String) e.get("id")).compareTo(beforeId) < 0;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
