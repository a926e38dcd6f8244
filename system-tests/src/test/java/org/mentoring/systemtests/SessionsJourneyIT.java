package org.mentoring.systemtests;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mentoring.systemtests.Journeys.step;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * Under an agreement both signed, sessions-service (whose copy of the agreement comes from agreements-service's events on
 * Kafka) lets the pair schedule meetings, the first one in person as the agreement asks, mark it held, keep shared and
 * private notes, rate it, follow their progress and put it in a calendar; admins and HR see aggregates only, with a
 * one-pair programme's figures suppressed, and never a note. Ending the agreement cancels the meetings still to come. Each
 * person's export, composed by the gateway, holds the whole journey and their own private note, never the other's.
 */
class SessionsJourneyIT {

    private static final String PLACE = "Cafeteria, building C";
    private static final String SHARED = "We agreed to try an AI summary of the weekly report " + UUID.randomUUID();
    private static final String PRIVATE = "I still feel unsure about prompting " + UUID.randomUUID();
    private static final String MENTEE_COMMENT = "Very practical " + UUID.randomUUID();
    private static final String MENTOR_COMMENT = "Great questions " + UUID.randomUUID();

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    /** The pair's agreement in force, the people around it, and the pair's subjects. */
    private record Pair(String agreementId, String programmeId, String mentee, String mentor, String admin, String hr,
                        String menteeSub, String mentorSub) {
    }

    /** The first meeting (in person, starting {@code soon}) and the one after it (online, starting {@code later}). */
    private record Meetings(String firstId, Instant soon, String upcomingId, Instant later) {
    }

    @Test
    void thePairMeetsUnderItsAgreementAndHrSeesOnlySuppressedAggregates() {
        Pair pair = step("a pair of their own signs an agreement", () -> aPairOfTheirOwnSignsAnAgreement());
        step("sessions-service learns of the active agreement", () -> sessionsServiceLearnsOfTheActiveAgreement(pair));
        Meetings meetings = step("the pair schedules a first meeting in person and one online after it",
                () -> thePairSchedulesAFirstMeetingInPersonAndOneOnlineAfterIt(pair));
        step("the mentor downloads a calendar file", () -> theMentorDownloadsACalendarFile(pair, meetings));
        step("the mentor marks the first meeting held once it started", () -> theMentorMarksTheFirstMeetingHeldOnceItStarted(pair, meetings));
        step("the pair keeps a shared and a private note", () -> thePairKeepsASharedAndAPrivateNote(pair, meetings));
        step("each rates the meeting", () -> eachRatesTheMeeting(pair, meetings));
        step("the pair follows its progress", () -> thePairFollowsItsProgress(pair));
        List<String> readByAdminOrHr = step("admins and HR read no note and no feedback",
                () -> adminsAndHrReadNoNoteAndNoFeedback(pair, meetings));
        step("the programme report suppresses a one-pair programme's figures",
                () -> theProgrammeReportSuppressesAOnePairProgrammesFigures(pair, meetings, readByAdminOrHr));
        step("ending the agreement cancels the meeting to come", () -> endingTheAgreementCancelsTheMeetingToCome(pair, meetings));
        step("each exports what the services hold about them", () -> eachExportsWhatTheServicesHoldAboutThem(pair, meetings));
    }

    /**
     * People of their own: a meeting blocks both calendars across programmes, also those of an earlier run on the same stack.
     */
    private static Pair aPairOfTheirOwnSignsAnAgreement() {
        String menteeUsername = Keycloak.createParticipant("journey-mentee", "Senta", "Senior");
        String mentorUsername = Keycloak.createParticipant("journey-mentor", "Juno", "Junior");
        Journeys.ActiveAgreement agreement = Journeys.activeAgreement(
                Journeys.confirmedMatch("Sessions journey", menteeUsername, mentorUsername), List.of("Automate the weekly report"), 1);
        String mentee = agreement.people().mentee();
        String mentor = agreement.people().mentor();
        return new Pair(agreement.agreementId(), agreement.match().programmeId(), mentee, mentor, agreement.people().admin(),
                Keycloak.hrIntegrationToken(), Keycloak.claims(mentee).get("sub").asText(), Keycloak.claims(mentor).get("sub").asText());
    }

