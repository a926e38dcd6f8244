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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every application and programme event carries the revision the change gave the aggregate (the version its ETag
 * names), so that consumers can tell a late or redelivered snapshot from a newer one.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class EventRevisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void applicationEventsCarryTheRevisionOfEachChange() throws Exception {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Revisions " + UUID.randomUUID()));
        String owner = TestTokens.participant("rev-" + UUID.randomUUID());
        List<String> etags = new ArrayList<>();
        var created = given().auth().oauth2(owner).contentType(ContentType.JSON).body(ApplicantsFixtures.application("MENTEE"))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        String id = created.path("id");
        etags.add(created.header("ETag"));

        Map<String, Object> edited = new HashMap<>(ApplicantsFixtures.application("MENTEE"));
        edited.put("topics", List.of("hybrid-work"));
        etags.add(given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etags.get(0)).body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(200).extract().header("ETag"));
        etags.add(given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etags.get(1))
                .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", id).then().statusCode(200)
                .extract().header("ETag"));
        etags.add(given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("reason", "No time"))
                .post("/api/v1/applications/{id}/withdraw", id).then().statusCode(200).extract().header("ETag"));

        List<JsonNode> events = eventsOf(id, EventTypes.APPLICATION_WITHDRAWN, 4);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(EventTypes.APPLICATION_SUBMITTED,
                EventTypes.APPLICATION_UPDATED, EventTypes.APPLICATION_ACCEPTED, EventTypes.APPLICATION_WITHDRAWN);
        assertThat(events).extracting(e -> "\"" + e.at("/data/revision").asLong() + "\"").containsExactlyElementsOf(etags);
        assertThat(events).extracting(e -> e.at("/data/revision").asLong()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void programmeEventsCarryTheRevisionOfEachChange() throws Exception {
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(ApplicantsFixtures.programme("Revisions " + UUID.randomUUID())).post("/api/v1/programmes").then()
                .statusCode(201).extract();
        String id = created.path("id");
        String opened = given().auth().oauth2(admin).header("If-Match", created.header("ETag")).contentType(ContentType.JSON)
                .body(Map.of("to", "OPEN")).post("/api/v1/programmes/{id}/transitions", id).then().statusCode(200)
                .extract().header("ETag");
        String closed = given().auth().oauth2(admin).header("If-Match", opened).contentType(ContentType.JSON)
                .body(Map.of("to", "CLOSED")).post("/api/v1/programmes/{id}/transitions", id).then().statusCode(200)
                .extract().header("ETag");

        List<JsonNode> events = eventsOf(id, EventTypes.PROGRAMME_CLOSED, 3);
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly(EventTypes.PROGRAMME_CREATED, EventTypes.PROGRAMME_OPENED, EventTypes.PROGRAMME_CLOSED);
        assertThat(events).extracting(e -> "\"" + e.at("/data/revision").asLong() + "\"")
                .containsExactly(created.header("ETag"), opened, closed);
        assertThat(events).extracting(e -> e.at("/data/revision").asLong()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aConfirmedMatchMovesOnlyApplicationsStillAcceptedAndPublishesTheNextRevision() throws Exception {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Match " + UUID.randomUUID()));
        String menteeToken = TestTokens.participant("mentee-" + UUID.randomUUID());
        String mentorToken = TestTokens.participant("mentor-" + UUID.randomUUID());
        String mentee = accepted(menteeToken, programme, "MENTEE");
        String mentor = accepted(mentorToken, programme, "MENTOR");
        given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("reason", "No time"))
                .post("/api/v1/applications/{id}/withdraw", mentor).then().statusCode(200);

        // the match was confirmed before the mentor withdrew, and arrives only now
        String confirmed = matchConfirmed(programme, mentee, mentor);
        KafkaRecords.sendCloudEvent(Topics.MATCHING, UUID.randomUUID().toString(), confirmed);
        KafkaRecords.await(Topics.APPLICANTS, r -> mentee.equals(r.key()) && r.value().contains("\"MATCHED\""), Duration.ofSeconds(40));
        String etag = given().auth().oauth2(menteeToken).get("/api/v1/applications/{id}", mentee).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("MATCHED")).extract().header("ETag");
        given().auth().oauth2(mentorToken).get("/api/v1/applications/{id}", mentor).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("WITHDRAWN"));

        List<JsonNode> events = eventsOf(mentee, "\"MATCHED\"", 3);
        assertThat(events.get(2).at("/data/status").asText()).isEqualTo("MATCHED");
        assertThat("\"" + events.get(2).at("/data/revision").asLong() + "\"").isEqualTo(etag);
        assertThat(events).extracting(e -> e.at("/data/revision").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> mentor.equals(r.key()) && r.value().contains("\"MATCHED\""),
                Duration.ofSeconds(2))).isEmpty();
    }

    private String accepted(String token, String programme, String role) {
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(ApplicantsFixtures.application(role))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", created.<String>path("id")).then()
                .statusCode(200);
        return created.path("id");
    }

    private static String matchConfirmed(String programme, String mentee, String mentor) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/matching-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"matchId":"%s","programmeId":"%s","runId":null,"status":"CONFIRMED",
                         "mentee":{"applicationId":"%s","applicantId":"x","displayName":null,"institute":"Physics"},
                         "mentor":{"applicationId":"%s","applicantId":"y","displayName":null,"institute":"Physics"},
                         "agendaTopics":["ai-tools"],"preferredFormat":"ONLINE",
                         "agreementDefaults":{"months":6,"meetingCadenceDays":14},"score":0.8,"reason":null,"changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), EventTypes.MATCH_CONFIRMED, UUID.randomUUID(), java.time.Instant.now(), UUID.randomUUID(),
                programme, mentee, mentor, java.time.Instant.now());
    }

    /** The events about {@code key} in the order they were published, once {@code lastType} is among them. */
    private static List<JsonNode> eventsOf(String key, String lastType, int expected) throws Exception {
        KafkaRecords.await(Topics.APPLICANTS, r -> key.equals(r.key()) && r.value().contains(lastType), Duration.ofSeconds(30));
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaRecords.collect(Topics.APPLICANTS, r -> key.equals(r.key()), Duration.ofSeconds(3))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events).hasSize(expected);
        return events;
    }
}
