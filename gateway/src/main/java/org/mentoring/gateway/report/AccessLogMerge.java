package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The access log as one list although each service keeps its own part: entries ordered newest first by
 * {@code (at, id)}, which is unique across services (ids are random UUIDs), so a page cut anywhere can be continued
 * from its last entry in every service at once. Plain Jackson, tested alone.
 */
public final class AccessLogMerge {

    /** The services that keep a part of the access log, each under {@code /api/v1/access-log/{service}}. */
    public static final List<String> SERVICES = List.of("applicants", "matching", "agreements", "sessions");

    /** Where the next page starts: after the entry at {@code at} with {@code id}, going back in time. */
    public record Position(Instant at, UUID id) {

        /** The query parameters that ask a service for the entries after this position. */
        public String query() {
            return "before=" + at + "&beforeId=" + id;
        }

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** A client's cursor; null for the first page; fails with IllegalArgumentException for anything else. */
        public static Position decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this API returned", e);
            }
        }

        static Position of(JsonNode entry) {
            try {
                return new Position(Instant.parse(entry.path("at").asText()), UUID.fromString(entry.path("id").asText()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    /**
     * Newest first; entries without a readable time and id (never sent by a service) last. Ids compare as PostgreSQL
     * compares them (byte by byte, which is the order of their text), not as {@link UUID#compareTo} does, so the
     * merge cuts pages where the services' {@code (at, id) < (before, beforeId)} continues them.
     */
    static final Comparator<JsonNode> NEWEST_FIRST = Comparator.comparing(AccessLogMerge::position,
            Comparator.nullsLast(Comparator.comparing(Position::at)
                    .thenComparing((Position p) -> p.id().toString()).reversed()));

    private AccessLogMerge() {
    }

    private static Position position(JsonNode entry) {
        return Position.of(entry);
    }

    /** A merged page: at most {@code limit} entries, and where to go on when a part may hold more. */
    public record MergedPage(List<JsonNode> items, Position next) {
    }

    /**
     * Merges the services' pages, each of at most {@code limit} entries newest first. There may be more when the
     * merge holds more than {@code limit} entries, or when a service gave a whole page (its next entries may be
     * newer than the others' last).
     */
    public static MergedPage page(Collection<JsonNode> parts, int limit) {
        List<JsonNode> all = new ArrayList<>();
        boolean more = false;
        for (JsonNode part : parts) {
            if (part == null || !part.isArray()) {
                continue;
            }
            part.forEach(all::add);
            more |= part.size() >= limit;
        }
        all.sort(NEWEST_FIRST);
        more |= all.size() > limit;
        List<JsonNode> shown = all.size() > limit ? all.subList(0, limit) : all;
        Position next = more && !shown.isEmpty() ? Position.of(shown.get(shown.size() - 1)) : null;
        return new MergedPage(List.copyOf(shown), next);
    }

    /** Every entry of complete parts, newest first (a person's export). */
    public static List<JsonNode> all(Collection<List<JsonNode>> parts) {
        List<JsonNode> all = new ArrayList<>();
        parts.forEach(all::addAll);
        all.sort(NEWEST_FIRST);
        return all;
    }
}
