package org.mentoring.notifications.webhook;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mentoring.notifications.Fixtures;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The subscriptions API: who may use it, what it accepts, and that each caller sees only its own. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class WebhookApiTest {

    @Test
    void aSubscriptionIsCreatedWithItsSecretShownOnceThenReadChangedAndDeleted() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        UUID programme = UUID.randomUUID();
        JsonPath created = Fixtures.subscribe(hr, "https://93.184.215.14/hooks?x=1", List.of("mentoring.agreement.*", "mentoring.pair.at-risk.v1"),
                programme);
        String id = created.getString("id");
        assertThat(created.getString("secret")).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(created.getString("secret").substring(6))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(created.getBoolean("enabled")).isTrue();
        assertThat(created.getString("programmeId")).isEqualTo(programme.toString());

        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("secret", nullValue()).body("url", equalTo("https://93.184.215.14/hooks?x=1"))
                .body("eventTypes", equalTo(List.of("mentoring.agreement.*", "mentoring.pair.at-risk.v1")));

        given().auth().oauth2(hr).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "eventTypes", List.of("*"), "description", "paused"))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("BY_OWNER"))
                .body("eventTypes", equalTo(List.of("*"))).body("description", equalTo("paused"))
                .body("programmeId", equalTo(programme.toString()));
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"programmeId\":null,\"enabled\":true}")
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("programmeId", nullValue()).body("enabled", equalTo(true)).body("disabledReason", nullValue());

        String rotated = given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/secret/rotate", id).then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.getString("secret"));
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("secret", nullValue()).body("previousSecretExpiresAt", notNullValue());

        given().auth().oauth2(hr).delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCallerSeesOnlyItsOwnSubscriptionsAndAPlatformAdminSeesAll() {
        String owner = "hr-" + UUID.randomUUID();
        String hr = Fixtures.hr(owner);
        String other = Fixtures.hr("hr-" + UUID.randomUUID());
        String id = Fixtures.subscribe(hr, "https://93.184.215.14/a", List.of("*"), null).getString("id");
        String second = Fixtures.subscribe(hr, "https://93.184.215.14/b", List.of("*"), null).getString("id");

        given().auth().oauth2(other).get("/api/v1/webhooks/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).post("/api/v1/webhooks/{id}/secret/rotate", id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(other).post("/api/v1/webhooks/{id}/ping", id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/webhooks").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("enabled", equalTo(true));

        // paging: one at a time, in the order they were created
        JsonPath first = given().auth().oauth2(hr).queryParam("limit", 1).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", equalTo(List.of(id))).body("nextCursor", notNullValue()).extract().jsonPath();
        given().auth().oauth2(hr).queryParam("limit", 1).queryParam("cursor", first.getString("nextCursor")).get("/api/v1/webhooks")
                .then().statusCode(200).body("items.id", equalTo(List.of(second))).body("nextCursor", nullValue());

        String admin = TestTokens.token("pa-" + UUID.randomUUID(), Fixtures.PLATFORM_ADMIN);
        given().auth().oauth2(admin).get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("ownerId", equalTo(owner));
        given().auth().oauth2(admin).queryParam("limit", 200).get("/api/v1/webhooks").then().statusCode(200).body("items.id", hasItem(id));

        given().auth().oauth2(TestTokens.participant("p-1")).get("/api/v1/webhooks").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("programme-admin")).get("/api/v1/webhooks").then().statusCode(403);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String id = Fixtures.subscribe(hr, "https://93.184.215.14/ok", List.of("mentoring.match.*"), null).getString("id");
        List<Map<String, Object>> bad = List.of(
                Map.of("url", "not a url", "eventTypes", List.of("*")),
                Map.of("url", "ftp://93.184.215.14/x", "eventTypes", List.of("*")),
                Map.of("url", "https:///nohost", "eventTypes", List.of("*")),
                Map.of("url", "https://user:pw@93.184.215.14/x", "eventTypes", List.of("*")),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("mentoring.nothing.*")),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("org.mentoring.agreement.*")),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("mentoring.agreement.activated.v9")),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("mentoring.*.v1")),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of()),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("*"), "programmeId", "not-a-uuid"),
                Map.of("url", "https://93.184.215.14/x", "eventTypes", List.of("*"), "secret", "whsec_mine"));
        for (Map<String, Object> body : bad) {
            given().auth().oauth2(hr).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then()
                    .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().auth().oauth2(hr).contentType(ContentType.JSON).body("{\"url\":").post("/api/v1/webhooks").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(hr).get("/api/v1/webhooks").then().statusCode(200).body("items.id", equalTo(List.of(id)));

        for (String patch : List.of("{\"eventTypes\":[\"mentoring.nothing.v1\"]}", "{\"url\":\"http//x\"}", "{\"url\":null}",
                "{\"enabled\":\"yes\"}", "{\"programmeId\":\"x\"}", "{\"secret\":\"whsec_x\"}", "{\"eventTypes\":\"*\"}")) {
            given().auth().oauth2(hr).contentType(ContentType.JSON).body(patch).patch("/api/v1/webhooks/{id}", id).then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("eventTypes", equalTo(List.of("mentoring.match.*"))).body("url", equalTo("https://93.184.215.14/ok"))
                .body("enabled", equalTo(true));

        given().auth().oauth2(hr).get("/api/v1/webhooks/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/deliveries/nope/redeliver", id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/redeliver", id).then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("The request has an invalid field: since"));
        given().auth().oauth2(hr).queryParam("since", "yesterday").post("/api/v1/webhooks/{id}/redeliver", id).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(hr).queryParam("limit", 0).get("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", id, UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
