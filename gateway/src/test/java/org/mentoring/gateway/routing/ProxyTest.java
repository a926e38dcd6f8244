package org.mentoring.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The proxy through the real HTTP surface, against stub upstreams that echo what reached them. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ProxyTest {

    private static final String ADMIN = TestTokens.admin("admin-1");
    private static final String PARTICIPANT = TestTokens.participant("mentor-1");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void getArrivesWithAuthorizationQueryAndNewRequestId() {
        Response response = given().auth().oauth2(PARTICIPANT)
                .when().get("/api/v1/applications/42?status=submitted&limit=5")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("upstream")).isEqualTo("applicants");
        assertThat(response.jsonPath().getString("method")).isEqualTo("GET");
        assertThat(response.jsonPath().getString("path")).isEqualTo("/api/v1/applications/42");
        assertThat(response.jsonPath().getString("query")).isEqualTo("status=submitted&limit=5");
        assertThat(response.jsonPath().getString("Authorization")).isEqualTo("Bearer " + PARTICIPANT);
        String requestId = response.jsonPath().getString("X-Request-Id");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.header("X-Upstream")).isEqualTo("applicants");
    }

    @Test
    void calendarFeedsPassWithoutATokenWhileOtherMeetingPathsDoNot() {
        // Calendar apps cannot send a token: the feed's secret URL is checked by sessions-service.
        Response feed = given().when().get("/api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics")
                .then().statusCode(200).extract().response();
        assertThat(feed.header("X-Upstream")).isEqualTo("sessions");
        assertThat(feed.jsonPath().getString("path")).isEqualTo("/api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics");
        assertThat(feed.jsonPath().getString("Authorization")).isNull();

        given().when().get("/api/v1/meetings/42").then().statusCode(401).contentType("application/problem+json");
        // A token that is sent must still be valid, on open routes too.
        given().auth().oauth2("garbage").when().get("/api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void callerRequestIdAndForwardingHeadersReachTheUpstream() {
        Response response = given().auth().oauth2(PARTICIPANT)
                .header("X-Request-Id", "trace-abc.123")
                .header("X-Forwarded-For", "203.0.113.7")
                .when().get("/api/v1/meetings")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("X-Request-Id")).isEqualTo("trace-abc.123");
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-abc.123");
        assertThat(response.jsonPath().getString("X-Forwarded-For")).startsWith("203.0.113.7, ").contains("127.0.0.1");
        assertThat(response.jsonPath().getString("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(response.jsonPath().getString("X-Forwarded-Host")).startsWith("localhost:");
        assertThat(response.jsonPath().getString("upstream")).isEqualTo("sessions");
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        Response response = given().auth().oauth2(PARTICIPANT)
                .header("X-Request-Id", "evil id with spaces")
                .when().get("/api/v1/meetings")
                .then().statusCode(200).extract().response();

        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void largePostBodyArrivesIntact() throws Exception {
        byte[] body = new byte[512 * 1024];
        new Random(7).nextBytes(body);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

        Response response = given().auth().oauth2(PARTICIPANT)
                .contentType("application/octet-stream").body(body)
                .when().post("/api/v1/applications")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
        assertThat(response.jsonPath().getLong("bodyLength")).isEqualTo(body.length);
        assertThat(response.jsonPath().getString("bodySha256")).isEqualTo(sha256);
        assertThat(response.jsonPath().getString("Authorization")).isEqualTo("Bearer " + PARTICIPANT);
    }

    @Test
    void largeResponseStreamsBack() {
        byte[] body = given().auth().oauth2(PARTICIPANT)
                .when().get("/api/v1/meetings/large")
                .then().statusCode(200).extract().asByteArray();

        assertThat(body).hasSize(StubUpstreams.LARGE_BYTES);
    }

    @Test
    void mostSpecificRouteWins() {
        given().auth().oauth2(ADMIN).when().get("/api/v1/programmes/7f3c/pool")
                .then().statusCode(200).header("X-Upstream", "matching");
        given().auth().oauth2(ADMIN).when().post("/api/v1/programmes/7f3c/matching-runs")
                .then().statusCode(200).header("X-Upstream", "matching");
        given().auth().oauth2(ADMIN).when().get("/api/v1/programmes/7f3c")
                .then().statusCode(200).header("X-Upstream", "applicants");
        given().auth().oauth2(ADMIN).when().get("/api/v1/programmes")
                .then().statusCode(200).header("X-Upstream", "applicants");
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/proposals/9")
                .then().statusCode(200).header("X-Upstream", "matching");
    }

    @Test
    void unknownApiPathIs404Problem() {
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/nowhere")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(404))
                .body("type", org.hamcrest.Matchers.endsWith("/not-found"))
                .body("instance", org.hamcrest.Matchers.equalTo("/api/v1/nowhere"));
    }

    @Test
    void pathsOutsideTheApiAre404Problems() {
        given().when().get("/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noServicesQEndpointIsForwarded() {
        // The gateway answers /q itself; no path under a service's route reaches that service's /q.
        for (String path : new String[]{"/q/metrics", "/q/health/ready", "/api/v1/meetings/../../q/metrics",
                "/api/v1/meetings/%2e%2e/%2e%2e/q/metrics", "/api/v1/meetings/..%2f..%2fq/metrics"}) {
            Response response = given().auth().oauth2(PARTICIPANT).urlEncodingEnabled(false).when().get(path)
                    .then().extract().response();
            assertThat(response.header("X-Upstream")).as(path).isNull();
        }
        Response inside = given().auth().oauth2(PARTICIPANT).when().get("/api/v1/meetings/q/metrics")
                .then().statusCode(200).extract().response();
        assertThat(inside.jsonPath().getString("path")).isEqualTo("/api/v1/meetings/q/metrics");
    }

    @Test
    void ambiguousPathIsRefused() {
        // Would be read as /api/v1/programmes/x/pool by a service that decodes %2F.
        given().auth().oauth2(PARTICIPANT).urlEncodingEnabled(false)
                .when().get("/api/v1/programmes/x%2Fpool")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(PARTICIPANT).urlEncodingEnabled(false)
                .when().get("/api/v1/programmes;v=1/x/pool")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void upstreamDownIs503ProblemWithRetryAfter() {
        long started = System.nanoTime();
        Response response = given().auth().oauth2(PARTICIPANT)
                .when().get("/api/v1/agreements/1")
                .then().statusCode(503).contentType("application/problem+json").extract().response();

        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("type")).endsWith("/service-unavailable");
        assertThat(response.header("Retry-After")).matches("\\d+");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        // Refused at once, retries included: far within the 30 s connect timeout.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void upstreamDownDrainsARequestBody() {
        given().auth().oauth2(PARTICIPANT)
                .contentType("application/octet-stream").body(new byte[256 * 1024])
                .when().post("/api/v1/agreements")
                .then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void slowUpstreamIs504Problem() {
        long started = System.nanoTime();
        Response response = given().auth().oauth2(PARTICIPANT)
                .when().get("/api/v1/meetings/slow")
                .then().statusCode(504).contentType("application/problem+json").extract().response();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.jsonPath().getString("type")).endsWith("/gateway-timeout");
        // The %test read timeout of sessions is 1 s; the stub would answer after 3 s.
        assertThat(tookMillis).isLessThan(StubUpstreams.SLOW_MILLIS);
    }

    @Test
    void metricsAreTaggedWithTheRouteNotTheRawPath() {
        given().auth().oauth2(ADMIN).when().get("/api/v1/programmes/metrics-1/pool").then().statusCode(200);
        given().auth().oauth2(ADMIN).when().get("/api/v1/programmes/metrics-2/pool").then().statusCode(200);
        given().when().get("/api/v1/programmes/metrics-3/pool").then().statusCode(401);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("uri=\"/api/v1/programmes/*/pool\"").doesNotContain("metrics-");
    }
}
