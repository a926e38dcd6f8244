package org.mentoring.platform.paging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keyset-paged list query the services' list endpoints share: which filters end up in the HQL with which parameters,
 * and how a cursor continues a list.
 */
class PageQueryTest {

    private static final UUID PROGRAMME = UUID.fromString("3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b");
    private static final List<UUID> AMONG = List.of(PROGRAMME, UUID.fromString("0b5e1f43-6a2d-4c1e-8f7a-9d3c2b1a0e4f"));
    private static final Cursor CURSOR = new Cursor(Instant.parse("2026-01-31T09:00:00.123456789Z"),
            UUID.fromString("7d9e8f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a"));
    private static final List<String> VISIBLE = List.of("APPROVED", "CONFIRMED", "DECLINED");
    private static final String PARTY = "(menteeApplicantId = :subject or mentorApplicantId = :subject)";
    private static final String AFTER = "(createdAt > :at or (createdAt = :at and id > :id))";
    private static final String ORDER = " order by createdAt, id";

    private static PageQuery q() {
        return PageQuery.orderedBy("createdAt", "id");
    }

    /** The filters of the agreements' and the proposals' lists, as their repositories set them. */
    private static PageQuery listFilters(UUID programme, List<UUID> among, String status, String subject, boolean onlyVisible) {
        return q()
                .and("programmeId = :programme", "programme", programme)
                .and("programmeId in :among", "among", among)
                .and("status = :status", "status", status)
                .and(PARTY, "subject", subject)
                .andWhen(onlyVisible && subject != null, "status in :visible", "visible", VISIBLE);
    }

    private static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("no filter, first page", (Supplier<PageQuery>) PageQueryTest::q,
                        "order by createdAt, id", params()),
                Arguments.of("filters whose value is null are left out",
                        (Supplier<PageQuery>) () -> listFilters(null, null, null, null, true),
                        "order by createdAt, id", params()),
                Arguments.of("one programme (an admin naming it)",
                        (Supplier<PageQuery>) () -> listFilters(PROGRAMME, null, null, null, false),
                        "programmeId = :programme" + ORDER, params("programme", PROGRAMME)),
                Arguments.of("the admin's programmes and a status",
                        (Supplier<PageQuery>) () -> listFilters(null, AMONG, "ACTIVE", null, false),
                        "programmeId in :among and status = :status" + ORDER, params("among", AMONG, "status", "ACTIVE")),
                Arguments.of("a participant's own",
                        (Supplier<PageQuery>) () -> listFilters(null, null, null, "subject-1", false),
                        PARTY + ORDER, params("subject", "subject-1")),
                Arguments.of("a participant's own, only what they may see",
                        (Supplier<PageQuery>) () -> listFilters(PROGRAMME, null, null, "subject-1", true),
                        "programmeId = :programme and " + PARTY + " and status in :visible" + ORDER,
                        params("programme", PROGRAMME, "subject", "subject-1", "visible", VISIBLE)),
                Arguments.of("the participants' visibility is left out without a subject",
                        (Supplier<PageQuery>) () -> listFilters(PROGRAMME, null, "PROPOSED", null, true),
                        "programmeId = :programme and status = :status" + ORDER, params("programme", PROGRAMME, "status", "PROPOSED")),
                Arguments.of("every filter, after a cursor: the cursor's condition comes last",
                        (Supplier<PageQuery>) () -> listFilters(PROGRAMME, AMONG, "ACTIVE", "subject-1", true).after(CURSOR),
                        "programmeId = :programme and programmeId in :among and status = :status and " + PARTY
                                + " and status in :visible and " + AFTER + ORDER,
                        params("programme", PROGRAMME, "among", AMONG, "status", "ACTIVE", "subject", "subject-1", "visible", VISIBLE,
                                "at", CURSOR.createdAt(), "id", CURSOR.id())),
                Arguments.of("a cursor alone", (Supplier<PageQuery>) () -> q().after(CURSOR),
                        AFTER + ORDER, params("at", CURSOR.createdAt(), "id", CURSOR.id())),
                Arguments.of("no cursor is the first page", (Supplier<PageQuery>) () -> q().and("status = :status", "status", "DRAFT").after(null),
                        "status = :status" + ORDER, params("status", "DRAFT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void filtersSetMakeTheQueryAndItsParameters(String name, Supplier<PageQuery> build, String hql, Map<String, Object> parameters) {
        PageQuery query = build.get();

        assertThat(query.hql()).isEqualTo(hql);
        assertThat(query.parameters().map()).containsExactlyInAnyOrderEntriesOf(parameters);
    }

    @Test
    void otherFieldsOrderAndContinueTheList() {
        PageQuery query = PageQuery.orderedBy("p.submittedAt", "p.id")
                .and("p.programmeId = :programme", "programme", PROGRAMME)
                .after(CURSOR);

        assertThat(query.hql()).isEqualTo("p.programmeId = :programme and (p.submittedAt > :at or (p.submittedAt = :at and p.id > :id))"
                + " order by p.submittedAt, p.id");
    }

    @Test
    void theNextCursorOfAPageContinuesAfterItsLastRow() {
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        List<Cursor> rows = List.of(new Cursor(t, new UUID(0, 1)), new Cursor(t, new UUID(0, 2)), new Cursor(t.plusNanos(1), new UUID(0, 3)));
        Page<Cursor> first = Page.of(rows, 2, r -> r, r -> r);

        PageQuery next = listFilters(PROGRAMME, null, null, null, false).after(Cursor.decode(first.nextCursor()));

        assertThat(next.hql()).isEqualTo("programmeId = :programme and " + AFTER + ORDER);
        assertThat(next.parameters().map())
                .containsEntry("at", t)
                .containsEntry("id", new UUID(0, 2))
                .containsEntry("programme", PROGRAMME);
    }

    @Test
    void theCursorsParametersAreNotAFiltersToName() {
        assertThatThrownBy(() -> PageQuery.orderedBy("createdAt", "id").and("id = :id", "id", UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":id is the cursor's");
        assertThatThrownBy(() -> PageQuery.orderedBy("createdAt", "id").and("createdAt < :at", "at", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":at is the cursor's");
    }

    @Test
    void aParameterNamesOneFilterOnly() {
        assertThatThrownBy(() -> PageQuery.orderedBy("createdAt", "id")
                .and("status = :status", "status", null)
                .and("previousStatus = :status", "status", "DRAFT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":status is already the parameter of another filter");
    }

    @Test
    void aConditionMustUseItsParameterEvenWhenItsValueIsNotSet() {
        // caught on every call, not only when the filter happens to be set
        assertThatThrownBy(() -> PageQuery.orderedBy("createdAt", "id").and("programmeId = :programmeId", "programme", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not use its parameter :programme");
    }

    @Test
    void aConditionThatAppliesNeedsAValue() {
        assertThatThrownBy(() -> PageQuery.orderedBy("createdAt", "id").andWhen(true, "status in :visible", "visible", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining(":visible");
    }
}
