package org.mentoring.applicants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A programme that ends takes its live applications along, in the transaction of its transition: each moved
 * application is published once, with the next revision; applications that already ended stay as they are.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void completionCompletesMatchedApplicationsAndWithdrawsTheUnmatched() throws Exception {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Ending " + UUID.randomUUID()));
        Applicant mentee = accepted(programme, "MENTEE");
        Applicant mentor = accepted(programme, "MENTOR");
        Applicant waiting = accepted(programme, "MENTOR");
        Applicant submitted = submitted(programme, "MENTEE");
        Applicant rejected = submitted(programme, "MENTEE");
        decide(rejected, "REJECT", "Not this time");
        confirmMatch(programme, mentee.id(), mentor.id());

        transition(programme, "CLOSED");
        transition(programme, "IN_PROGRESS");
        transition(programme, "COMPLETED");

        for (Applicant matched : List.of(mentee, mentor)) {
            JsonNode event = onlyEventAfter(matched.id(), EventTypes.APPLICATION_COMPLETED);
            assertThat(event.at("/data/status").asText()).isEqualTo("COMPLETED");
            assertThat("\"" + event.at("/data/revision").asLong() + "\"").isEqualTo(read(matched, "COMPLETED", null));
        }
        for (Applicant unmatched : List.of(waiting, submitted)) {
            JsonNode event = onlyEventAfter(unmatched.id(), EventTypes.APPLICATION_WITHDRAWN);
            assertThat(event.at("/data/status").asText()).isEqualTo("WITHDRAWN");
            assertThat(event.at("/data/reason").asText()).isEqualTo("PROGRAMME_COMPLETED");
            assertThat("\"" + event.at("/data/revision").asLong() + "\"")
                    .isEqualTo(read(unmatched, "WITHDRAWN", "PROGRAMME_COMPLETED"));
        }
        read(rejected, "REJECTED", "Not this time");
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> rejected.id().equals(r.key())
                && (r.value().contains(EventTypes.APPLICATION_WITHDRAWN) || r.value().contains(EventTypes.APPLICATION_COMPLETED)),
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void cancellationWithdrawsEveryLiveApplication() throws Exception {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Cancelled " + UUID.randomUUID()));
        Applicant mentee = accepted(programme, "MENTEE");
        Applicant mentor = accepted(programme, "MENTOR");
        Applicant submitted = submitted(programme, "MENTEE");
        Applicant withdrawn = submitted(programme, "MENTOR");
        given().auth().oauth2(withdrawn.token()).contentType(ContentType.JSON).body(Map.of("reason", "No time"))
                .post("/api/v1/applications/{id}/withdraw", withdrawn.id()).then().statusCode(200);
        confirmMatch(programme, mentee.id(), mentor.id());

        transition(programme, "CANCELLED");

        for (Applicant live : List.of(mentee, mentor, submitted)) {
            JsonNode event = onlyEventAfter(live.id(), EventTypes.APPLICATION_WITHDRAWN);
            assertThat(event.at("/data/reason").asText()).isEqualTo("PROGRAMME_CANCELLED");
            assertThat("\"" + event.at("/data/revision").asLong() + "\"").isEqualTo(read(live, "WITHDRAWN", "PROGRAMME_CANCELLED"));
        }
        read(withdrawn, "WITHDRAWN", "No time");
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> withdrawn.id().equals(r.key())
                && r.value().contains("PROGRAMME_CANCELLED"), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aProgrammeThatOnlyClosesLeavesItsApplicationsAlone() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Closing " + UUID.randomUUID()));
        Applicant accepted = accepted(programme, "MENTEE");
        transition(programme, "CLOSED");
        transition(programme, "IN_PROGRESS");
        read(accepted, "ACCEPTED", null);
    }

    private record Applicant(String id, String token, String etag) {
    }

    private Applicant submitted(String programme, String role) {
        String token = TestTokens.participant("end-" + UUID.randomUUID());
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(ApplicantsFixtures.application(role))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        return new Applicant(created.path("id"), token, created.header("ETag"));
    }

    private Applicant accepted(String programme, String role) {
        Applicant a = submitted(programme, role);
        return new Applicant(a.id(), a.token(), decide(a, "ACCEPT", null));
    }

    private String decide(Applicant a, String decision, String reason) {
        Map<String, Object> body = reason == null ? Map.of("decision", decision) : Map.of("decision", decision, "reason", reason);
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", a.etag()).body(body)
                .post("/api/v1/applications/{id}/decision", a.id()).then().statusCode(200).extract().header("ETag");
    }

    private void transition(String programme, String to) {
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programme).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", to))
                .post("/api/v1/programmes/{id}/transitions", programme).then().statusCode(200).body("status", equalTo(to));
    }

    /** The application as its owner reads it, in {@code status} with {@code reason}; answers its ETag. */
    private static String read(Applicant a, String status, String reason) {
        return given().auth().oauth2(a.token()).get("/api/v1/applications/{id}", a.id()).then().statusCode(200)
                .body("status", equalTo(status))
                .body("decisionReason", reason == null ? nullValue() : equalTo(reason))
                .extract().header("ETag");
    }

    /** Matching confirmed the pair; waits until both applications are published as MATCHED. */
    private static void confirmMatch(String programme, String mentee, String mentor) {
        String confirmed = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/matching-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"matchId":"%s","programmeId":"%s","runId":null,"status":"CONFIRMED",
                         "mentee":{"applicationId":"%s","applicantId":"x","displayName":null,"institute":"Physics"},
                         "mentor":{"applicationId":"%s","applicantId":"y","displayName":null,"institute":"Physics"},
                         "agendaTopics":["ai-tools"],"preferredFormat":"ONLINE",
                         "agreementDefaults":{"months":6,"meetingCadenceDays":14},"score":0.8,"reason":null,"changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), EventTypes.MATCH_CONFIRMED, UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                programme, mentee, mentor, Instant.now());
        KafkaRecords.sendCloudEvent(Topics.MATCHING, UUID.randomUUID().toString(), confirmed);
        for (String id : List.of(mentee, mentor)) {
            KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains("\"MATCHED\""), Duration.ofSeconds(40));
        }
    }

    /** The one event of {@code type} about application {@code id}, and that it is the last one published about it. */
    private static JsonNode onlyEventAfter(String id, String type) throws Exception {
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(type), Duration.ofSeconds(30));
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaRecords.collect(Topics.APPLICANTS, r -> id.equals(r.key()), Duration.ofSeconds(2))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events).filteredOn(e -> e.get("type").asText().equals(type)).hasSize(1);
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo(type);
        assertThat(events).extracting(e -> e.at("/data/revision").asLong()).isSorted().doesNotHaveDuplicates();
        return events.get(events.size() - 1);
    }
}
