package org.mentoring.matching;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.idempotency.IdempotencyKeys;
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
import static org.hamcrest.Matchers.hasSize;

/** A client that retries a write with its Idempotency-Key never creates two of anything. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class IdempotencyTest {

    private final String admin = TestTokens.admin(MatchingFixtures.ADMIN);

    @Test
    void aRetriedRunStartIsOneRunThatStillRuns() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        String key = UUID.randomUUID().toString();

        // a refused request stores nothing, so the same key may be sent until the programme's CLOSED status has arrived
        ExtractableResponse<Response> first = firstSuccess(() -> startRun(programme, "PREVIEW", key).extract(), 202);
        assertThat(first.header(IdempotencyKeys.REPLAYED)).isNull();
        ExtractableResponse<Response> retry = startRun(programme, "PREVIEW", key).statusCode(202)
                .header(IdempotencyKeys.REPLAYED, "true").extract();
        String run = first.path("id");
        assertThat(retry.<String>path("id")).isEqualTo(run);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));

        // the run started once, and completes
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                        .statusCode(200).extract().path("status")));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(run));

        startRun(programme, "PUBLISH", key).statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs", programme).then().body("$", hasSize(1));
    }

    @Test
    void aRetriedManualPairIsOnePairAndARetriedAnswerIsAnsweredOnce() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        Map<String, Object> pair = Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor);
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = firstSuccess(() -> pairByHand(pair, key).extract(), 201);
        ExtractableResponse<Response> retry = pairByHand(pair, key).statusCode(201).header(IdempotencyKeys.REPLAYED, "true").extract();
        String proposal = first.path("id");
        assertThat(retry.<String>path("id")).isEqualTo(proposal);
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        given().auth().oauth2(admin).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(proposal));

        Map<String, Object> other = Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor,
                "overrideReason", "another request");
        pairByHand(other, key).statusCode(422).contentType("application/problem+json");

        // the mentee's acceptance, retried with its key, is the first answer; without a key it would be a 409
        String menteeToken = TestTokens.participant("user-" + mentee);
        String answerKey = UUID.randomUUID().toString();
        String answered = answer(menteeToken, proposal, answerKey).statusCode(200).extract().body().asString();
        answer(menteeToken, proposal, answerKey).statusCode(200).header(IdempotencyKeys.REPLAYED, "true").body(equalTo(answered));
        answer(menteeToken, proposal, null).statusCode(409);
    }

    @Test
    void aRetriedExclusionIsAppliedOnce() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        Map<String, Object> exclusion = Map.of("menteeApplicationId", mentee, "mentorApplicationId", mentor, "reason", "Same team");
        String key = UUID.randomUUID().toString();

        firstSuccess(() -> exclude(programme, exclusion, key).extract(), 204);
        exclude(programme, exclusion, key).statusCode(204).header(IdempotencyKeys.REPLAYED, "true");
        exclude(programme, Map.of("menteeApplicationId", mentee, "mentorApplicationId", mentor, "reason", "Other"), key)
                .statusCode(422).contentType("application/problem+json");
        // keeping apart two people already kept apart (by another admin, or because their agreement ended) is no conflict
        exclude(programme, Map.of("menteeApplicationId", mentee, "mentorApplicationId", mentor, "reason", "Again"),
                UUID.randomUUID().toString()).statusCode(204);
        // and it holds: a run pairs nobody
        String run = firstSuccess(() -> startRun(programme, "PREVIEW", null).extract(), 202).path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "COMPLETED".equals(
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                        .statusCode(200).extract().path("status")));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("result.pairs", hasSize(0));
    }

    /** Sends until the answer is {@code status} (the programme's events may still be on their way). */
    private static ExtractableResponse<Response> firstSuccess(java.util.function.Supplier<ExtractableResponse<Response>> send, int status) {
        java.util.concurrent.atomic.AtomicReference<ExtractableResponse<Response>> answer = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer.set(send.get());
            return answer.get().statusCode() == status;
        });
        return answer.get();
    }

    private io.restassured.response.ValidatableResponse answer(String token, String proposal, String key) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("accept", true));
        if (key != null) {
            request.header(IdempotencyKeys.HEADER, key);
        }
        return request.post("/api/v1/proposals/{id}/answer", proposal).then();
    }

    private io.restassured.response.ValidatableResponse exclude(UUID programme, Map<String, Object> exclusion, String key) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(exclusion).post("/api/v1/programmes/{id}/exclusions", programme).then();
    }

    private io.restassured.response.ValidatableResponse startRun(UUID programme, String mode, String key) {
        var request = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", mode));
        if (key != null) {
            request.header(IdempotencyKeys.HEADER, key);
        }
        return request.post("/api/v1/programmes/{id}/matching-runs", programme).then().log().ifValidationFails();
    }

    private io.restassured.response.ValidatableResponse pairByHand(Map<String, Object> pair, String key) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(pair).post("/api/v1/proposals").then();
    }
}
