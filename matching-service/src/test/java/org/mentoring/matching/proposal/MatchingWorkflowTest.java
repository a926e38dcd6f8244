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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** From an accepted pool to a confirmed match, through the HTTP API, with the events on the real broker. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class MatchingWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin");

    @Test
    void runsNeedAClosedProgrammeWithBothRolesAndOnlyAdminsStartThem() {
        UUID programme = UUID.randomUUID();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", UUID.randomUUID()).then().statusCode(404);
        MatchingFixtures.programme(programme, "DRAFT");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 1);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("DRAFT"));
        MatchingFixtures.programme(programme, "CLOSED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                        .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                        .statusCode(409).body("title", equalTo("Empty pool")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "SOMETIMES"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(400).body("errors[0].field", equalTo("mode"));
        given().auth().oauth2(TestTokens.participant("user-x")).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(403);
    }

    @Test
    void aPreviewExplainsEveryPairAndEveryUnmatchedPerson() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("de", "en"), 25, List.of("ai-tools"));
        UUID lonely = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("fi"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 3);

        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(202).header("Location", containsString("/matching-runs/")).extract().path("id");
        awaitRun(programme, run);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("status", equalTo("COMPLETED"))
                .body("result.pairs", hasSize(1))
                .body("result.pairs[0].menteeApplicationId", equalTo(mentee.toString()))
                .body("result.pairs[0].mentorApplicationId", equalTo(mentor.toString()))
                .body("result.pairs[0].assessment.rulesPassed", hasItem("shared-language"))
                .body("result.pairs[0].assessment.topicFit", equalTo(1.0f))
                .body("result.unmatched[0].applicationId", equalTo(lonely.toString()))
                .body("result.unmatched[0].reason", containsString("language"))
                .body("result.fairness.byRole", notNullValue())
                .body("result.certifiedOptimal", equalTo(true));
        // a preview proposes nothing
        given().auth().oauth2(admin).queryParam("programmeId", programme).get("/api/v1/proposals").then()
                .body("items", hasSize(0));
    }

    @Test
    void aPublishedPairIsApprovedThenConfirmedByBothAndAnnounced() throws Exception {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        String menteeToken = TestTokens.participant("user-" + mentee);
        String mentorToken = TestTokens.participant("user-" + mentor);

        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, run);
        String proposal = given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].agendaTopics", equalTo(List.of("ai-tools")))
                .extract().path("items[0].id");

        // not yet approved: invisible to the pair
        given().auth().oauth2(menteeToken).get("/api/v1/proposals/mine/{id}", proposal).then().statusCode(404);
        given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(404);

        var read = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().statusCode(200).extract();
        String etag = read.header("ETag");
        assertThat(read.<String>path("etag")).as("the etag property is the ETag header").isEqualTo(etag).isNotBlank();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(428);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(200).body("status", equalTo("APPROVED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(412);

        given().auth().oauth2(menteeToken).get("/api/v1/proposals/mine").then().body("items.id", equalTo(List.of(proposal)));
        given().auth().oauth2(TestTokens.participant("user-stranger")).get("/api/v1/proposals/mine/{id}", proposal).then().statusCode(404);
        given().auth().oauth2(TestTokens.participant("user-stranger")).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(404);

        given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("yourAnswer", equalTo("ACCEPTED"));
        given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(409);
        given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposal).then().statusCode(200).body("status", equalTo("CONFIRMED"));

        ConsumerRecord<String, String> record = KafkaRecords.await(Topics.MATCHING,
                r -> proposal.equals(r.key()) && r.value().contains(EventTypes.MATCH_CONFIRMED), Duration.ofSeconds(30));
        JsonNode data = JSON.readTree(record.value()).get("data");
        assertThat(data.at("/mentee/applicationId").asText()).isEqualTo(mentee.toString());
        assertThat(data.at("/mentor/applicantId").asText()).isEqualTo("user-" + mentor);
        assertThat(data.at("/agendaTopics/0").asText()).isEqualTo("ai-tools");
        assertThat(data.at("/agreementDefaults/months").asInt()).isEqualTo(6);

        // a later run keeps the confirmed pair and proposes nothing new for them
        String again = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, again);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, again).then()
                .body("result.pairs[0].kept", equalTo(true));
        given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().body("items", hasSize(0));
    }

    @Test
    void aDeclineEndsThePairForGoodAndManualPairsNeedAReasonToBreakRules() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        UUID colleague = MatchingFixtures.accepted(programme, "MENTOR", "Physics", List.of("en"), 2, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 3);

        Map<String, Object> sameInstitute = Map.of("programmeId", programme, "menteeApplicationId", mentee,
                "mentorApplicationId", colleague);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(sameInstitute).post("/api/v1/proposals").then()
                .statusCode(422).contentType("application/problem+json").body("detail", containsString("different-institute"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("programmeId", programme,
                        "menteeApplicationId", mentor, "mentorApplicationId", mentee)).post("/api/v1/proposals").then()
                .statusCode(400).body("errors[0].field", equalTo("menteeApplicationId"));

        String manual = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(201)
                .body("status", equalTo("APPROVED")).body("manual", equalTo(true)).extract().path("id");
        given().auth().oauth2(TestTokens.participant("user-" + mentor)).contentType(ContentType.JSON).body(Map.of("accept", false))
                .post("/api/v1/proposals/{id}/answer", manual).then().statusCode(200).body("status", equalTo("DECLINED"));
        KafkaRecords.await(Topics.MATCHING, r -> manual.equals(r.key()) && r.value().contains(EventTypes.MATCH_DECLINED),
                Duration.ofSeconds(30));

        // the declined pair is never proposed again; the colleague pair only with a written reason
        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, run);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("result.pairs", hasSize(0)).body("result.unmatched.applicationId", hasItem(mentee.toString()));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", colleague,
                        "overrideReason", "Different departments in practice; both asked for it"))
                .post("/api/v1/proposals").then().statusCode(201)
                .body("overrideReason", containsString("both asked")).body("explanation.rulesBroken", hasItem("different-institute"));
    }

    @Test
    void matchingStatisticsCountThePoolProposalsAndPublishedRunAndSuppressSmallGroups() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools")));
        }
        for (int i = 0; i < 7; i++) {
            people.add(MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools")));
        }
        MatchingFixtures.awaitPool(admin, programme, 15);
        String hr = TestTokens.token("hris-connector", TestTokens.HR_INTEGRATION);

        // a preview is not a published run, and proposes nothing
        String preview = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, preview);
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/matching-statistics", programme).then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("programmeId", equalTo(programme.toString()))
                .body("pool.mentors", equalTo(7)).body("pool.mentees", equalTo(8))
                .body("proposalsByStatus.count", everyItem(equalTo(0)))
                .body("confirmedPairs", equalTo(0))
                .body("latestPublishedRun", nullValue())
                .body("suppressed", empty());

        // 7 mentors for 8 mentees: 7 pairs, one mentee left over
        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, run);
        String finishedAt = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                .then().body("status", equalTo("COMPLETED")).extract().path("finishedAt");
        List<Map<String, Object>> proposed = given().auth().oauth2(admin).queryParam("programmeId", programme)
                .queryParam("status", "PROPOSED").queryParam("limit", 200).get("/api/v1/proposals")
                .then().statusCode(200).body("items", hasSize(7)).extract().path("items");

        // all approved; five confirmed by both, one declined by its mentor, one still waiting for answers
        for (int i = 0; i < proposed.size(); i++) {
            Map<String, Object> p = proposed.get(i);
            String id = (String) p.get("id");
            String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", id).then().extract().header("ETag");
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                    .post("/api/v1/proposals/{id}/review", id).then().statusCode(200);
            String menteeToken = TestTokens.participant(applicantId(p, "mentee"));
            String mentorToken = TestTokens.participant(applicantId(p, "mentor"));
            if (i < 5) {
                given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                        .post("/api/v1/proposals/{id}/answer", id).then().statusCode(200);
                given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                        .post("/api/v1/proposals/{id}/answer", id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
            } else if (i == 5) {
                given().auth().oauth2(mentorToken).contentType(ContentType.JSON).body(Map.of("accept", false))
                        .post("/api/v1/proposals/{id}/answer", id).then().statusCode(200).body("status", equalTo("DECLINED"));
            }
        }

        String body = given().auth().oauth2(hr).get("/api/v1/programmes/{id}/matching-statistics", programme).then()
                .statusCode(200)
                .body("pool.mentors", equalTo(7)).body("pool.mentees", equalTo(8))
                .body("proposalsByStatus.status", equalTo(List.of("PROPOSED", "APPROVED", "REJECTED", "CONFIRMED", "DECLINED",
                        "SUPERSEDED", "WITHDRAWN")))
                .body("proposalsByStatus.find { it.status == 'PROPOSED' }.count", equalTo(0))
                .body("proposalsByStatus.find { it.status == 'CONFIRMED' }.count", equalTo(5))
                .body("proposalsByStatus.find { it.status == 'APPROVED' }", hasEntry("count", null))
                .body("proposalsByStatus.find { it.status == 'DECLINED' }", hasEntry("count", null))
                .body("confirmedPairs", equalTo(5))
                .body("latestPublishedRun.runId", equalTo(run))
                .body("latestPublishedRun.completedAt", equalTo(finishedAt))
                .body("latestPublishedRun.menteesInPool", equalTo(8))
                // one mentee left unmatched is too few to show, and 7 of 8 matched would tell it: both hidden
                .body("latestPublishedRun", hasEntry("matchedMentees", null))
                .body("latestPublishedRun", hasEntry("unmatchedMentees", null))
                .body("suppressed", equalTo(List.of("proposalsByStatus.APPROVED", "proposalsByStatus.DECLINED",
                        "latestPublishedRun.unmatchedMentees", "latestPublishedRun.matchedMentees")))
                .extract().asString();
        // aggregates only: nobody's application or applicant id, no score
        assertThat(body).doesNotContain("score").doesNotContain("user-");
        people.forEach(application -> assertThat(body).doesNotContain(application.toString()));

        // admins read the same figures; a later preview does not replace the published run
        String later = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        awaitRun(programme, later);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-statistics", programme).then()
                .statusCode(200).body("latestPublishedRun.runId", equalTo(run)).body("confirmedPairs", equalTo(5));
    }

    @Test
    void matchingStatisticsAreForTheTeamAndHrOnlyAndZeroForAProgrammeMatchingDoesNotKnow() {
        UUID unknown = UUID.randomUUID();
        // no team is known for it, so no admin may see it; an HR system reads the zeros
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-statistics", unknown).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("hr-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION))
                .get("/api/v1/programmes/{id}/matching-statistics", unknown).then()
                .statusCode(200)
                .body("programmeId", equalTo(unknown.toString()))
                .body("pool.mentors", equalTo(0)).body("pool.mentees", equalTo(0))
                .body("proposalsByStatus", hasSize(7)).body("proposalsByStatus.count", everyItem(equalTo(0)))
                .body("confirmedPairs", equalTo(0))
                .body("latestPublishedRun", nullValue())
                .body("suppressed", empty());
        given().auth().oauth2(TestTokens.participant("user-x")).get("/api/v1/programmes/{id}/matching-statistics", unknown).then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().get("/api/v1/programmes/{id}/matching-statistics", unknown).then()
                .statusCode(401).contentType("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static String applicantId(Map<String, Object> proposal, String party) {
        return (String) ((Map<String, Object>) proposal.get(party)).get("applicantId");
    }

    private void awaitRun(UUID programme, String run) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                    .then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
    }
}
