package org.mentoring.systemtests;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.systemtests.faults.Databases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A harness, not a test: how long an event takes from its outbox row to the consumer that applied it, measured on
 * the database clocks of the stack (one PostgreSQL for every service): {@code outbox_event.created_at} of
 * applicants-service's {@code mentoring.application.accepted.v1} events against {@code processed_event.processed_at}
 * of matching-service, which puts the person into the pool. Split into relay (row to broker acknowledgement,
 * {@code published_at}) and delivery (acknowledgement to the consumer's commit).
 * <p>
 * Two phases: accepts one at a time, a little apart (an idle stack), then all of a second batch at once from 16
 * threads (a burst: the application window closing). Decisions go straight to one applicants-service replica, so the
 * gateway's rate limit does not shape the burst. Off unless {@code -Dbenchmarks.events=true}; size with
 * {@code -Dbenchmarks.events.people=N} and {@code -Dbenchmarks.events.programmes=M} (N x M applications a phase).
 */
class EventLatencyIT {

    private static final String ACCEPTED = "mentoring.application.accepted.v1";
    private static final Databases DB = new Databases("127.0.0.1", Integer.getInteger("stack.db.port", 25432));

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    @Test
    void outboxToConsumerLatency() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmarks.events"), "the event latency harness runs with -Dbenchmarks.events=true");
        int people = Integer.getInteger("benchmarks.events.people", 10);
        int programmes = Integer.getInteger("benchmarks.events.programmes", 10);
        String applicants = System.getProperty("benchmarks.events.applicants-url", "http://localhost:18081");
        String admin = Keycloak.tokenFor(Journeys.ADMIN);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            tokens.add(Keycloak.tokenFor(Keycloak.createParticipant("latency", "Lena", "Latency")));
        }

        List<String> idle = applications(admin, tokens, programmes);
        for (String application : idle) {
            accept(applicants, admin, application);
            Thread.sleep(100); // one event at a time: the latency of an idle stack, not of a queue
        }
        List<String> burst = applications(admin, tokens, programmes);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String application : burst) {
                done.add(threads.submit(() -> accept(applicants, admin, application)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        report("idle (one accept at a time)", latencies(idle));
        report("burst (" + burst.size() + " accepts from 16 threads)", latencies(burst));
    }

    private static List<String> applications(String admin, List<String> tokens, int programmes) {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < programmes; p++) {
            String programme = Journeys.openProgramme(admin, "Latency");
            for (int i = 0; i < tokens.size(); i++) {
                ids.add(Journeys.apply(tokens.get(i), programme, i % 2 == 0 ? "MENTEE" : "MENTOR", "Institute of Physics"));
            }
        }
        return ids;
    }

    private static void accept(String applicants, String admin, String application) {
        String etag = given().baseUri(applicants).auth().oauth2(admin).get("/api/v1/applications/{id}", application).then()
                .statusCode(200).extract().header("ETag");
        given().baseUri(applicants).auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", application).then()
                .statusCode(200);
    }

    /** Relay and end-to-end milliseconds of each application's accepted event, once matching applied them all. */
    private static Map<String, List<Double>> latencies(List<String> applications) throws Exception {
        Map<UUID, Instant[]> outbox = new HashMap<>();
        for (List<Object> row : DB.rows("applicants", "select id, created_at, published_at from outbox_event"
                + " where event_type = ? and event_key = any(?)", ACCEPTED, applications)) {
            outbox.put((UUID) row.get(0), new Instant[]{instant(row.get(1)), instant(row.get(2))});
        }
        assertThat(outbox).as("one accepted event per application").hasSize(applications.size());
        Map<UUID, Instant> applied = new HashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            applied.clear();
            for (List<Object> row : DB.rows("matching", "select event_id, min(processed_at) from processed_event"
                    + " where event_id = any(?) group by event_id", outbox.keySet())) {
                applied.put((UUID) row.get(0), instant(row.get(1)));
            }
            return applied.size() == outbox.size() && outbox.values().stream().allMatch(t -> t[1] != null);
        });
        List<Double> relay = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        outbox.forEach((id, times) -> {
            relay.add(millis(times[0], times[1]));
            endToEnd.add(millis(times[0], applied.get(id)));
        });
        return Map.of("outbox row -> broker acknowledged", relay, "outbox row -> consumer committed", endToEnd);
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof java.time.OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static void report(String phase, Map<String, List<Double>> figures) {
        StringBuilder out = new StringBuilder("Event latency, " + phase + ":\n");
        for (String what : List.of("outbox row -> broker acknowledged", "outbox row -> consumer committed")) {
            List<Double> values = new ArrayList<>(figures.get(what));
            values.sort(Double::compare);
            out.append(String.format(Locale.ROOT, "  %-34s n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", what,
                    values.size(), percentile(values, 50), percentile(values, 90), percentile(values, 99),
                    values.get(values.size() - 1)));
        }
        System.out.print(out);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

}
