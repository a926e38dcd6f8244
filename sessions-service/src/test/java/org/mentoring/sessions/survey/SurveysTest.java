package org.mentoring.sessions.survey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.newPair;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class SurveysTest {

    private static final String PATH = "/api/v1/meetings/agreements/{id}/surveys";

    @Test
    void pulseAboutAMonthInAndExitAfterTheEndOnceEach() {
        SessionsFixtures.Pair fresh = newPair();
        active(fresh, 0);
        post(fresh.menteeToken(), fresh, Map.of("kind", "PULSE", "rating", 4)).then().statusCode(409)
                .contentType("application/problem+json");

        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        var pulse = post(pair.menteeToken(), pair, Map.of("kind", "PULSE", "rating", 4, "comment", "private pulse thought")).then()
                .statusCode(201).body("authorRole", equalTo("MENTEE")).extract();
        SessionsFixtures.follow(pair.menteeToken(), pulse, "/api/v1/meetings/agreements/" + pair.agreementId() + "/surveys")
                .body(containsString("private pulse thought"));
        post(pair.menteeToken(), pair, Map.of("kind", "PULSE", "rating", 5)).then().statusCode(409);
        post(pair.menteeToken(), pair, Map.of("kind", "PULSE", "rating", 9)).then().statusCode(400);
        post(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 3, "wouldRecommend", true, "endReason", "GOALS_MET"))
                .then().statusCode(409);
        post(TestTokens.participant("stranger"), pair, Map.of("kind", "PULSE", "rating", 3)).then().statusCode(404);
        given().auth().oauth2(ADMIN).get(PATH, pair.agreementId()).then().statusCode(403);

        SessionsFixtures.agreement(pair, "mentoring.agreement.terminated.v1", "TERMINATED", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        post(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 3)).then().statusCode(400);
        post(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 3, "wouldRecommend", true)).then().statusCode(400);
        var exit = post(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 3, "wouldRecommend", true, "endReason", "NO_TIME",
                "comment", "shared exit note", "shareWithPair", true)).then().statusCode(201).extract();
        SessionsFixtures.follow(pair.mentorToken(), exit, "/api/v1/meetings/agreements/" + pair.agreementId() + "/surveys")
                .body(containsString("shared exit note"));
        post(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 3, "wouldRecommend", true, "endReason", "NO_TIME"))
                .then().statusCode(409);

        given().auth().oauth2(pair.mentorToken()).get(PATH, pair.agreementId()).then().statusCode(200).body("$", hasSize(2))
                .body(not(containsString("private pulse thought"))).body(containsString("shared exit note"));
        given().auth().oauth2(pair.menteeToken()).get(PATH, pair.agreementId()).then().statusCode(200)
                .body(containsString("private pulse thought"));
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(200)
                .body("pulseAverageRating.suppressed", equalTo(true)).body("exitReasons.NO_TIME.suppressed", equalTo(true))
                .body(not(containsString("shared exit note")));
    }

    @Test
    void theExitSurveyRightAfterTheEndingWaitsForItToArrive() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        Map<String, Object> answers = Map.of("kind", "EXIT", "rating", 4, "wouldRecommend", true, "endReason", "GOALS_MET");

        // ended at agreements-service a moment ago: the request waits for the ending to arrive here
        var pending = CompletableFuture.supplyAsync(() -> post(pair.menteeToken(), pair, answers));
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(pending).as("still waiting for the ending").isNotDone();
        SessionsFixtures.send(pair, "mentoring.agreement.completed.v1", "COMPLETED", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        pending.get(30, TimeUnit.SECONDS).then().statusCode(201).body("kind", equalTo("EXIT"));

        // never ended: after the wait, the distinct problem that says to send it again
        SessionsFixtures.Pair running = newPair();
        active(running, 0);
        post(running.menteeToken(), running, answers).then().statusCode(409).contentType("application/problem+json")
                .header("Retry-After", "1").body("type", endsWith("/not-yet-consistent"))
                .body("detail", containsString("exit survey opens once it has ended"));
    }

    private static io.restassured.response.Response post(String token, SessionsFixtures.Pair pair, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH, pair.agreementId());
    }
}
