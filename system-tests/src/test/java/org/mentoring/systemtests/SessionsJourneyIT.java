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

    @Test
    void thePairMeetsUnderItsAgreementAndHrSeesOnlySuppressedAggregates() {
        // people of their own: a meeting blocks both calendars across programmes, also those of an earlier run on the same stack
        String menteeUsername = Keycloak.createParticipant("journey-mentee", "Senta", "Senior");
        String mentorUsername = Keycloak.createParticipant("journey-mentor", "Juno", "Junior");
        Journeys.ActiveAgreement agreement = Journeys.activeAgreement(
                Journeys.confirmedMatch("Sessions journey", menteeUsername, mentorUsername), List.of("Automate the weekly report"), 1);
        String id = agreement.agreementId();
        String programmeId = agreement.match().programmeId();
        String mentee = agreement.people().mentee();
        String mentor = agreement.people().mentor();
        String admin = agreement.people().admin();
        String hr = Keycloak.hrIntegrationToken();
        String menteeSub = Keycloak.claims(mentee).get("sub").asText();
        String mentorSub = Keycloak.claims(mentor).get("sub").asText();

        // sessions-service learns of the ACTIVE agreement from agreements-service's events
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", id).then()
                        .statusCode(200).body("status", equalTo("ACTIVE")));
        given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", id).then()
                .body("programmeId", equalTo(programmeId))
                .body("agendaTopics", hasItem(Journeys.TOPIC))
                .body("meetingsHeld", equalTo(0));

        // the agreement asks for the first meeting in person: online is refused, in person in a moment is scheduled (a
        // moment long enough for the two requests on a busy machine: the meeting must still lie ahead when it is booked)
        Instant soon = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(online(id, soon))
                .post("/api/v1/meetings").then()
                .statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("format"));
        Response scheduled = given().auth().oauth2(mentee).contentType(ContentType.JSON)
                .body(Map.of("agreementId", id, "startsAt", soon.toString(), "durationMinutes", 30, "format", "IN_PERSON",
                        "place", PLACE, "agendaTopics", List.of(Journeys.TOPIC), "freeTopics", List.of("getting to know each other")))
                .post("/api/v1/meetings");
        scheduled.then().statusCode(201)
                .header("Location", startsWith(RestAssured.baseURI + "/api/v1/meetings/"))
                .body("status", equalTo("SCHEDULED")).body("inPersonRequired", equalTo(true))
                .body("menteeId", equalTo(menteeSub)).body("mentorId", equalTo(mentorSub));
        String meetingId = scheduled.path("id");
        // the one after it may be online; it lies a few days to weeks ahead
        Instant later = Instant.now().plus(2, ChronoUnit.DAYS)
                .plus(ThreadLocalRandom.current().nextInt(0, 60 * 24 * 30), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String upcomingId = given().auth().oauth2(mentor).contentType(ContentType.JSON).body(online(id, later))
                .post("/api/v1/meetings").then()
                .statusCode(201).body("inPersonRequired", equalTo(false)).extract().path("id");
        given().auth().oauth2(mentor).queryParam("agreementId", id).get("/api/v1/meetings").then()
                .statusCode(200).body("items.id", equalTo(List.of(meetingId, upcomingId)));

        // a calendar file for it
        String ics = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}/ics", meetingId).then()
                .statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT", "UID:" + meetingId + "@", "LOCATION:" + PLACE.replace(",", "\\,"),
                "END:VEVENT");

        // it can be marked held only once it started; then it is
        String etag = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200).extract().header("ETag");
        if (Instant.now().isBefore(soon.minusMillis(1500))) {
            outcome(mentor, meetingId, etag).then().statusCode(409);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(soon));
        outcome(mentor, meetingId, etag).then().statusCode(200).body("status", equalTo("HELD"));

        // a shared note for the pair, a private note for its author only
        given().auth().oauth2(mentor).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", SHARED))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201).body("visibility", equalTo("SHARED"));
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", PRIVATE))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201).body("content", equalTo(PRIVATE));
        given().auth().oauth2(mentee).get("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(200)
                .body("items.content", hasSize(2)).body("items.content", hasItem(SHARED)).body("items.content", hasItem(PRIVATE));
        String mentorsNotes = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(200)
                .body("items.content", equalTo(List.of(SHARED))).extract().asString();
        assertThat(mentorsNotes).doesNotContain(PRIVATE);

        // each rates the meeting; a comment not shared stays with its author
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5, "comment", MENTEE_COMMENT))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201).body("authorRole", equalTo("MENTEE"));
        given().auth().oauth2(mentor).contentType(ContentType.JSON)
                .body(Map.of("rating", 4, "comment", MENTOR_COMMENT, "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201).body("authorRole", equalTo("MENTOR"));
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 1))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(409);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5))
                .post("/api/v1/meetings/{id}/feedback", upcomingId).then().statusCode(409);
        given().auth().oauth2(mentee).get("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(200)
                .body("rating", hasSize(2)).body("rating", hasItem(5)).body("rating", hasItem(4))
                .body("comment", hasItem(MENTEE_COMMENT)).body("comment", hasItem(MENTOR_COMMENT));
        String mentorsFeedback = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}/feedback", meetingId).then()
                .statusCode(200).body("rating", hasSize(2)).extract().asString();
        assertThat(mentorsFeedback).doesNotContain(MENTEE_COMMENT);

        // the pair's progress: one held meeting that covered the agenda topic, one to come
        given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("meetingsHeld", equalTo(1))
                .body("meetingsUpcoming", equalTo(1))
                .body("topicsCovered", equalTo(List.of(Journeys.TOPIC)))
                .body("topicsNotYetCovered", not(hasItem(Journeys.TOPIC)))
                .body("lastMeetingAt", notNullValue())
                .body("daysSinceLastMeeting", equalTo(0));

        // what admins and HR may read holds no note and no feedback comment
        List<String> readByAdminOrHr = new ArrayList<>();
        for (String token : List.of(admin, hr)) {
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
        readByAdminOrHr.add(given().auth().oauth2(admin).get("/api/v1/meetings/agreements/{id}/progress", id).then()
                .statusCode(200).body("meetingsHeld", equalTo(1)).extract().asString());
        given().auth().oauth2(Keycloak.tokenFor(Journeys.STRANGER)).get("/api/v1/meetings/{id}/notes", meetingId).then()
                .statusCode(404);

        // the programme report: one pair is too small a group, so every figure is suppressed, for admins and HR alike
        for (String token : List.of(admin, hr)) {
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

            // the gateway's one report for HR: all four services answered, and a one-pair programme shows no figure
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
            assertThat(report).doesNotContain(menteeSub).doesNotContain(mentorSub).doesNotContain(meetingId);
        }
        given().auth().oauth2(mentee).get("/api/v1/meetings/reports/programmes/{id}", programmeId).then().statusCode(403);
        assertThat(readByAdminOrHr).allSatisfy(body -> assertThat(body)
                .doesNotContain(SHARED).doesNotContain(PRIVATE).doesNotContain(MENTEE_COMMENT).doesNotContain(MENTOR_COMMENT));

        // ending the agreement cancels the meeting still to come; the held one stays held
        given().auth().oauth2(mentor).header("If-Match", Journeys.etag(mentor, id)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME",
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", id).then().statusCode(200).body("status", equalTo("TERMINATED"));
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", upcomingId).then()
                        .statusCode(200).body("status", equalTo("CANCELLED")));
        given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetingId).then().body("status", equalTo("HELD"));
        given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", id).then()
                .body("status", equalTo("TERMINATED")).body("meetingsHeld", equalTo(1)).body("meetingsCancelled", equalTo(1));
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(online(id, later.plus(1, ChronoUnit.DAYS)))
                .post("/api/v1/meetings").then().statusCode(409);

        // each downloads everything the services hold about them as one document: the mentee's holds the application, the
        // confirmed proposal, the agreement, the meetings and their own private note, decrypted; the mentor's never that note
        given().auth().oauth2(mentee).get("/api/v1/me/export").then()
                .statusCode(200).header("Content-Disposition", startsWith("attachment"))
                .body("subject", equalTo(menteeSub))
                .body("complete", equalTo(true)).body("unavailable", hasSize(0))
                .body("applicants.applications.programmeId", hasItem(programmeId))
                .body("matching.proposals.status", hasItem("CONFIRMED"))
                .body("agreements.agreements.agreement.id", hasItem(id))
                .body("sessions.meetings.id", hasItem(meetingId))
                .body("sessions.notes.content", hasItem(PRIVATE))
                .body("sessions.notes.content", hasItem(SHARED));
        String mentorsExport = given().auth().oauth2(mentor).get("/api/v1/me/export").then()
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
