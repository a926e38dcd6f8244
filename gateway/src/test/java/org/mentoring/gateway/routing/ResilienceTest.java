package org.mentoring.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Body size limit, retries and the circuit breaker, against the stub upstreams. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ResilienceTest {

    private static final String PARTICIPANT = TestTokens.participant("mentor-1");
    private static final int LIMIT = 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void bodyOverTheLimitIsRefusedUpFront() {
        Response response = given().auth().oauth2(PARTICIPANT)
                .contentType("application/octet-stream").body(new byte[LIMIT + 1])
                .when().post("/api/v1/applications")
                .then().statusCode(413).contentType("application/problem+json").extract().response();

        assertThat(response.jsonPath().getString("type")).endsWith("/payload-too-large");
        assertThat(response.header("X-Upstream")).isNull();
    }

    @Test
    void bodyAtTheLimitPasses() {
        given().auth().oauth2(PARTICIPANT)
                .contentType("application/octet-stream").body(new byte[LIMIT])
                .when().post("/api/v1/applications")
                .then().statusCode(200).body("bodyLength", org.hamcrest.Matchers.equalTo(LIMIT));
    }

    @Test
    void chunkedBodyIsCutOffAtTheLimit() throws Exception {
        HttpResponse<String> response = postChunked(new byte[2 * LIMIT]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void chunkedBodyUnderTheLimitStreamsThrough() throws Exception {
        HttpResponse<String> response = postChunked(new byte[200 * 1024]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bodyLength\":" + 200 * 1024);
    }

    @Test
    void idempotentRequestsRetryARefusedConnectionOthersDoNot() {
        double before = retries("agreements");
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/agreements/7").then().statusCode(503);
        double afterGet = retries("agreements");
        given().auth().oauth2(PARTICIPANT).contentType("application/json").body("{}")
                .when().post("/api/v1/agreements").then().statusCode(503);

        assertThat(afterGet - before).isEqualTo(2.0);
        assertThat(retries("agreements")).isEqualTo(afterGet);
    }

    @Test
    void circuitBreakerOpensAfterConsecutiveFailuresThenProbes() throws Exception {
        // Threshold 2 and 300 ms read timeout for 'flaky' in the test profile.
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/slow").then().statusCode(504);
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/slow").then().statusCode(504);

        long started = System.nanoTime();
        Response refused = given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/fine")
                .then().statusCode(503).contentType("application/problem+json").extract().response();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(300);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("X-Upstream")).isNull();
        assertThat(refused.jsonPath().getString("type")).endsWith("/service-unavailable");

        // open for 1 s: refused until then, then the next request goes through as the probe and closes the breaker
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/fine").statusCode() == 200);
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/fine")
                .then().statusCode(200).header("X-Upstream", "flaky");
        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/fine")
                .then().statusCode(200).header("X-Upstream", "flaky");
    }

    @Test
    void callersHangingUpDoNotTripTheBreaker() throws Exception {
        // More hang-ups than the threshold (2): each resets the upstream request, which is not the upstream's fault.
        int forwarded = StubUpstreams.slowRequestsReceived("flaky");
        for (int i = 0; i < 3; i++) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.getOutputStream().write(("GET /api/v1/flaky/slow HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + PARTICIPANT + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                int expected = forwarded + i + 1;
                // hang up only once the request is with the upstream, so that there is an upstream request to reset
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                        .until(() -> StubUpstreams.slowRequestsReceived("flaky") >= expected);
            }
        }
        // let time pass beyond the upstream read timeout (300 ms), by which a hang-up wrongly taken for an upstream
        // failure would have been counted; meanwhile no hung-up request may be sent to the upstream again
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> StubUpstreams.slowRequestsReceived("flaky") == forwarded + 3);

        given().auth().oauth2(PARTICIPANT).when().get("/api/v1/flaky/fine")
                .then().statusCode(200).header("X-Upstream", "flaky");
    }

    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // An InputStream of unknown length is sent with chunked transfer encoding.
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/applications"))
                .header("Authorization", "Bearer " + PARTICIPANT)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double retries(String upstream) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("gateway_upstream_retries_total\\{[^}]*upstream=\"" + upstream
                + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
