package org.mentoring.sessions.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.assertProblem;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * The agreements projection keeps the newest snapshot of each agreement, by revision whatever the clocks say, and keeps
 * an erased person out even when an agreement event published before the erasure arrives after it.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aLateActivatedCannotReviveATerminatedAgreement() {
        SessionsFixtures.Pair pair = newPair();
        Instant t = Instant.now();
        send(pair.agreementId(), EventTypes.AGREEMENT_ACTIVATED, agreement(pair, "ACTIVE", 14, t, 1L));
        awaitStatus(pair, "ACTIVE");
        String future = schedule(pair.menteeToken(), online(pair, inDays(10), 60)).path("id");
        send(pair.agreementId(), EventTypes.AGREEMENT_TERMINATED, agreement(pair, "TERMINATED", 14, t.plusSeconds(1), 3L));
        awaitStatus(pair, "TERMINATED");

        // the activation again, and an amendment stamped by a clock running ahead: both older by revision
        send(pair.agreementId(), EventTypes.AGREEMENT_ACTIVATED, agreement(pair, "ACTIVE", 14, t, 1L));
        send(pair.agreementId(), EventTypes.AGREEMENT_AMENDED, agreement(pair, "ACTIVE", 28, t.plusSeconds(3600), 2L));
        SessionsFixtures.Pair marker = newPair();
        send(pair.agreementId(), EventTypes.AGREEMENT_ACTIVATED, agreement(marker, "ACTIVE", 14, Instant.now(), 0L));
        awaitStatus(marker, "ACTIVE");

        given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("meetingCadenceDays", equalTo(14));
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", future).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertProblem(schedule(pair.menteeToken(), online(pair, inDays(11), 60)), 409);
    }

    @Test
    void anAgreementEventOvertakenByAnErasureKeepsThePersonOut() {
        SessionsFixtures.Pair pair = newPair();
        Instant t = Instant.now();
        send(pair.agreementId(), EventTypes.AGREEMENT_ACTIVATED, agreement(pair, "ACTIVE", 14, t, 1L));
        awaitStatus(pair, "ACTIVE");
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200);

        send(UUID.randomUUID(), EventTypes.APPLICANT_ERASED, new ApplicantErasedV1(pair.mentee(), List.of(applicationOf(pair.mentee())), Instant.now()));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> given().auth().oauth2(pair.menteeToken())
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().extract().statusCode() == 404);

        // published by agreements-service before it saw the erasure: it still names the person
        send(pair.agreementId(), EventTypes.AGREEMENT_AMENDED, agreement(pair, "ACTIVE", 21, t.plusSeconds(1), 2L));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().body("meetingCadenceDays", equalTo(21)));
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(404);
        assertProblem(schedule(pair.menteeToken(), online(pair, inDays(5), 60)), 404);
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200);
    }

    private static void awaitStatus(SessionsFixtures.Pair pair, String status) {
        SessionsFixtures.team(pair.programmeId());
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                        .then().extract().path("status")));
    }

    private static AgreementV1 agreement(SessionsFixtures.Pair pair, String status, int cadenceDays, Instant changedAt, Long revision) {
        LocalDate start = LocalDate.now();
        AgreementV1.Ending ending = status.equals("TERMINATED") ? new AgreementV1.Ending("MENTEE", "OTHER", true, null, changedAt) : null;
        return new AgreementV1(pair.agreementId(), UUID.randomUUID(), pair.programmeId(), status, 1, 1,
                new AgreementV1.Party(applicationOf(pair.mentee()), pair.mentee(), "Mentee"),
                new AgreementV1.Party(applicationOf(pair.mentor()), pair.mentor(), "Mentor"),
                List.of("leading-teams", "digital-work"), start, start.plusMonths(6), cadenceDays, 0, "ONLINE", ending, changedAt, revision);
    }

    /** The application a person's agreement came from: what agreement events and the erasure both name. */
    private static UUID applicationOf(String person) {
        return UUID.nameUUIDFromBytes(person.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void send(UUID key, String type, Object data) {
        String topic = EventTypes.APPLICANT_ERASED.equals(type) ? Topics.APPLICANTS : Topics.AGREEMENTS;
        CloudEvent event = CloudEvent.of(type, "/mentoring/test", key.toString(), JSON.valueToTree(data));
        try {
            KafkaRecords.sendCloudEvent(topic, key.toString(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
