package org.mentoring.matching.programme;

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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Matching learns each programme's team from the programme's events and lets only that team act as the programme's
 * admins: another admin gets 404 for its pool, its runs, its exclusions, its proposals and its statistics, exactly as
 * for a programme that does not exist. A team change reaches matching with the next programme event.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeTeamChecksTest {

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String strangerId = "stranger-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String stranger = TestTokens.admin(strangerId);
    private final String hr = TestTokens.token("hr-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION);

    @Test
    void onlyTheProgrammesTeamActsAsItsAdmins() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED", ownerId);
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(owner, programme, 2);
        String proposal = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(201).extract().path("id");

        given().auth().oauth2(stranger).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("menteeApplicationId", mentee, "mentorApplicationId", mentor, "reason", "x"))
                .post("/api/v1/programmes/{id}/exclusions", programme).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/proposals/{id}", proposal).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("approve", false, "reason", "not mine")).post("/api/v1/proposals/{id}/review", proposal)
                .then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("limit", 200).get("/api/v1/proposals").then().statusCode(200)
                .body("items.id", not(hasItem(proposal)));
        given().auth().oauth2(stranger).get("/api/v1/programmes/{id}/matching-statistics", programme).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(404);

        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/matching-statistics", programme).then().statusCode(200);
        given().auth().oauth2(owner).get("/api/v1/proposals/{id}", proposal).then().statusCode(200);
        given().auth().oauth2(owner).queryParam("limit", 200).get("/api/v1/proposals").then().statusCode(200)
                .body("items.id", hasItem(proposal));

        // the owners hand the programme over: the next programme event carries the new team
        MatchingFixtures.programme(programme, "CLOSED", strangerId);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(stranger).get("/api/v1/proposals/{id}", proposal).then().extract().statusCode() == 200);
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200);
    }
}
