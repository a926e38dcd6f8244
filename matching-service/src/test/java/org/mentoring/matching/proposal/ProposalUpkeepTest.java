package org.mentoring.matching.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasSize;

/**
 * Open proposals follow the pool: a person leaving it takes their open proposals with them and frees their partner; a
 * directory change that makes a pair break a hard rule flags it for an admin.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProposalUpkeepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin");

    @Test
    void aWithdrawnApplicationWithdrawsItsOpenProposalOnceAndFreesThePartner() throws Exception {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = UUID.randomUUID();
        UUID mentor = UUID.randomUUID();
        MatchingFixtures.application(programme, mentee, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTEE", "Physics", 25, null, List.of(), null);
        MatchingFixtures.application(programme, mentor, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTOR", "Data Science", 3, null, List.of(), null);
        MatchingFixtures.awaitPool(admin, programme, 2);
        String proposal = publishOne(programme);
        approve(proposal, null);

        // the mentee leaves the organisation: applicants-service withdraws the application; the event is delivered twice
        String withdrawn = MatchingFixtures.applicationEvent(programme, mentee, EventTypes.APPLICATION_WITHDRAWN, "WITHDRAWN", "MENTEE",
                "Physics", 25, null, List.of(), "LEFT_ORGANISATION");
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, mentee.toString(), withdrawn);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, mentee.toString(), withdrawn);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then()
                        .statusCode(200).body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("LEFT_ORGANISATION")));
        ConsumerRecord<String, String> record = KafkaRecords.await(Topics.MATCHING,
                r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_WITHDRAWN), Duration.ofSeconds(30));
        JsonNode data = JSON.readTree(record.value()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(data.get("reason").asText()).isEqualTo("LEFT_ORGANISATION");
        assertThat(data.at("/mentor/applicationId").asText()).isEqualTo(mentor.toString());
        // a later snapshot of the same person (rejected after all) finds nothing open any more: announced once
        MatchingFixtures.application(programme, mentee, EventTypes.APPLICATION_REJECTED, "REJECTED", "MENTEE", "Physics", 25, null,
                List.of(), "Some words about the person");
        assertThat(KafkaRecords.collect(Topics.MATCHING, r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_WITHDRAWN),
                Duration.ofSeconds(4))).hasSize(1);
        // the pair no longer sees it and cannot confirm it
        given().auth().oauth2(TestTokens.participant("user-" + mentor)).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(404);

        // the mentor is free again: a new mentee is proposed to them by the next run, and hand pairing works too
        UUID next = UUID.randomUUID();
        MatchingFixtures.application(programme, next, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTEE", "Chemistry", 20, null, List.of(), null);
        MatchingFixtures.awaitPool(admin, programme, 2);
        String again = publishOne(programme);
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", again).then()
                .body("mentee.applicationId", equalTo(next.toString())).body("mentor.applicationId", equalTo(mentor.toString()));
    }

    @Test
    void anOpenProposalOfAnErasedPersonIsWithdrawnUnderThePseudonym() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        String proposal = publishOne(programme);

        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "user-" + mentor, """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"user-%s","time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "data":{"applicantId":"user-%s","applicationIds":["%s"],"erasedAt":"2026-01-01T00:00:00Z"}}
                """.formatted(UUID.randomUUID(), mentor, mentor, mentor));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then()
                        .statusCode(200).body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("APPLICANT_ERASED")));
        ConsumerRecord<String, String> record = KafkaRecords.await(Topics.MATCHING,
                r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_WITHDRAWN), Duration.ofSeconds(30));
        assertThat(record.value()).doesNotContain("user-" + mentor).contains("user-" + mentee);
    }

    @Test
    void aManagerChangeFlagsAnApprovedPairWhichCannotBeConfirmedUntilAnAdminApprovesItAgain() throws Exception {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = UUID.randomUUID();
        UUID mentor = UUID.randomUUID();
        UUID menteePerson = UUID.randomUUID();
        UUID mentorPerson = UUID.randomUUID();
        UUID menteeBoss = UUID.randomUUID();
        UUID mentorBoss = UUID.randomUUID();
        MatchingFixtures.application(programme, mentee, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTEE", "Physics", 25,
                menteePerson, List.of(menteeBoss), null);
        MatchingFixtures.application(programme, mentor, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTOR", "Data Science", 3,
                mentorPerson, List.of(mentorBoss), null);
        MatchingFixtures.awaitPool(admin, programme, 2);
        String proposal = publishOne(programme);
        approve(proposal, null);
        String menteeToken = TestTokens.participant("user-" + mentee);
        String mentorToken = TestTokens.participant("user-" + mentor);
        given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200).body("status", equalTo("APPROVED"));

        // a reorganisation: the mentor becomes the mentee's manager (reported twice, as a directory sync may)
        for (int i = 0; i < 2; i++) {
            MatchingFixtures.application(programme, mentee, EventTypes.APPLICATION_UPDATED, "ACCEPTED", "MENTEE", "Physics", 25,
                    menteePerson, List.of(mentorPerson, menteeBoss), null);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().statusCode(200)
                        .body("status", equalTo("APPROVED"))
                        .body("flags", hasSize(1))
                        .body("flags[0].rule", equalTo("outside-reporting-line"))
                        .body("flags[0].detail", containsString("reporting line")));
        ConsumerRecord<String, String> flagged = KafkaRecords.await(Topics.MATCHING,
                r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_FLAGGED), Duration.ofSeconds(30));
        assertThat(JSON.readTree(flagged.value()).at("/data/reason").asText()).isEqualTo("outside-reporting-line");
        assertThat(KafkaRecords.collect(Topics.MATCHING, r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_FLAGGED),
                Duration.ofSeconds(4))).hasSize(1);

        // the mentor's acceptance cannot confirm it now
        given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("proposal-under-review"));
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().body("status", equalTo("APPROVED"))
                .body("mentor.answer", nullValue());

        // the admin approves it again: only with a reason
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then()
                .statusCode(422).contentType("application/problem+json").body("type", endsWith("hard-rule-broken"))
                .body("errors[0].field", equalTo("reason"));
        approve(proposal, "Temporary line during the reorganisation; both want to continue");
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then()
                .body("flags", nullValue()).body("overrideReason", containsString("Temporary line"));
        given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void aFlaggedPairAnAdminRejectsIsWithdrawnFromThePair() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = UUID.randomUUID();
        UUID mentor = UUID.randomUUID();
        MatchingFixtures.application(programme, mentee, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTEE", "Physics", 25, null, List.of(), null);
        MatchingFixtures.application(programme, mentor, EventTypes.APPLICATION_ACCEPTED, "ACCEPTED", "MENTOR", "Data Science", 3, null, List.of(), null);
        MatchingFixtures.awaitPool(admin, programme, 2);
        String proposal = publishOne(programme);
        approve(proposal, null);

        // the mentor moves to the mentee's institute
        MatchingFixtures.application(programme, mentor, EventTypes.APPLICATION_UPDATED, "ACCEPTED", "MENTOR", "Physics", 3, null, List.of(), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then()
                        .body("flags.rule", equalTo(List.of("different-institute"))).body("flags[0].detail", containsString("Physics")));
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("approve", false, "reason", "Same institute now"))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(200).body("status", equalTo("REJECTED"));
        ConsumerRecord<String, String> withdrawn = KafkaRecords.await(Topics.MATCHING,
                r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_WITHDRAWN), Duration.ofSeconds(30));
        assertThat(withdrawn.value()).contains("different-institute").doesNotContain("Same institute now");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A published run of the programme that proposes exactly one new pair: its id. */
    private String publishOne(UUID programme) {
        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, run, "COMPLETED");
        return given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
    }

    private void approve(String proposal, String reason) {
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(reason == null ? Map.of("approve", true) : Map.of("approve", true, "reason", reason))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    private void awaitRun(UUID programme, String run, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                    .then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("status", equalTo(expected));
    }
}
