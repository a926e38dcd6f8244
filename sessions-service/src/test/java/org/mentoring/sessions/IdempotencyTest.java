package org.mentoring.sessions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A client that retries a write with its Idempotency-Key never creates two of anything. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class IdempotencyTest {

    @Inject
    Pool database;

    @Test
    void aRetriedMeetingIsOneMeeting() {
        SessionsFixtures.Pair pair = SessionsFixtures.newPair();
        SessionsFixtures.active(pair, 0);
        Map<String, Object> meeting = SessionsFixtures.online(pair, SessionsFixtures.inDays(3), 60);
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = schedule(pair, meeting, key).statusCode(201).extract();
        ExtractableResponse<Response> retry = schedule(pair, meeting, key).statusCode(201)
                .header(IdempotencyKeys.REPLAYED, "true").extract();
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        given().auth().oauth2(pair.menteeToken()).queryParam("agreementId", pair.agreementId()).get("/api/v1/meetings").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(first.path("id")));

        Map<String, Object> later = SessionsFixtures.online(pair, SessionsFixtures.inDays(4), 60);
        schedule(pair, later, key).statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(pair.menteeToken()).queryParam("agreementId", pair.agreementId()).get("/api/v1/meetings").then()
                .body("items", hasSize(1));
    }

    @Test
    void aRetriedPrivateNoteIsOneNoteAndItsTextIsNotKeptWithTheKey() {
        SessionsFixtures.Pair pair = SessionsFixtures.newPair();
        SessionsFixtures.active(pair, 0);
        String meeting = SessionsFixtures.schedule(pair.menteeToken(), SessionsFixtures.online(pair, SessionsFixtures.inDays(3), 60))
                .path("id");
        String secret = "Only for me " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = note(pair, meeting, secret, key).statusCode(201).extract();
        ExtractableResponse<Response> retry = note(pair, meeting, secret, key).statusCode(201)
                .header(IdempotencyKeys.REPLAYED, "true").extract();
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.<String>path("content")).isEqualTo(secret);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes", meeting).then().statusCode(200)
                .body("items", hasSize(1));

        note(pair, meeting, secret + " (edited)", key).statusCode(422).contentType("application/problem+json");

        List<Row> records = database.preparedQuery("select body from idempotency_record where idem_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().stream().toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getString("body")).isNull();
    }

    @Test
    void aRetriedFeedbackIsGivenOnce() {
        SessionsFixtures.Pair pair = SessionsFixtures.newPair();
        SessionsFixtures.active(pair, 0);
        String meeting = SessionsFixtures.heldMeeting(pair);
        Map<String, Object> feedback = Map.of("rating", 5, "comment", "Great talk", "shareWithPair", true);
        String key = UUID.randomUUID().toString();

        String first = feedback(pair, meeting, feedback, key).statusCode(201).extract().body().asString();
        feedback(pair, meeting, feedback, key).statusCode(201).header(IdempotencyKeys.REPLAYED, "true").body(equalTo(first));
        feedback(pair, meeting, feedback, null).statusCode(409);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/feedback", meeting).then().statusCode(200)
                .body("$", hasSize(1));
    }

    private static io.restassured.response.ValidatableResponse schedule(SessionsFixtures.Pair pair, Map<String, Object> body, String key) {
        return given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(body).post("/api/v1/meetings").then();
    }

    private static io.restassured.response.ValidatableResponse note(SessionsFixtures.Pair pair, String meeting, String text, String key) {
        return given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(Map.of("visibility", "PRIVATE", "content", text)).post("/api/v1/meetings/{id}/notes", meeting).then();
    }

    private static io.restassured.response.ValidatableResponse feedback(SessionsFixtures.Pair pair, String meeting,
                                                                        Map<String, Object> body, String key) {
        var request = given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header(IdempotencyKeys.HEADER, key);
        }
        return request.post("/api/v1/meetings/{id}/feedback", meeting).then();
    }
}
