package org.mentoring.matching.run;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A run requested right after the programme was closed at applicants-service, before matching has the closing: it
 * waits, and starts by itself once the closing arrives.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class WaitingRunsTest {

    private final String admin = TestTokens.admin("admin");

    @Test
    void aRunRequestedBeforeTheClosingArrivesWaitsAndStartsOnceItDoes() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "OPEN");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);

        var accepted = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(202).body("status", equalTo("WAITING")).body("mode", equalTo("PUBLISH")).extract();
        String run = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/programmes/" + programme + "/matching-runs/" + run);
        // still waiting a while later, and it holds the programme's one active run
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> "WAITING".equals(status(programme, run)));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("waiting"));

        MatchingFixtures.programme(programme, "CLOSED");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(status(programme, run)));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("startedAt", notNullValue())
                .body("result.pairs", hasSize(1))
                .body("result.pairs[0].menteeApplicationId", equalTo(mentee.toString()))
                .body("result.pairs[0].mentorApplicationId", equalTo(mentor.toString()));
        given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aRunRequestedWhileAcceptancesAreStillInFlightWaitsForThemAll() throws Exception {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);

        String run;
        try (Connection db = MatchingFixtures.database()) {
            // hold matching's consumer back: it can read the pool but not add to it, as if the events were still on
            // their way
            db.setAutoCommit(false);
            db.createStatement().execute("lock table pool_candidate in share mode");
            // accepted at applicants-service just before the run is started
            for (int i = 0; i < 20; i++) {
                MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
                MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
            }
            run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                    .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                    .statusCode(202).body("status", equalTo("WAITING")).extract().path("id");
            String waiting = run;
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> "WAITING".equals(status(programme, waiting)));
            db.commit();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(status(programme, run)));
        // every acceptance published before the run is in its pool
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("mentees", equalTo(21)).body("mentors", equalTo(21)).body("result.pairs", hasSize(21));
    }

    @Test
    void aDraftOrUnknownProgrammeIsStillRefused() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "DRAFT");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                        .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                        .statusCode(409).contentType("application/problem+json").body("detail", containsString("DRAFT")));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(200).body("", hasSize(0));
    }

    private String status(UUID programme, String run) {
        return given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                .then().statusCode(200).extract().path("status");
    }
}
