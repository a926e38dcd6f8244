package org.mentoring.matching.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.matching.run.service.RunWorker;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Matching runs with several replicas: a run a live replica computes is never failed by another replica starting, a run
 * whose replica died is failed with the reason, and a queued run is computed by exactly one replica.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class RunReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin");

    @Inject
    RunWorker worker;

    @Test
    void aRunALiveReplicaComputesSurvivesAnotherReplicaStartingAndOneWhoseReplicaDiedIsFailedWithTheReason() throws Throwable {
        UUID programme = closedProgrammeWithAPair();
        UUID run = UUID.randomUUID();
        sql("insert into matching_run (id, programme_id, mode, status, requested_by, requested_at, started_at, owner, heartbeat_at)"
                + " values (?, ?, 'PREVIEW', 'RUNNING', 'admin', now(), now(), 'matching-7f9c/other', now())", run, programme);

        // a replica starting now checks for interrupted runs: the other replica's heartbeat is fresh, its run goes on
        VertxContextSupport.subscribeAndAwait(() -> worker.failStale());
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .statusCode(200).body("status", equalTo("RUNNING"));
        startRun(programme, "PREVIEW").statusCode(409).contentType("application/problem+json");

        // that replica dies: its heartbeat gets older than the 30 s allowed
        sql("update matching_run set heartbeat_at = now() - interval '2 minutes' where id = ?", run);
        VertxContextSupport.subscribeAndAwait(() -> worker.failStale());
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .statusCode(200).body("status", equalTo("FAILED")).body("finishedAt", org.hamcrest.Matchers.notNullValue())
                .body("error", allOf(containsString("matching-7f9c/other"), containsString("heartbeat"), containsString("start a new run")));

        // the programme is free again
        String next = startRun(programme, "PREVIEW").statusCode(202).extract().path("id");
        awaitStatus(programme, next, "COMPLETED");
    }

    @Test
    void aQueuedRunIsComputedByExactlyOneReplicaWhenSeveralClaimItAtOnce() throws Exception {
        UUID programme = closedProgrammeWithAPair();
        // accepted by a replica that stopped before any worker took it: still QUEUED
        UUID run = UUID.randomUUID();
        sql("insert into matching_run (id, programme_id, mode, status, requested_by, requested_at)"
                + " values (?, ?, 'PUBLISH', 'QUEUED', 'admin', now())", run, programme);

        // four replicas' workers claim at the same moment (this replica's own poll may be one more)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<UUID> claimed = new ArrayList<>();
        try {
            List<Callable<UUID>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claims.add(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> worker.claimAndRun());
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                });
            }
            for (Future<UUID> answer : pool.invokeAll(claims)) {
                claimed.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed.stream().filter(run::equals).count()).isLessThanOrEqualTo(1);

        awaitStatus(programme, run.toString(), "COMPLETED");
        given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "PROPOSED")
                .get("/api/v1/proposals").then().statusCode(200).body("items", hasSize(1));
        KafkaRecords.await(Topics.MATCHING, r -> r.value().contains(run.toString())
                && r.value().contains(EventTypes.MATCHING_RUN_COMPLETED), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> completions = KafkaRecords.collect(Topics.MATCHING, r -> r.value().contains(run.toString())
                && r.value().contains(EventTypes.MATCHING_RUN_COMPLETED), Duration.ofSeconds(3));
        Set<String> eventIds = new HashSet<>();
        for (ConsumerRecord<String, String> r : completions) {
            eventIds.add(JSON.readTree(r.value()).get("id").asText());
        }
        assertThat(eventIds).hasSize(1);
    }

    @Test
    void aRunStartedThroughTheApiIsTakenFromTheQueueAndCompleted() {
        UUID programme = closedProgrammeWithAPair();
        // QUEUED, or WAITING a moment while matching applies application events other tests published just before
        String run = startRun(programme, "PREVIEW").statusCode(202).body("status", org.hamcrest.Matchers.oneOf("QUEUED", "WAITING"))
                .extract().path("id");
        awaitStatus(programme, run, "COMPLETED");
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("startedAt", org.hamcrest.Matchers.notNullValue()).body("result.pairs", hasSize(1));
    }

    private UUID closedProgrammeWithAPair() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        return programme;
    }

    private io.restassured.response.ValidatableResponse startRun(UUID programme, String mode) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then();
    }

    private void awaitStatus(UUID programme, String run, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                    .then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then()
                .body("status", equalTo(expected));
    }

    private static void sql(String statement, Object... parameters) throws Exception {
        try (Connection db = MatchingFixtures.database();
             PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }
}
