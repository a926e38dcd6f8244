package org.mentoring.gateway.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Authentication and the routing table's role rules, each refusal a problem document. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class GatewaySecurityTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Stream<Arguments> unauthenticatedCallers() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("signed by a stranger", bearer(TestTokens.signedByStranger("u1", TestTokens.ADMIN))),
                Arguments.of("expired", bearer(TestTokens.expired("u1", TestTokens.ADMIN))),
                Arguments.of("wrong issuer", bearer(TestTokens.wrongIssuer("u1", TestTokens.ADMIN))),
                Arguments.of("wrong audience", bearer(TestTokens.wrongAudience("u1", TestTokens.ADMIN))),
                Arguments.of("garbage bearer", "Bearer not-a-jwt"),
                Arguments.of("unsigned token", bearer(unsigned())),
                Arguments.of("alg none with a signature", bearer(ForgedTokens.algNoneWithSignature())),
                Arguments.of("HS256 keyed with the public key PEM", bearer(ForgedTokens.hs256WithPublicKey(true))),
                Arguments.of("HS256 keyed with the public key DER", bearer(ForgedTokens.hs256WithPublicKey(false))),
                Arguments.of("unknown kid", bearer(ForgedTokens.unknownKid())),
                Arguments.of("tampered payload", bearer(ForgedTokens.tamperedPayload())),
                Arguments.of("no audience", bearer(ForgedTokens.withoutAudience())),
                Arguments.of("basic credentials", "Basic YWRtaW46YWRtaW4="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthenticatedCallers")
    void refusedWith401Problem(String caller, String authorization) {
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response response = request.when().get("/api/v1/programmes")
                .then().statusCode(401).contentType("application/problem+json").extract().response();

        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
        assertThat(response.jsonPath().getString("type")).endsWith("/unauthorized");
        assertThat(response.jsonPath().getString("instance")).isEqualTo("/api/v1/programmes");
    }

    @Test
    void tokenInTheQueryStringIsRefused() {
        String token = TestTokens.admin("admin-1");
        Response alone = given().queryParam("access_token", token)
                .when().get("/api/v1/programmes")
                .then().statusCode(401).contentType("application/problem+json").extract().response();
        assertThat(alone.jsonPath().getString("detail")).contains("query string");

        // Even next to a valid header: the query string is logged by proxies and kept in browser histories.
        given().auth().oauth2(token).queryParam("access_token", token)
                .when().get("/api/v1/programmes")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void scimNeedsAToken() {
        given().when().get("/scim/v2/Users")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void participantCannotReadThePool() {
        assertForbidden(given().auth().oauth2(TestTokens.participant("mentor-1"))
                .when().get("/api/v1/programmes/7f3c/pool"));
    }

    @Test
    void participantCannotStartAMatchingRun() {
        assertForbidden(given().auth().oauth2(TestTokens.participant("mentor-1"))
                .when().post("/api/v1/programmes/7f3c/matching-runs"));
    }

    @Test
    void participantCannotCreateAProgramme() {
        assertForbidden(given().auth().oauth2(TestTokens.participant("mentor-1"))
                .contentType("application/json").body("{\"name\":\"Cohort 2026\"}")
                .when().post("/api/v1/programmes"));
    }

    @Test
    void participantAppliesToAProgrammeDespiteTheAdminOnlyWriteRuleOfProgrammes() {
        given().auth().oauth2(TestTokens.participant("mentee-1"))
                .contentType("application/json").body("{\"role\":\"MENTEE\"}")
                .when().post("/api/v1/programmes/7f3c/applications")
                .then().statusCode(200).header("X-Upstream", "applicants");
    }

    @Test
    void participantReadsProgrammes() {
        given().auth().oauth2(TestTokens.participant("mentor-1"))
                .when().get("/api/v1/programmes")
                .then().statusCode(200).header("X-Upstream", "applicants");
    }

    @Test
    void adminCreatesAProgramme() {
        given().auth().oauth2(TestTokens.admin("admin-1"))
                .contentType("application/json").body("{\"name\":\"Cohort 2026\"}")
                .when().post("/api/v1/programmes")
                .then().statusCode(200).header("X-Upstream", "applicants");
    }

    @Test
    void scimIsForTheHrIntegrationOnly() {
        assertForbidden(given().auth().oauth2(TestTokens.admin("admin-1")).when().get("/scim/v2/Users"));
        given().auth().oauth2(TestTokens.token("workday-sync", TestTokens.HR_INTEGRATION))
                .when().get("/scim/v2/Users")
                .then().statusCode(200).header("X-Upstream", "applicants");
    }

    @Test
    void webhooksAreForHrPlatformsAndPlatformAdminsOnly() {
        assertForbidden(given().auth().oauth2(TestTokens.participant("mentor-1")).when().get("/api/v1/webhooks"));
        assertForbidden(given().auth().oauth2(TestTokens.admin("admin-1"))
                .contentType("application/json").body("{\"url\":\"https://hr.example.org/hooks\"}")
                .when().post("/api/v1/webhooks"));
        given().auth().oauth2(TestTokens.token("workday-sync", TestTokens.HR_INTEGRATION))
                .contentType("application/json").body("{\"url\":\"https://hr.example.org/hooks\"}")
                .when().post("/api/v1/webhooks")
                .then().statusCode(200).header("X-Upstream", "notifications");
        given().auth().oauth2(TestTokens.token("ops-1", "platform-admin"))
                .when().get("/api/v1/webhooks/7f3c/deliveries")
                .then().statusCode(200).header("X-Upstream", "notifications");
    }

    @Test
    void everyoneSignedInReachesTheirOwnNotificationPreferencesWhileOtherMePathsStayWithApplicants() {
        for (String token : new String[]{TestTokens.participant("mentee-1"), TestTokens.admin("admin-1"),
                TestTokens.token("workday-sync", TestTokens.HR_INTEGRATION)}) {
            given().auth().oauth2(token).when().get("/api/v1/me/notification-preferences")
                    .then().statusCode(200).header("X-Upstream", "notifications");
        }
        given().auth().oauth2(TestTokens.participant("mentee-1"))
                .contentType("application/json").body("{\"kinds\":{}}")
                .when().put("/api/v1/me/notification-preferences")
                .then().statusCode(200).header("X-Upstream", "notifications");
        given().auth().oauth2(TestTokens.participant("mentee-1")).when().get("/api/v1/me/applications")
                .then().statusCode(200).header("X-Upstream", "applicants");
        given().when().get("/api/v1/me/notification-preferences")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void notificationsDeadLettersAreForAdmins() {
        assertForbidden(given().auth().oauth2(TestTokens.participant("mentor-1"))
                .when().get("/api/v1/admin/notifications/dead-letters"));
        given().auth().oauth2(TestTokens.admin("admin-1")).when().get("/api/v1/admin/notifications/dead-letters")
                .then().statusCode(200).header("X-Upstream", "notifications");
    }

    @Test
    void anonymousCallerLearnsNothingAboutRoutes() {
        given().when().get("/api/v1/nowhere")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
        // Not ready: the stub standing in for agreements is down (see HealthTest); still no token needed.
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", org.hamcrest.Matchers.equalTo("DOWN"));
    }

    private static void assertForbidden(Response response) {
        response.then().statusCode(403).contentType("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(403);
        assertThat(response.jsonPath().getString("type")).endsWith("/forbidden");
        assertThat(response.header("X-Upstream")).isNull();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A well-formed token with {@code alg: none}: must never be accepted. */
    private static String unsigned() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE
                + "\",\"sub\":\"u1\",\"groups\":[\"program-admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")
                .getBytes());
        return header + "." + claims + ".";
    }
}
