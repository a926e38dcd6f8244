package org.mentoring.platform.paging;

import io.quarkus.panache.common.Parameters;
import org.mentoring.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the creation instant and id of the last item of a page. Lists are ordered
 * by {@code (created_at, id)}, so paging is stable while rows are added.
 */
public record Cursor(Instant createdAt, UUID id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a client's cursor; {@code null} or blank means the first page. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            long seconds = Long.parseLong(parts[0]);
            long nanos = Long.parseLong(parts[1]);
            UUID id = UUID.fromString(parts[2]);
            // exactly what encode() writes: three parts, nanoseconds of one second, an instant the database can
            // compare (a year out of its range would fail there, as a 500), the id in its canonical form
            if (parts.length == 3 && nanos >= 0 && nanos < 1_000_000_000L && seconds >= EARLIEST && seconds <= LATEST
                    && id.toString().equals(parts[2].toLowerCase(java.util.Locale.ROOT))) {
                return new Cursor(Instant.ofEpochSecond(seconds, nanos), id);
            }
        } catch (RuntimeException e) {
            // not Base64, not numbers, not a UUID: the same answer as below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants a cursor may name. */
    private static final long EARLIEST = -62_135_596_800L;
    private static final long LATEST = 253_402_300_799L;

    /**
     * The HQL condition "after this cursor" over a list ordered by {@code (timeField, idField)}, with the
     * parameters {@code :at} and {@code :id} that {@link #bind} sets.
     */
    public static String afterCondition(String timeField, String idField) {
        return "(" + timeField + " > :at or (" + timeField + " = :at and " + idField + " > :id))";
    }

    /** Sets the parameters of {@link #afterCondition}. */
    public Parameters bind(Parameters params) {
        return params.and("at", createdAt).and("id", id);
    }

    /** Validates {@code limit}: 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
