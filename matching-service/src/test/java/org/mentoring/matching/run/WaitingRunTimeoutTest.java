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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A waiting run whose programme's closing never reaches matching fails after the configured wait, with the reason. */
@QuarkusTest
@TestProfile(WaitingRunTimeoutTest.ShortWait.class)
@WithTestResource(PostgresKafkaResource.class)
class WaitingRunTimeoutTest {

    /** Runs wait three seconds for the closing. */
    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mentoring.matching.wait-for-programme", "3s");
        }
    }

    private final String admin = TestTokens.admin("admin");

    @Test
    void aRunWhoseProgrammeNeverClosesFailsAfterTheWaitAndFreesTheProgramme() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "OPEN");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);

        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(202).body("status", equalTo("WAITING")).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                "FAILED".equals(given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                        .then().statusCode(200).extract().path("status")));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("finishedAt", notNullValue())
                .body("error", allOf(containsString("waited 3 s"), containsString("still sees it OPEN"),
                        containsString("start a new run")));

        // the failed run no longer holds the programme: the next request waits again
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(202).body("status", equalTo("WAITING"));
    }
}
