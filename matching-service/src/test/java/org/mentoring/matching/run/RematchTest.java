package org.mentoring.matching.run;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Re-matching: after an agreement ends early, a REMATCH run pairs the people without a partner and leaves every
 * confirmed pair as it is; a completed agreement frees nobody.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class RematchTest {

    private final String admin = TestTokens.admin("admin");

    @Test
    @SuppressWarnings("unchecked")
    void aRematchAfterAnEarlyTerminationPairsTheFreedPeopleAndKeepsConfirmedPairs() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        for (int i = 0; i < 2; i++) {
            MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
            MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        }
        MatchingFixtures.awaitPool(admin, programme, 4);
        String run = startRun(programme, "PUBLISH");
        awaitRun(programme, run);
        List<Map<String, Object>> pairs = given().auth().oauth2(admin).queryParam("programmeId", programme)
                .queryParam("status", "PROPOSED").get("/api/v1/proposals").then().body("items", hasSize(2)).extract().path("items");
        for (Map<String, Object> p : pairs) {
            confirm((String) p.get("id"), party(p, "mentee", "applicantId"), party(p, "mentor", "applicantId"));
        }
        Map<String, Object> ended = pairs.get(0);
        Map<String, Object> completed = pairs.get(1);
        String endedId = (String) ended.get("id");
        String completedId = (String) completed.get("id");

        // the first pair's agreement is terminated early (a late, older ACTIVE snapshot changes nothing); the second completes
        agreement(programme, endedId, ended, "TERMINATED", 7);
        agreement(programme, endedId, ended, "ACTIVE", 4);
        agreement(programme, completedId, completed, "COMPLETED", 7);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().auth().oauth2(admin).get("/api/v1/proposals/{id}", completedId).then().body("agreementStatus", equalTo("COMPLETED"));
            given().auth().oauth2(admin).get("/api/v1/proposals/{id}", endedId).then().body("agreementStatus", equalTo("TERMINATED"));
        });

        // newcomers: a mentee and a mentor
        UUID newMentee = MatchingFixtures.accepted(programme, "MENTEE", "Chemistry", List.of("en"), 22, List.of("ai-tools"));
        UUID newMentor = MatchingFixtures.accepted(programme, "MENTOR", "Informatics", List.of("en"), 2, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 6);
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", endedId).then().body("agreementStatus", equalTo("TERMINATED"));

        String rematch = startRun(programme, "REMATCH");
        awaitRun(programme, rematch);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, rematch).then()
                .body("status", equalTo("COMPLETED")).body("mode", equalTo("REMATCH"))
                .body("result.certifiedOptimal", equalTo(true))
                .body("result.pairs.findAll { it.kept }.menteeApplicationId", equalTo(List.of(party(completed, "mentee", "applicationId"))))
                .body("result.pairs.findAll { !it.kept }", hasSize(2));

        // the freed mentee and mentor are paired with the newcomers (not with each other again), the completed pair is untouched
        List<Map<String, Object>> proposed = given().auth().oauth2(admin).queryParam("programmeId", programme)
                .queryParam("status", "PROPOSED").get("/api/v1/proposals").then().body("items", hasSize(2)).extract().path("items");
        Set<String> newPairs = proposed.stream().map(p -> party(p, "mentee", "applicationId") + "/" + party(p, "mentor", "applicationId"))
                .collect(Collectors.toSet());
        assertThat(newPairs).containsExactlyInAnyOrder(
                party(ended, "mentee", "applicationId") + "/" + newMentor,
                newMentee + "/" + party(ended, "mentor", "applicationId"));
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", completedId).then().body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", endedId).then().body("status", equalTo("CONFIRMED"));
    }

    private void confirm(String proposal, String menteeSubject, String mentorSubject) {
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(200);
        given().auth().oauth2(TestTokens.participant(menteeSubject)).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200);
        given().auth().oauth2(TestTokens.participant(mentorSubject)).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    private static void agreement(UUID programme, String match, Map<String, Object> pair, String status, long revision) {
        LocalDate start = LocalDate.now();
        String ending = "TERMINATED".equals(status)
                ? "{\"endedBy\":\"MENTEE\",\"reasonCategory\":\"TIME\",\"closingConversationHeld\":false,\"closingConversationOn\":null,"
                + "\"endedAt\":\"" + Instant.now() + "\"}"
                : "COMPLETED".equals(status) ? "{\"endedBy\":\"SCHEDULE\",\"reasonCategory\":null,\"closingConversationHeld\":null,"
                + "\"closingConversationOn\":null,\"endedAt\":\"" + Instant.now() + "\"}" : "null";
        String agreementId = UUID.nameUUIDFromBytes(match.getBytes()).toString();
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreementId, """
                {"specversion":"1.0","id":"%s","source":"/mentoring/agreements-service","type":"mentoring.agreement.%s.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"agreementId":"%s","matchId":"%s","programmeId":"%s","status":"%s","versionInForce":1,"latestVersion":1,
                         "mentee":{"applicationId":"%s","applicantId":"%s","displayName":null},
                         "mentor":{"applicationId":"%s","applicantId":"%s","displayName":null},
                         "agendaTopics":["ai-tools"],"startDate":"%s","endDate":"%s","meetingCadenceDays":14,
                         "firstMeetingsInPerson":0,"preferredFormat":"ONLINE","ending":%s,"changedAt":"%s","revision":%d}}
                """.formatted(UUID.randomUUID(), switch (status) {
                    case "TERMINATED" -> "terminated";
                    case "COMPLETED" -> "completed";
                    default -> "activated";
                }, agreementId, Instant.now(), agreementId, match, programme, status,
                party(pair, "mentee", "applicationId"), party(pair, "mentee", "applicantId"),
                party(pair, "mentor", "applicationId"), party(pair, "mentor", "applicantId"),
                start, start.plusMonths(6), ending, Instant.now().minusSeconds(100 - revision), revision));
    }

    @SuppressWarnings("unchecked")
    private static String party(Map<String, Object> proposal, String party, String field) {
        return String.valueOf(((Map<String, Object>) proposal.get(party)).get(field));
    }

    private String startRun(UUID programme, String mode) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
    }

    private void awaitRun(UUID programme, String run) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                    .then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
    }
}
