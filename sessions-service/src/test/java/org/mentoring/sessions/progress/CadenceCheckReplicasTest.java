package org.mentoring.sessions.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.sessions.progress.service.ProgressService;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.newPair;

/** The cadence check runs on every replica at once: each reminder and at-risk alert still goes out once per pair and period. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class CadenceCheckReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REMINDED = "mentoring.pair.reminded.v1";
    private static final String AT_RISK = "mentoring.pair.at-risk.v1";

    @Inject
    ProgressService progress;

    @Test
    void checksRunningAtOnceOnSeveralReplicasSendEachAlertOnce() throws Exception {
        List<SessionsFixtures.Pair> late = new ArrayList<>();
        List<SessionsFixtures.Pair> atRisk = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SessionsFixtures.Pair pair = newPair();
            SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(17), 14, Instant.now());
            late.add(pair);
            SessionsFixtures.Pair risky = newPair();
            SessionsFixtures.agreement(risky, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
            atRisk.add(risky);
        }

        // six checks at once: three replicas' scheduled ticks and three admins pressing "check now"
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> reminded = new ArrayList<>();
        try {
            List<Callable<Integer>> checks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                checks.add(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> progress.checkCadence(Instant.now())).reminded();
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                });
                checks.add(() -> given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200)
                        .extract().<Integer>path("reminded"));
            }
            for (Future<Integer> answer : pool.invokeAll(checks)) {
                reminded.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reminded).hasSize(6);

        List<SessionsFixtures.Pair> all = new ArrayList<>(late);
        all.addAll(atRisk);
        for (SessionsFixtures.Pair pair : all) {
            given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                    .statusCode(200).body("reminded", equalTo(true)).body("atRisk", equalTo(atRisk.contains(pair)));
        }
        SessionsFixtures.Pair lastOne = atRisk.get(atRisk.size() - 1);
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(lastOne.agreementId().toString()) && r.value().contains(AT_RISK),
                Duration.ofSeconds(30));
        Map<String, Set<String>> sent = alertsSent(all);
        for (SessionsFixtures.Pair pair : late) {
            assertThat(sent.get(pair.agreementId() + " " + REMINDED)).as("reminders of %s", pair.agreementId()).hasSize(1);
            assertThat(sent.get(pair.agreementId() + " " + AT_RISK)).as("at-risk alerts of %s", pair.agreementId()).isNull();
        }
        for (SessionsFixtures.Pair pair : atRisk) {
            assertThat(sent.get(pair.agreementId() + " " + REMINDED)).as("reminders of %s", pair.agreementId()).hasSize(1);
            assertThat(sent.get(pair.agreementId() + " " + AT_RISK)).as("at-risk alerts of %s", pair.agreementId()).hasSize(1);
        }
    }

    @Test
    void aFlagLostToAnotherWriteDoesNotSendTheSameAlertTwiceInOnePeriod() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        String flaggedSince = given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200).body("atRisk", equalTo(true)).extract().path("atRiskSince");

        // the flags are gone (as if a write that did not see them had overwritten the row), yet the period is the same
        sql("update agreement set reminded_at = null, at_risk_since = null where agreement_id = ?", pair.agreementId());
        given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200);

        given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200).body("reminded", equalTo(true)).body("atRisk", equalTo(true)).body("atRiskSince", equalTo(flaggedSince));
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(pair.agreementId().toString()) && r.value().contains(AT_RISK),
                Duration.ofSeconds(30));
        Map<String, Set<String>> sent = alertsSent(List.of(pair));
        assertThat(sent.get(pair.agreementId() + " " + REMINDED)).hasSize(1);
        assertThat(sent.get(pair.agreementId() + " " + AT_RISK)).hasSize(1);
    }

    /** Distinct event ids of the alerts on the topic, by "agreement type" (a relay's redelivery of one event counts once). */
    private static Map<String, Set<String>> alertsSent(List<SessionsFixtures.Pair> pairs) throws Exception {
        Set<String> keys = new HashSet<>();
        pairs.forEach(p -> keys.add(p.agreementId().toString()));
        List<ConsumerRecord<String, String>> records = KafkaRecords.collect(Topics.SESSIONS,
                r -> keys.contains(r.key()) && r.value().contains("mentoring.pair."), Duration.ofSeconds(3));
        Map<String, Set<String>> sent = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            var event = JSON.readTree(r.value());
            sent.computeIfAbsent(r.key() + " " + event.get("type").asText(), k -> new HashSet<>()).add(event.get("id").asText());
        }
        return sent;
    }

    private static void sql(String statement, Object... parameters) throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }
}
