package org.mentoring.applicants;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;

/** A client that retries a write with its Idempotency-Key never creates two of anything. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class IdempotencyTest {

    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Inject
    Pool database;

    @Inject
    IdempotencyKeys idempotency;

    @Test
    void aRetriedProgrammeCreationGetsTheFirstAnswerAndCreatesOneProgramme() {
        String name = "Retried " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = createProgramme(name, key).statusCode(201).extract();
        ExtractableResponse<Response> retry = createProgramme(name, key).statusCode(201)
                .header(IdempotencyKeys.REPLAYED, "true").extract();

        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(first.header(IdempotencyKeys.REPLAYED)).isNull();
        assertThat(programmesNamed(name)).isEqualTo(1);

        // the same key with another body is a client error, and creates nothing
        createProgramme(name + " (other)", key).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"));
        assertThat(programmesNamed(name + " (other)")).isZero();

        // keys are per caller: another admin's same key is a new request
        given().auth().oauth2(TestTokens.admin("other-admin-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .header(IdempotencyKeys.HEADER, key).body(ApplicantsFixtures.programme(name))
                .post("/api/v1/programmes").then().statusCode(201);
        assertThat(programmesNamed(name)).isEqualTo(2);
    }

    @Test
    void twoConcurrentRequestsWithOneKeyCreateOneProgramme() throws Exception {
        String name = "Concurrent " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ExtractableResponse<Response>>> sent = java.util.stream.IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> createProgramme(name, key).extract(), pool))
                    .toList();
            List<ExtractableResponse<Response>> answers = sent.stream().map(CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
            assertThat(answers.stream().map(a -> a.<String>path("id")).distinct()).hasSize(1);
            assertThat(answers.stream().filter(a -> a.header(IdempotencyKeys.REPLAYED) == null)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(programmesNamed(name)).isEqualTo(1);
    }

    @Test
    void anErasureKeepsNoRecordOfItsKeySoThatARetryFindsNothingLeft() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Erase " + UUID.randomUUID()));
        String person = TestTokens.participant("erased-" + UUID.randomUUID());
        given().auth().oauth2(person).contentType(ContentType.JSON).body(ApplicantsFixtures.application("MENTEE"))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201);
        String key = UUID.randomUUID().toString();

        String first = given().auth().oauth2(person).header(IdempotencyKeys.HEADER, key).post("/api/v1/me/erasure").then()
                .statusCode(200).body("applicationsErased", equalTo(1)).extract().body().asString();
        assertThat(first).contains("erasedAt");
        // the stored answer would name the person, so none is kept: the retry runs again and finds nothing left
        given().auth().oauth2(person).header(IdempotencyKeys.HEADER, key).post("/api/v1/me/erasure").then()
                .statusCode(404).header(IdempotencyKeys.REPLAYED, nullValue());
        given().auth().oauth2(person).post("/api/v1/me/erasure").then().statusCode(404);
    }

    @Test
    void aRecordOlderThanTheRetentionIsIgnoredAndPurged() {
        String name = "Expired " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String first = createProgramme(name, key).statusCode(201).extract().path("id");
        age(key);

        String second = createProgramme(name, key).statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(programmesNamed(name)).isEqualTo(2);
        assertThat(records(key)).isEqualTo(1);

        age(key);
        assertThat(idempotency.purge().await().indefinitely()).isPositive();
        assertThat(records(key)).isZero();
    }

    @Test
    void aKeyThatIsNotAPrintableTokenIsABadRequest() {
        createProgramme("Bad key " + UUID.randomUUID(), "x".repeat(201)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(IdempotencyKeys.HEADER));
    }

    @Test
    void theOpenApiDocumentNamesTheHeaderOnEveryCreatingPost() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.parameters.IdempotencyKey.name", equalTo(IdempotencyKeys.HEADER))
                .body("paths.'/api/v1/programmes'.post.parameters.'$ref'", hasItem("#/components/parameters/IdempotencyKey"))
                .body("paths.'/api/v1/programmes'.post.responses.'422'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/api/v1/me/erasure'.post.parameters.'$ref'", hasItem("#/components/parameters/IdempotencyKey"))
                .body("paths.'/api/v1/directory/imports'.post.parameters.'$ref'",
                        hasItem("#/components/parameters/IdempotencyKeyRequired"));
    }

    private io.restassured.response.ValidatableResponse createProgramme(String name, String key) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header(IdempotencyKeys.HEADER, key)
                .body(ApplicantsFixtures.programme(name)).post("/api/v1/programmes").then();
    }

    /** Counts through the list, page by page, as a platform admin, who is listed every admin's drafts. */
    private int programmesNamed(String name) {
        int count = 0;
        String cursor = null;
        String platformAdmin = TestTokens.token("platform-admin-" + UUID.randomUUID(), "platform-admin");
        do {
            var request = given().auth().oauth2(platformAdmin).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/programmes").then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            count += (int) items.stream().filter(p -> name.equals(p.get("name"))).count();
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return count;
    }

    /** Makes the key's record older than the retention of 24 hours. */
    private void age(String key) {
        database.preparedQuery("update idempotency_record set created_at = created_at - interval '25 hours' where idem_key = $1")
                .execute(Tuple.of(key)).await().indefinitely();
    }

    private int records(String key) {
        return database.preparedQuery("select count(*) from idempotency_record where idem_key = $1").execute(Tuple.of(key))
                .await().indefinitely().iterator().next().getLong(0).intValue();
    }
}
