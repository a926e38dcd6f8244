package org.mentoring.gateway.ratelimit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits over HTTP. The test-only route {@code /api/v1/limited} is in class {@code tight}: a burst of 3,
 * then one request every 2 s.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class RateLimitTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void burstOverTheLimitIs429WithRetryAfterAndRateLimitFields() {
        String token = TestTokens.participant("burst-1");
        for (int left = 2; left >= 0; left--) {
            given().auth().oauth2(token).when().get("/api/v1/limited")
                    .then().statusCode(200)
                    .header("RateLimit-Policy", "\"tight\";q=3;w=6")
                    .header("RateLimit", "\"tight\";r=" + left + ";t=" + 2 * (3 - left));
        }

        Response refused = given().auth().oauth2(token).when().get("/api/v1/limited")
                .then().statusCode(429).contentType("application/problem+json").extract().response();

        assertThat(refused.jsonPath().getString("type")).endsWith("/too-many-requests");
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.header("RateLimit")).startsWith("\"tight\";r=0;");
        assertThat(refused.header("X-Upstream")).isNull();

        // Another subject has its own bucket.
        given().auth().oauth2(TestTokens.participant("burst-2")).when().get("/api/v1/limited")
                .then().statusCode(200);
    }

    @Test
    void anonymousCallersAreLimitedByAddressBeforeTheir401() {
        for (int i = 0; i < 3; i++) {
            given().when().get("/api/v1/limited/anonymous").then().statusCode(401);
        }
        given().when().get("/api/v1/limited/anonymous")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "2");
    }

    @Test
    void everyApiAnswerCarriesTheFields() {
        given().auth().oauth2(TestTokens.participant("fields-1")).when().get("/api/v1/programmes")
                .then().statusCode(200)
                .header("RateLimit-Policy", "\"default\";q=10000;w=10")
                .header("RateLimit", "\"default\";r=9999;t=1");
        given().auth().oauth2(TestTokens.participant("fields-1")).when().get("/api/v1/nowhere")
                .then().statusCode(404)
                .header("RateLimit-Policy", "\"default\";q=10000;w=10");
    }
}
