package org.mentoring.agreements;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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

    private static final String BASE = "/api/v1/agreements";

    @Test
    void aRetriedCommentIsOneComment() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String text = "Retried " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = comment(pair.mentorToken(), id, text, key).statusCode(201).extract();
        ExtractableResponse<Response> retry = comment(pair.mentorToken(), id, text, key).statusCode(201)
                .header(IdempotencyKeys.REPLAYED, "true").extract();
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(commentsSaying(pair, id, text)).isEqualTo(1);

        comment(pair.mentorToken(), id, text + " and more", key).statusCode(422).contentType("application/problem+json");
        assertThat(commentsSaying(pair, id, text + " and more")).isZero();
    }

    @Test
    void aRetriedProposalAndSignatureAreOneVersionWithOneSignature() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String etag = AgreementFixtures.etag(pair.menteeToken(), id);
        String key = UUID.randomUUID().toString();

        // without the key, the retry of a proposal would find its If-Match stale (412); with it, it gets the first answer
        ExtractableResponse<Response> first = propose(pair, id, etag, key).statusCode(201).extract();
        ExtractableResponse<Response> retry = propose(pair, id, etag, key).statusCode(201)
                .header(IdempotencyKeys.REPLAYED, "true").extract();
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).endsWith("/versions/1");
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}/versions", id).then().statusCode(200).body("$", hasSize(1));
        propose(pair, id, etag, null).statusCode(412);

        String signKey = UUID.randomUUID().toString();
        String signEtag = AgreementFixtures.etag(pair.menteeToken(), id);
        sign(pair.menteeToken(), id, signEtag, signKey).statusCode(201);
        sign(pair.menteeToken(), id, signEtag, signKey).statusCode(201).header(IdempotencyKeys.REPLAYED, "true");
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}/versions/1", id).then().statusCode(200)
                .body("signatures", hasSize(1)).body("signatures[0].signer", equalTo(pair.mentee()));
    }

    private static io.restassured.response.ValidatableResponse comment(String token, String id, String text, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(Map.of("text", text, "field", "agendaTopics")).post(BASE + "/{id}/comments", id).then();
    }

    private static io.restassured.response.ValidatableResponse propose(AgreementFixtures.Pair pair, String id, String etag, String key) {
        var request = given().auth().oauth2(pair.menteeToken()).header("If-Match", etag);
        if (key != null) {
            request.header(IdempotencyKeys.HEADER, key);
        }
        return request.post(BASE + "/{id}/proposals", id).then();
    }

    private static io.restassured.response.ValidatableResponse sign(String token, String id, String etag, String key) {
        return given().auth().oauth2(token).header("If-Match", etag).header(IdempotencyKeys.HEADER, key).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true)).post(BASE + "/{id}/versions/{n}/signatures", id, 1).then();
    }

    private static int commentsSaying(AgreementFixtures.Pair pair, String id, String text) {
        List<String> texts = given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200)
                .extract().path("comments.text");
        return (int) texts.stream().filter(text::equals).count();
    }
}
