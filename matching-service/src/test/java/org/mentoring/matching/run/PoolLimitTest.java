package org.mentoring.matching.run;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A matching run takes a bounded pool: a larger one is refused before anything is queued. */
@QuarkusTest
@TestProfile(PoolLimitTest.SmallPools.class)
@WithTestResource(PostgresKafkaResource.class)
class PoolLimitTest {

    /** Runs take at most three people. */
    public static class SmallPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mentoring.matching.max-pool-size", "3");
        }
    }

    private final String admin = TestTokens.admin("admin");

    @Test
    void aPoolAboveTheLimitIsRefusedWithTheSizeAndTheLimitAndNothingIsQueued() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 3);

        // at the limit: queued
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202);

        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 4);
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(Map.of("mode", "PUBLISH"))
                    .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", endsWith("pool-too-large"))
                    .body("status", equalTo(422))
                    .body("detail", allOf(containsString("4 people"), containsString("2 mentees, 2 mentors"), containsString("limit of 3 people"),
                            containsString("smaller cohorts"), containsString("mentoring.matching.max-pool-size")));
        }
        // only the run at the limit was stored
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(200).body("", hasSize(1)).body("[0].mode", equalTo("PREVIEW"));
    }
}