    /** Sessions-service learns of the ACTIVE agreement from agreements-service's events. */
    private static void sessionsServiceLearnsOfTheActiveAgreement(Pair pair) {
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(pair.mentee()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                        .statusCode(200).body("status", equalTo("ACTIVE")));
        given().auth().oauth2(pair.mentee()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .body("programmeId", equalTo(pair.programmeId()))
                .body("agendaTopics", hasItem(Journeys.TOPIC))
                .body("meetingsHeld", equalTo(0));
    }

    /**
     * The agreement asks for the first meeting in person: online is refused, in person in a moment is scheduled (a moment
     * long enough for the two requests on a busy machine: the meeting must still lie ahead when it is booked). The one after
     * it may be online; it lies a few days to weeks ahead.
     */
    private static Meetings thePairSchedulesAFirstMeetingInPersonAndOneOnlineAfterIt(Pair pair) {
        String id = pair.agreementId();
        Instant soon = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);
        given().auth().oauth2(pair.mentee()).contentType(ContentType.JSON).body(online(id, soon))
                .post("/api/v1/meetings").then()
                .statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("format"));
        Response scheduled = given().auth().oauth2(pair.mentee()).contentType(ContentType.JSON)
                .body(Map.of("agreementId", id, "startsAt", soon.toString(), "durationMinutes", 30, "format", "IN_PERSON",
                        "place", PLACE, "agendaTopics", List.of(Journeys.TOPIC), "freeTopics", List.of("getting to know each other")))
                .post("/api/v1/meetings");
        scheduled.then().statusCode(201)
                .header("Location", startsWith(RestAssured.baseURI + "/api/v1/meetings/"))
                .body("status", equalTo("SCHEDULED")).body("inPersonRequired", equalTo(true))
                .body("menteeId", equalTo(pair.menteeSub())).body("mentorId", equalTo(pair.mentorSub()));
        String meetingId = scheduled.path("id");
        Instant later = Instant.now().plus(2, ChronoUnit.DAYS)
                .plus(ThreadLocalRandom.current().nextInt(0, 60 * 24 * 30), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String upcomingId = given().auth().oauth2(pair.mentor()).contentType(ContentType.JSON).body(online(id, later))
                .post("/api/v1/meetings").then()
                .statusCode(201).body("inPersonRequired", equalTo(false)).extract().path("id");
        given().auth().oauth2(pair.mentor()).queryParam("agreementId", id).get("/api/v1/meetings").then()
                .statusCode(200).body("items.id", equalTo(List.of(meetingId, upcomingId)));
        return new Meetings(meetingId, soon, upcomingId, later);
    }

