package org.mentoring.gateway.http;

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

/** CORS for the configured frontend origins, and the security headers on every answer. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class BrowserHeadersTest {

    private static final String FRONTEND = "http://localhost:5173";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void preflightIsAnsweredWithoutAToken() {
        Response response = given()
                .header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .when().options("/api/v1/programmes")
                .then().statusCode(200).extract().response();

        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization").contains("idempotency-key");
        assertThat(response.header("X-Upstream")).isNull();
    }

    @Test
    void corsAnswerExposesTheGatewaysHeaders() {
        Response response = given().auth().oauth2(TestTokens.participant("cors-1"))
                .header("Origin", FRONTEND)
                .when().get("/api/v1/programmes")
                .then().statusCode(200).extract().response();

        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(response.header("Access-Control-Expose-Headers"))
                .contains("X-Request-Id").contains("RateLimit").contains("Location").contains("ETag");
    }

    @Test
    void swaggerUiOnTheGatewaysOwnOriginMayCallTheApi() {
        // Swagger UI's 'Try it out' sends the page's own origin, which is not in the frontends' list.
        given().auth().oauth2(TestTokens.admin("ui-1"))
                .header("Origin", RestAssured.baseURI + ":" + RestAssured.port)
                .contentType("application/json").body("{}")
                .when().post("/api/v1/programmes")
                .then().statusCode(200);
    }

    @Test
    void unknownOriginGetsNoCorsGrant() {
        Response response = given()
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/programmes")
                .then().extract().response();

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void apiAnswersCarryTheSecurityHeaders() {
        Response proxied = given().auth().oauth2(TestTokens.participant("headers-1"))
                .when().get("/api/v1/programmes")
                .then().statusCode(200).extract().response();
        Response refused = given().when().get("/api/v1/programmes")
                .then().statusCode(401).extract().response();

        for (Response response : new Response[] {proxied, refused}) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.header("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void hstsOnlyBehindTls() {
        given().auth().oauth2(TestTokens.participant("headers-2")).header("X-Forwarded-Proto", "https")
                .when().get("/api/v1/programmes")
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void swaggerUiHasAPolicyForItsScriptsAndKeycloak() {
        Response page = given().when().get("/q/swagger-ui/")
                .then().statusCode(200).extract().response();

        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self' 'unsafe-inline'")
                .contains("connect-src 'self' http://localhost:8180")
                .contains("frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
