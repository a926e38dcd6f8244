package org.mentoring.matching.export;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** A person's export from matching-service, through the HTTP API: their own pool entry and proposals, nobody else's. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class MatchingExportTest {

    private static final String PATH = "/api/v1/proposals/me/export";
    private final String admin = TestTokens.admin("admin");

    @Test
    void aPersonExportsTheirPoolEntryAndTheirProposalsInTheParticipantViewOnly() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        UUID other = MatchingFixtures.accepted(programme, "MENTEE", "Chemistry", List.of("fi"), 20, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 3);
        String menteeToken = TestTokens.participant("user-" + mentee);

        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                        .extract().path("status")));
        String proposal = given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");

        // not approved yet: the pair does not see it, so neither does their export
        given().auth().oauth2(menteeToken).get(PATH).then().statusCode(200)
                .body("poolEntries", hasSize(1)).body("proposals", hasSize(0));

        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposal).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposal).then().statusCode(200);

        String export = given().auth().oauth2(menteeToken).get(PATH).then()
                .statusCode(200).contentType("application/json")
                .body("subject", equalTo("user-" + mentee))
                .body("poolEntries", hasSize(1))
                .body("poolEntries[0].applicationId", equalTo(mentee.toString()))
                .body("poolEntries[0].programmeId", equalTo(programme.toString()))
                .body("poolEntries[0].role", equalTo("MENTEE"))
                .body("poolEntries[0].institute", equalTo("Physics"))
                .body("poolEntries[0].location.city", equalTo("Berlin"))
                .body("poolEntries[0].yearsOfExperience", equalTo(25))
                .body("proposals", hasSize(1))
                .body("proposals[0].id", equalTo(proposal))
                .body("proposals[0].status", equalTo("APPROVED"))
                .body("proposals[0].yourRole", equalTo("MENTEE"))
                .body("proposals[0].yourApplicationId", equalTo(mentee.toString()))
                .body("proposals[0].partner.role", equalTo("MENTOR"))
                .body("proposals[0].partner.displayName", equalTo("P " + mentor))
                .body("proposals[0].partner", not(hasKey("applicationId"))).body("proposals[0].partner", not(hasKey("applicantId")))
                .extract().asString();
        // the admin's view of the pair stays out: score, its components, distance, rules, reasons
        assertThat(export).doesNotContain("score").doesNotContain("topicFit").doesNotContain("proximity")
                .doesNotContain("distanceKm").doesNotContain("rulesPassed").doesNotContain("overrideReason")
                .doesNotContain("decisionReason")
                // nor anything of another person in the pool
                .doesNotContain(other.toString()).doesNotContain("Chemistry");

        // the other person's export holds their own entry and nothing of the pair
        String others = given().auth().oauth2(TestTokens.participant("user-" + other)).get(PATH).then().statusCode(200)
                .body("poolEntries", hasSize(1)).body("poolEntries[0].applicationId", equalTo(other.toString()))
                .body("proposals", hasSize(0)).extract().asString();
        assertThat(others).doesNotContain(mentee.toString()).doesNotContain(proposal);
    }

    @Test
    void someoneMatchingNeverHeardOfGetsAnEmptyExportAndAnonymousCallersNone() {
        given().auth().oauth2(TestTokens.participant("user-" + UUID.randomUUID())).get(PATH).then().statusCode(200)
                .body("poolEntries", hasSize(0)).body("proposals", hasSize(0));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("hr-system", TestTokens.HR_INTEGRATION)).get(PATH).then().statusCode(403);
    }
}
