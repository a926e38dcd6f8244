package org.mentoring.applicants;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events reach the broker because their commit wakes the outbox relay, not because it polls: with polling once an
 * hour, a programme's event is on Kafka seconds after it was created, also after the connection that listens for
 * the commits was killed (it comes back by itself).
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@TestProfile(OutboxWakeUpTest.PollingOnceAnHour.class)
class OutboxWakeUpTest {

    public static class PollingOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mentoring.outbox.poll-interval", "1h", "mentoring.outbox.listen-reconnect", "200ms");
        }
    }

    private final String admin = TestTokens.admin("wake-up-" + UUID.randomUUID());

    @Test
    void aCommitWakesTheRelayAndTheListenerComesBackAfterItsConnectionIsKilled() throws Exception {
        String first = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Woken " + UUID.randomUUID()));
        KafkaRecords.await(Topics.APPLICANTS, r -> first.equals(r.key()) && r.value().contains(EventTypes.PROGRAMME_OPENED),
                Duration.ofSeconds(15));

        List<Integer> killed = listeners();
        assertThat(killed).as("the relay listens on a connection of its own").isNotEmpty();
        try (Connection db = database(); Statement statement = db.createStatement()) {
            for (int pid : killed) {
                statement.execute("select pg_terminate_backend(" + pid + ")");
            }
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !listeners().isEmpty() && listeners().stream().noneMatch(killed::contains));

        String second = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Woken again " + UUID.randomUUID()));
        KafkaRecords.await(Topics.APPLICANTS, r -> second.equals(r.key()) && r.value().contains(EventTypes.PROGRAMME_OPENED),
                Duration.ofSeconds(15));
    }

    /** The backends that listen for the outbox's notifications. */
    private static List<Integer> listeners() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection db = database(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select pid from pg_stat_activity where query ilike 'LISTEN%mentoring_outbox%'")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        return pids;
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
