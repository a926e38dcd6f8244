package org.mentoring.sessions.availability;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.reschedule;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * Meetings outside the weekly availability people state in their applications (projected from the applicants topic) are
 * scheduled with warnings, never refused.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AvailabilityTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String MIA_HOURS = """
            {"weekdays":["WEDNESDAY","MONDAY"],"from":"09:00","to":"17:00","timeZone":"Europe/Berlin"}""";
    private static final String NOAH_HOURS = """
            {"weekdays":["WEDNESDAY"],"from":"16:00","to":"20:00","timeZone":"Asia/Tokyo"}""";
    private static final String EXPORT = "/api/v1/meetings/me/export";

    @Test
    void aMeetingOutsideSomeonesHoursIsScheduledWithAWarningInTheirTimeZone() {
        SessionsFixtures.Pair pair = newPair();
        UUID menteeApplication = UUID.randomUUID();
        UUID mentorApplication = UUID.randomUUID();
        SessionsFixtures.application(mentorApplication, pair.programmeId(), pair.mentor(), "MENTOR", "Mia", 1, MIA_HOURS);
        SessionsFixtures.application(menteeApplication, pair.programmeId(), pair.mentee(), "MENTEE", "Noah", 1, NOAH_HOURS);
        SessionsFixtures.active(pair, 0, menteeApplication, mentorApplication);
        awaitStatedWeekdays(pair.mentorToken(), List.of("MONDAY", "WEDNESDAY"));
        awaitStatedWeekdays(pair.menteeToken(), List.of("WEDNESDAY"));

        // Tuesday 19:00 in Berlin: outside Mia's hours, and Wednesday small hours in Tokyo for Noah
        Instant tuesdayEvening = next(DayOfWeek.TUESDAY, LocalTime.of(19, 0));
        var created = schedule(pair.menteeToken(), online(pair, tuesdayEvening, 60));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.<List<String>>path("warnings.code")).containsExactly("OUTSIDE_AVAILABILITY", "OUTSIDE_AVAILABILITY");
        List<String> details = created.path("warnings.detail");
        assertThat(details.get(0)).isEqualTo("Tuesday 19:00-20:00 Europe/Berlin is outside Mia's stated hours (Mon, Wed 09:00-17:00)");
        assertThat(details.get(1)).startsWith("Wednesday 0").contains("Asia/Tokyo is outside Noah's stated hours (Wed 16:00-20:00)");
        String id = created.path("id");
        var read = given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}", id).then().statusCode(200).extract();
        assertThat(read.<List<String>>path("warnings.detail")).isEqualTo(details);

        // Wednesday 10:00 in Berlin suits both: the warnings go
        var suits = reschedule(pair.mentorToken(), id, read.header("ETag"),
                online(pair, next(DayOfWeek.WEDNESDAY, LocalTime.of(10, 0)), 60));
        assertThat(suits.statusCode()).as(suits.asString()).isEqualTo(200);
        assertThat(suits.<List<?>>path("warnings")).isEmpty();

        // running past Mia's end of day on a Monday is outside too; Noah's Monday is not one of his days
        var late = reschedule(pair.mentorToken(), id, suits.header("ETag"),
                online(pair, next(DayOfWeek.MONDAY, LocalTime.of(16, 30)), 60));
        assertThat(late.statusCode()).as(late.asString()).isEqualTo(200);
        assertThat(late.<List<String>>path("warnings.detail")).hasSize(2)
                .contains("Monday 16:30-17:30 Europe/Berlin is outside Mia's stated hours (Mon, Wed 09:00-17:00)");
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(id) && r.value().contains("mentoring.meeting.rescheduled.v1"),
                Duration.ofSeconds(30));
    }

    @Test
    void anOlderSnapshotIsSkippedAndAnErasureRemovesTheHoursAndTheWarningsThatNameThePerson() {
        SessionsFixtures.Pair pair = newPair();
        UUID menteeApplication = UUID.randomUUID();
        UUID mentorApplication = UUID.randomUUID();
        SessionsFixtures.application(mentorApplication, pair.programmeId(), pair.mentor(), "MENTOR", "Mia", 5, MIA_HOURS);
        SessionsFixtures.active(pair, 0, menteeApplication, mentorApplication);
        awaitStatedWeekdays(pair.mentorToken(), List.of("MONDAY", "WEDNESDAY"));

        // an older snapshot (any time) arriving late changes nothing
        double skipped = staleAvailabilityEvents();
        SessionsFixtures.application(mentorApplication, pair.programmeId(), pair.mentor(), "MENTOR", "Mia", 3, null);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> staleAvailabilityEvents() > skipped);
        awaitStatedWeekdays(pair.mentorToken(), List.of("MONDAY", "WEDNESDAY"));
        var outside = schedule(pair.menteeToken(), online(pair, next(DayOfWeek.TUESDAY, LocalTime.of(19, 0)), 60));
        assertThat(outside.statusCode()).as(outside.asString()).isEqualTo(201);
        assertThat(outside.<List<String>>path("warnings.detail")).singleElement().asString().contains("Mia's stated hours");
        String id = outside.path("id");

        // the mentor is erased: their hours and the warnings about them go
        SessionsFixtures.erased(pair.mentor(), List.of(mentorApplication));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", id).then().statusCode(200)
                        .extract().<List<?>>path("warnings")).isEmpty());
        assertThat(given().auth().oauth2(pair.mentorToken()).get(EXPORT).then().statusCode(200).extract()
                .<List<?>>path("availability")).isEmpty();

        // an application event published before the erasure and arriving after it does not bring the hours back: the marker
        // after it on the same partition shows it was handled
        SessionsFixtures.application(mentorApplication, pair.programmeId(), pair.mentor(), "MENTOR", "Mia", 6, MIA_HOURS);
        String marker = "marker-" + UUID.randomUUID();
        SessionsFixtures.application(mentorApplication.toString(), UUID.randomUUID(), pair.programmeId(), marker, "MENTEE", "Marker", 1,
                NOAH_HOURS);
        awaitStatedWeekdays(org.mentoring.testsupport.TestTokens.participant(marker), List.of("WEDNESDAY"));
        assertThat(given().auth().oauth2(pair.mentorToken()).get(EXPORT).then().statusCode(200).extract()
                .<List<?>>path("availability")).isEmpty();
        var again = schedule(pair.menteeToken(), online(pair, next(DayOfWeek.TUESDAY, LocalTime.of(19, 0)).plus(Duration.ofDays(7)), 60));
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(201);
        assertThat(again.<List<?>>path("warnings")).isEmpty();
    }

    /** The next such weekday and time in Berlin, at least two days ahead. */
    private static Instant next(DayOfWeek day, LocalTime time) {
        LocalDate date = LocalDate.now(BERLIN).plusDays(2).with(TemporalAdjusters.nextOrSame(day));
        return date.atTime(time).atZone(BERLIN).toInstant();
    }

    private static void awaitStatedWeekdays(String token, List<String> weekdays) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            ExtractableResponse<Response> export = given().auth().oauth2(token).get(EXPORT).then().statusCode(200).extract();
            assertThat(export.<List<List<String>>>path("availability.weekdays")).containsExactly(weekdays);
        });
    }

    private static double staleAvailabilityEvents() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("mentoring_projection_stale_events_total") && l.contains("projection=\"availability\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
