package org.mentoring.gateway.http;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A calendar feed's URL is its credential: whatever happens to a feed request at the gateway (served, or its
 * upstream failing, which is logged with the path), no log line holds the token.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class LogSanitisingTest {

    private static final String TOKEN = "Fd7kQ2mZpL9xW4vB8nC3";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEveryLogger() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void feedTokensNeverReachTheLog() {
        given().header("X-Request-Id", "feed-log-1").when().get("/api/v1/meetings/feeds/" + TOKEN + ".ics")
                .then().statusCode(200).header("X-Upstream", "sessions");
        // The stub of sessions-service answers '/slow' after the gateway's read timeout: the failure is logged.
        given().header("X-Request-Id", "feed-log-2").when().get("/api/v1/meetings/feeds/" + TOKEN + "/slow")
                .then().statusCode(504);

        await().atMost(5, TimeUnit.SECONDS).until(() ->
                lines.stream().anyMatch(l -> l.startsWith("request_id=feed-log-1 "))
                        && lines.stream().anyMatch(l -> l.contains("upstream sessions failed") && l.contains("feed-log-2")));
        assertThat(lines).filteredOn(l -> l.contains("upstream sessions failed")).first().asString()
                .contains("/api/v1/meetings/feeds/{secret}/slow");
        assertThat(lines).noneMatch(l -> l.contains(TOKEN));
    }
}