    /** A calendar file for the first meeting. */
    private static void theMentorDownloadsACalendarFile(Pair pair, Meetings meetings) {
        String meetingId = meetings.firstId();
        String ics = given().auth().oauth2(pair.mentor()).get("/api/v1/meetings/{id}/ics", meetingId).then()
                .statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT", "UID:" + meetingId + "@", "LOCATION:" + PLACE.replace(",", "\\,"),
                "END:VEVENT");
    }

    /** It can be marked held only once it started; then it is. */
    private static void theMentorMarksTheFirstMeetingHeldOnceItStarted(Pair pair, Meetings meetings) {
        String mentor = pair.mentor();
        String meetingId = meetings.firstId();
        Instant soon = meetings.soon();
        String etag = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200).extract().header("ETag");
        if (Instant.now().isBefore(soon.minusMillis(1500))) {
            outcome(mentor, meetingId, etag).then().statusCode(409);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(soon));
        outcome(mentor, meetingId, etag).then().statusCode(200).body("status", equalTo("HELD"));
    }

    /** A shared note for the pair, a private note for its author only. */
    private static void thePairKeepsASharedAndAPrivateNote(Pair pair, Meetings meetings) {
        String meetingId = meetings.firstId();
        given().auth().oauth2(pair.mentor()).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", SHARED))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201).body("visibility", equalTo("SHARED"));
        given().auth().oauth2(pair.mentee()).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", PRIVATE))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201).body("content", equalTo(PRIVATE));
        given().auth().oauth2(pair.mentee()).get("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(200)
                .body("items.content", hasSize(2)).body("items.content", hasItem(SHARED)).body("items.content", hasItem(PRIVATE));
        String mentorsNotes = given().auth().oauth2(pair.mentor()).get("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(200)
                .body("items.content", equalTo(List.of(SHARED))).extract().asString();
        assertThat(mentorsNotes).doesNotContain(PRIVATE);
    }

    /** Each rates the meeting; a comment not shared stays with its author. */
    private static void eachRatesTheMeeting(Pair pair, Meetings meetings) {
        String mentee = pair.mentee();
        String mentor = pair.mentor();
        String meetingId = meetings.firstId();
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5, "comment", MENTEE_COMMENT))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201).body("authorRole", equalTo("MENTEE"));
        given().auth().oauth2(mentor).contentType(ContentType.JSON)
                .body(Map.of("rating", 4, "comment", MENTOR_COMMENT, "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201).body("authorRole", equalTo("MENTOR"));
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 1))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(409);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5))
                .post("/api/v1/meetings/{id}/feedback", meetings.upcomingId()).then().statusCode(409);
        given().auth().oauth2(mentee).get("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(200)
                .body("rating", hasSize(2)).body("rating", hasItem(5)).body("rating", hasItem(4))
                .body("comment", hasItem(MENTEE_COMMENT)).body("comment", hasItem(MENTOR_COMMENT));
        String mentorsFeedback = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}/feedback", meetingId).then()
                .statusCode(200).body("rating", hasSize(2)).extract().asString();
        assertThat(mentorsFeedback).doesNotContain(MENTEE_COMMENT);
    }

    /** The pair's progress: one held meeting that covered the agenda topic, one to come. */
    private static void thePairFollowsItsProgress(Pair pair) {
        given().auth().oauth2(pair.mentee()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("meetingsHeld", equalTo(1))
                .body("meetingsUpcoming", equalTo(1))
                .body("topicsCovered", equalTo(List.of(Journeys.TOPIC)))
                .body("topicsNotYetCovered", not(hasItem(Journeys.TOPIC)))
                .body("lastMeetingAt", notNullValue())
                .body("daysSinceLastMeeting", equalTo(0));
    }

    /**
     * What admins and HR may read holds no note and no feedback comment: returns every body they read, for the check after
     * the reports.
     */
    private static List<String> adminsAndHrReadNoNoteAndNoFeedback(Pair pair, Meetings meetings) {
        String admin = pair.admin();
        String meetingId = meetings.firstId();
        List<String> readByAdminOrHr = new ArrayList<>();
        for (String token : List.of(admin, pair.hr())) {
            readByAdminOrHr.add(given().auth().oauth2(token).get("/api/v1/meetings/{id}/notes", meetingId).then()
                    .statusCode(oneOf(403, 404)).contentType("application/problem+json").extract().asString());
            readByAdminOrHr.add(given().auth().oauth2(token).get("/api/v1/meetings/{id}/feedback", meetingId).then()
                    .statusCode(oneOf(403, 404)).extract().asString());
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", "x"))
                    .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(oneOf(403, 404));
        }
        readByAdminOrHr.add(given().auth().oauth2(admin).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200)
                .body("status", equalTo("HELD")).body("$", not(hasKey("content")))
                .body("$", not(hasKey("notes")))
                .extract().asString());
        readByAdminOrHr.add(given().auth().oauth2(admin).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200).body("meetingsHeld", equalTo(1)).extract().asString());
        given().auth().oauth2(Keycloak.tokenFor(Journeys.STRANGER)).get("/api/v1/meetings/{id}/notes", meetingId).then()
                .statusCode(404);
        return readByAdminOrHr;
    }

    /**
     * The programme report: one pair is too small a group, so every figure is suppressed, for admins and HR alike. The
     * gateway's one report for HR: all four services answered, and a one-pair programme shows no figure. Nothing admins or
     * HR read, here or in {@code readEarlier}, holds a note or a feedback comment.
     */
    private static void theProgrammeReportSuppressesAOnePairProgrammesFigures(Pair pair, Meetings meetings, List<String> readEarlier) {
        String programmeId = pair.programmeId();
        List<String> readByAdminOrHr = new ArrayList<>(readEarlier);
        for (String token : List.of(pair.admin(), pair.hr())) {
            String report = given().auth().oauth2(token).get("/api/v1/meetings/reports/programmes/{id}", programmeId).then()
                    .statusCode(200)
                    .body("programmeId", equalTo(programmeId))
                    .body("minimumGroupSize", equalTo(5))
                    .body("pairs.suppressed", equalTo(true)).body("pairs.value", nullValue())
                    .body("outcomes.active.suppressed", equalTo(true)).body("outcomes.active.value", nullValue())
                    .body("meetingsHeld.suppressed", equalTo(true)).body("meetingsHeld.value", nullValue())
                    .body("averageRating.suppressed", equalTo(true)).body("averageRating.value", nullValue())
                    .body("ratings.suppressed", equalTo(true))
                    // the pair's covered topic is left out, and counted as left out
                    .body("topicsCovered", hasSize(0)).body("topicsSuppressed", equalTo(1))
                    .extract().asString();
            readByAdminOrHr.add(report);

            String composed = given().auth().oauth2(token).get("/api/v1/reports/programmes/{id}", programmeId).then()
                    .statusCode(200)
                    .body("programmeId", equalTo(programmeId))
                    .body("complete", equalTo(true)).body("unavailable", hasSize(0))
                    .body("summary.applications", nullValue())
                    .body("summary.confirmedPairs", nullValue())
                    .body("summary.activeAgreements", nullValue())
                    .body("agreements.byStatus.ACTIVE", nullValue())
                    .body("suppressed", org.hamcrest.Matchers.hasItems("agreements.byStatus.ACTIVE", "applications.applications",
                            "matching.confirmedPairs"))
                    .body("meetings.meetingsHeld.suppressed", equalTo(true))
                    .extract().asString();
            readByAdminOrHr.add(composed);
            assertThat(report).doesNotContain(pair.menteeSub()).doesNotContain(pair.mentorSub()).doesNotContain(meetings.firstId());
        }
        given().auth().oauth2(pair.mentee()).get("/api/v1/meetings/reports/programmes/{id}", programmeId).then().statusCode(403);
        assertThat(readByAdminOrHr).allSatisfy(body -> assertThat(body)
                .doesNotContain(SHARED).doesNotContain(PRIVATE).doesNotContain(MENTEE_COMMENT).doesNotContain(MENTOR_COMMENT));
    }

    /** Ending the agreement cancels the meeting still to come; the held one stays held, and no new one can be booked. */
    private static void endingTheAgreementCancelsTheMeetingToCome(Pair pair, Meetings meetings) {
        String id = pair.agreementId();
        String mentee = pair.mentee();
        String mentor = pair.mentor();
        given().auth().oauth2(mentor).header("If-Match", Journeys.etag(mentor, id)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME",
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", id).then().statusCode(200).body("status", equalTo("TERMINATED"));
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetings.upcomingId()).then()
                        .statusCode(200).body("status", equalTo("CANCELLED")));
        given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetings.firstId()).then().body("status", equalTo("HELD"));
        given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", id).then()
                .body("status", equalTo("TERMINATED")).body("meetingsHeld", equalTo(1)).body("meetingsCancelled", equalTo(1));
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(online(id, meetings.later().plus(1, ChronoUnit.DAYS)))
                .post("/api/v1/meetings").then().statusCode(409);
    }

    /**
     * Each downloads everything the services hold about them as one document: the mentee's holds the application, the
     * confirmed proposal, the agreement, the meetings and their own private note, decrypted; the mentor's never that note.
     */
    private static void eachExportsWhatTheServicesHoldAboutThem(Pair pair, Meetings meetings) {
        String id = pair.agreementId();
        given().auth().oauth2(pair.mentee()).get("/api/v1/me/export").then()
                .statusCode(200).header("Content-Disposition", startsWith("attachment"))
                .body("subject", equalTo(pair.menteeSub()))
                .body("complete", equalTo(true)).body("unavailable", hasSize(0))
                .body("applicants.applications.programmeId", hasItem(pair.programmeId()))
                .body("matching.proposals.status", hasItem("CONFIRMED"))
                .body("agreements.agreements.agreement.id", hasItem(id))
                .body("sessions.meetings.id", hasItem(meetings.firstId()))
                .body("sessions.notes.content", hasItem(PRIVATE))
                .body("sessions.notes.content", hasItem(SHARED));
        String mentorsExport = given().auth().oauth2(pair.mentor()).get("/api/v1/me/export").then()
                .statusCode(200).body("complete", equalTo(true))
                .body("agreements.agreements.agreement.id", hasItem(id))
                .body("sessions.notes.content", hasItem(SHARED))
                .extract().asString();
        assertThat(mentorsExport).doesNotContain(PRIVATE).doesNotContain(MENTEE_COMMENT);
    }

    private static Map<String, Object> online(String agreementId, Instant startsAt) {
        return Map.of("agreementId", agreementId, "startsAt", startsAt.toString(), "durationMinutes", 45, "format", "ONLINE",
                "videoLink", "https://meet.example.org/pair-" + agreementId, "agendaTopics", List.of(Journeys.TOPIC));
    }

    private static Response outcome(String token, String meetingId, String etag) {
        return given().auth().oauth2(token).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("status", "HELD"))
                .post("/api/v1/meetings/{id}/outcome", meetingId);
    }
}
