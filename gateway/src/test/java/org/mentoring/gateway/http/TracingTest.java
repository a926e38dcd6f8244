package org.mentoring.gateway.http;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** W3C trace context propagation and the access log line of each request. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class TracingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void captureAccessLog() {
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
    }

    @Test
    void validTraceparentAndTracestateArePassedOnUnchanged() {
        Response response = given().auth().oauth2(TestTokens.participant("trace-1"))
                .header("traceparent", TRACEPARENT).header("tracestate", "vendor=abc")
                .when().get("/api/v1/meetings")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(response.jsonPath().getString("tracestate")).isEqualTo("vendor=abc");
    }

    @Test
    void missingOrMalformedTraceparentIsReplaced() {
        String generated = given().auth().oauth2(TestTokens.participant("trace-2"))
                .when().get("/api/v1/meetings")
                .then().statusCode(200).extract().jsonPath().getString("traceparent");
        assertThat(generated).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        Response replaced = given().auth().oauth2(TestTokens.participant("trace-2"))
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=abc")
                .when().get("/api/v1/meetings")
                .then().statusCode(200).extract().response();
        assertThat(replaced.jsonPath().getString("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotStartWith("00-00000000");
        assertThat(replaced.jsonPath().getString("tracestate")).isNull();
    }

    @Test
    void accessLogHasRouteStatusLatencyAndSubjectButNoTokenOrQuery() {
        String token = TestTokens.admin("admin-log-1");
        given().auth().oauth2(token).header("traceparent", TRACEPARENT).header("X-Request-Id", "log-req-1")
                .when().get("/api/v1/programmes/p-4711/pool?email=someone@example.org")
                .then().statusCode(200);

        String line = awaitLine("request_id=log-req-1 ");
        assertThat(line).contains("trace_id=4bf92f3577b34da6a3ce929d0e0e4736", "method=GET",
                "route=/api/v1/programmes/*/pool", "status=200", "upstream=matching", "subject=admin-log-1")
                .containsPattern("latency_ms=\\d+\\.\\d");
        assertThat(line).doesNotContain("p-4711", "someone", "example.org", token.substring(0, 20));
    }

    @Test
    void refusedRequestsAreLoggedToo() {
        given().header("X-Request-Id", "log-req-2").when().get("/api/v1/applications/secret-id")
                .then().statusCode(401);

        assertThat(awaitLine("request_id=log-req-2 ")).contains("route=-", "status=401", "upstream=-", "subject=-")
                .doesNotContain("secret-id");
    }

    @Test
    void aSubjectCannotForgeAFieldOrALine() {
        given().auth().oauth2(TestTokens.participant("eve status=200\nrequest_id=forged"))
                .header("X-Request-Id", "log-req-3")
                .when().get("/api/v1/programmes/p-1/pool")
                .then().statusCode(403);

        String line = awaitLine("request_id=log-req-3 ");
        assertThat(line).endsWith(" subject=eve_status_200_request_id_forged").contains("status=403")
                .doesNotContain("\n");
        assertThat(lines).noneMatch(l -> l.startsWith("request_id=forged"));
    }

    private String awaitLine(String marker) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> lines.stream().anyMatch(l -> l.startsWith(marker)));
        return lines.stream().filter(l -> l.startsWith(marker)).findFirst().orElseThrow();
    }
}
