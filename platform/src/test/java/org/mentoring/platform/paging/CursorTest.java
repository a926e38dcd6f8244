package org.mentoring.platform.paging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keyset cursors as a client holds them: opaque, round-tripping exactly, and a 400 naming {@code cursor} when tampered with. */
class CursorTest {

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorRoundTripsToTheNanosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-01-31T09:00:00.123456789Z"), UUID.randomUUID());

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+"); // safe in a query string as it is
        assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void instantsBeforeTheEpochRoundTripToo() {
        Cursor cursor = new Cursor(Instant.parse("1969-12-31T23:59:59.5Z"), UUID.randomUUID());

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void theEarliestAndLatestInstantsRoundTrip() {
        for (Instant at : List.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
            Cursor cursor = new Cursor(at, UUID.randomUUID());
            assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }

    @ParameterizedTest(name = "[{0}] is the first page")
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noCursorIsTheFirstPage(String cursor) {
        assertThat(Cursor.decode(cursor)).isNull();
    }

    private static final String ID = "3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b";

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> tamperedCursors() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("not Base64 at all", "not base64 at all!"),
                org.junit.jupiter.params.provider.Arguments.of("standard, not URL-safe, Base64", "abc+/def"),
                org.junit.jupiter.params.provider.Arguments.of("one part only", base64("123")),
                org.junit.jupiter.params.provider.Arguments.of("no id", base64("123:456")),
                org.junit.jupiter.params.provider.Arguments.of("seconds not a number", base64("abc:0:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("nanoseconds not a number", base64("123:x:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("id not a UUID", base64("123:0:not-a-uuid")),
                org.junit.jupiter.params.provider.Arguments.of("seconds beyond any instant", base64(Long.MAX_VALUE + ":0:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("a year the database cannot compare", base64("300000000000:0:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("negative nanoseconds", base64("123:-5:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("nanoseconds of more than a second", base64("123:1000000000:" + ID)),
                org.junit.jupiter.params.provider.Arguments.of("a fourth part", base64("123:0:" + ID + ":extra")),
                org.junit.jupiter.params.provider.Arguments.of("an empty fourth part", base64("123:0:" + ID + ":")),
                org.junit.jupiter.params.provider.Arguments.of("an id not in its canonical form", base64("123:0:1-2-3-4-5")),
                org.junit.jupiter.params.provider.Arguments.of("Base64 of binary noise", Base64.getUrlEncoder().encodeToString(new byte[]{-1, 0, 58, 58})));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("tamperedCursors")
    void aTamperedCursorIsA400NamingTheCursor(String name, String cursor) {
        assertThatThrownBy(() -> Cursor.decode(cursor))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    Problem problem = e.toProblem("/api/v1/things");
                    assertThat(problem.type()).isEqualTo("/problems/validation");
                    assertThat(problem.errors()).containsExactly(new Problem.FieldError("cursor", "is not a cursor this API returned"));
                    assertThat(problem.detail()).isEqualTo("The request has an invalid field: cursor is not a cursor this API returned.");
                });
    }

    @ParameterizedTest(name = "limit {0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "50, 50", "200, 200", ", 50"})
    void aLimitInRangeIsTaken(Integer limit, int taken) {
        assertThat(Cursor.limit(limit)).isEqualTo(taken);
    }

    @ParameterizedTest(name = "limit {0} is refused")
    @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE})
    void aLimitOutOfRangeIsA400NamingTheLimit(int limit) {
        assertThatThrownBy(() -> Cursor.limit(limit))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.toProblem("/x").errors())
                        .containsExactly(new Problem.FieldError("limit", "must be between 1 and 200")));
    }

    @Test
    void pagesWalkTheWholeListOnceWhatEverTheLimit() {
        Instant t = Instant.parse("2026-01-31T09:00:00Z");
        // three rows share an instant: the id breaks the tie
        List<Cursor> rows = IntStream.range(0, 7)
                .mapToObj(i -> new Cursor(t.plusMillis(i < 3 ? 0 : i), new UUID(0, i)))
                .toList();

        for (int limit = 1; limit <= 8; limit++) {
            List<Cursor> seen = new java.util.ArrayList<>();
            Cursor after = null;
            for (int guard = 0; guard < 20; guard++) {
                Cursor from = after;
                List<Cursor> next = rows.stream().filter(r -> from == null || r.createdAt().isAfter(from.createdAt())
                        || r.createdAt().equals(from.createdAt()) && r.id().compareTo(from.id()) > 0).limit(limit + 1L).toList();
                Page<Cursor> page = Page.of(next, limit, r -> r, r -> r);
                seen.addAll(page.items());
                if (page.nextCursor() == null) {
                    break;
                }
                after = Cursor.decode(page.nextCursor());
            }
            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void theLastPageHasNoNextCursor() {
        Cursor only = new Cursor(Instant.EPOCH, UUID.randomUUID());

        assertThat(Page.of(List.of(only), 1, r -> r, r -> r).nextCursor()).isNull();
        assertThat(Page.of(List.of(), 5, (Cursor r) -> r, r -> r).items()).isEmpty();
    }

    @Test
    void theAfterConditionOrdersByTimeThenId() {
        assertThat(Cursor.afterCondition("a.createdAt", "a.id"))
                .isEqualTo("(a.createdAt > :at or (a.createdAt = :at and a.id > :id))");
    }
}
