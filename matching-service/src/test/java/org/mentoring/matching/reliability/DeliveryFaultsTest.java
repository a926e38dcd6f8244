package org.mentoring.matching.reliability;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * What an operator sees when the infrastructure misbehaves: events that arrive while the database refuses
 * connections are applied once it is back (nothing goes to the dead-letter topic); records that can never be applied
 * are dead-lettered with a reason, listed and re-driven through the same idempotent consumer; an outbox row that the
 * broker refuses is quarantined without holding back the other rows.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class DeliveryFaultsTest {

    private static final String DEAD_LETTERS = "/api/v1/admin/matching/dead-letters";
    private final String admin = TestTokens.admin("admin");

    @Test
    void eventsThatArriveWhileTheDatabaseRefusesConnectionsAreAppliedWhenItIsBack() throws Exception {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        List<UUID> applications = new ArrayList<>();
        double retriesBefore = transientRetries();
        String name;
        try (Connection service = MatchingFixtures.database()) {
            name = service.getCatalog();
        }
        try (Connection db = maintenanceDatabase()) {
            refuseConnections(db, name, true);
            try {
                for (int i = 0; i < 12; i++) {
                    UUID application = UUID.randomUUID();
                    applications.add(application);
                    KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(),
                            accepted(UUID.randomUUID(), application, programme, "mentoring.application.accepted.v1"));
                }
                // the consumer meets the outage and keeps retrying it as transient (it would dead-letter otherwise)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> transientRetries() >= retriesBefore + 3);
            } finally {
                refuseConnections(db, name, false);
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(admin).queryParam("limit", 100).get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).body("items.size()", equalTo(12)));
        String letters = given().auth().oauth2(admin).get(DEAD_LETTERS).then().statusCode(200).extract().asString();
        for (UUID application : applications) {
            assertThat(letters).doesNotContain(application.toString());
        }
    }

    @Test
    void recordsThatCanNeverBeAppliedAreDeadLetteredListedAndCanBeReplayed() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        String garbage = "not a CloudEvent " + UUID.randomUUID();
        UUID futureId = UUID.randomUUID();
        UUID application = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "x", garbage);
        // a version of a type this build does not know is not silently dropped either
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(),
                accepted(futureId, application, programme, "mentoring.application.accepted.v2"));

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(admin).get(DEAD_LETTERS).then().statusCode(200)
                        .body("items.payload", hasItem(garbage))
                        .body("items.eventId", hasItem(futureId.toString())));
        given().auth().oauth2(admin).get(DEAD_LETTERS).then()
                .body("items.find { it.eventId == '" + futureId + "' }.reason", containsString("does not understand"))
                .body("items.find { it.eventId == '" + futureId + "' }.originalTopic", equalTo(Topics.APPLICANTS))
                .body("items.find { it.payload == '" + garbage + "' }.reason", containsString("poison record"));
        assertThat(metric("mentoring_consumer_dead_letters_total", "channel=\"applicants\",kind=\"poison\"")).isGreaterThanOrEqualTo(2);

        // replaying a record that still cannot be applied says so and changes nothing
        int topicPartition = given().auth().oauth2(admin).get(DEAD_LETTERS).then().extract()
                .path("items.find { it.eventId == '" + futureId + "' }.partition");
        long offset = ((Number) given().auth().oauth2(admin).get(DEAD_LETTERS).then().extract()
                .path("items.find { it.eventId == '" + futureId + "' }.offset")).longValue();
        String dlq = Topics.deadLetter("matching-service", Topics.APPLICANTS);
        given().auth().oauth2(admin).post(DEAD_LETTERS + "/{topic}/{partition}/{offset}/replay", dlq, topicPartition, offset)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("does not understand"));

        // a record dead-lettered by an earlier build, which this one can apply: replayed once, and a second replay
        // changes nothing (the consumer is idempotent)
        UUID replayedEvent = UUID.randomUUID();
        UUID replayedApplication = UUID.randomUUID();
        KafkaRecords.send(dlq, replayedApplication.toString(),
                accepted(replayedEvent, replayedApplication, programme, "mentoring.application.accepted.v1"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(admin).get(DEAD_LETTERS).then().body("items.eventId", hasItem(replayedEvent.toString())));
        int partition = given().auth().oauth2(admin).get(DEAD_LETTERS).then().extract()
                .path("items.find { it.eventId == '" + replayedEvent + "' }.partition");
        long at = ((Number) given().auth().oauth2(admin).get(DEAD_LETTERS).then().extract()
                .path("items.find { it.eventId == '" + replayedEvent + "' }.offset")).longValue();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(admin).post(DEAD_LETTERS + "/{topic}/{partition}/{offset}/replay", dlq, partition, at)
                    .then().statusCode(200).body("eventId", equalTo(replayedEvent.toString()));
        }
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].applicationId", equalTo(replayedApplication.toString()));

        // only admins, and only this service's name
        given().auth().oauth2(TestTokens.participant("p")).get(DEAD_LETTERS).then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/admin/sessions/dead-letters").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).post(DEAD_LETTERS + "/{topic}/0/0/replay", "mentoring.applicants.v1").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOutboxRowTheBrokerRefusesIsQuarantinedWithoutHoldingBackOthers() throws Exception {
        String topic = "test.outbox." + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        UUID tooLarge = UUID.randomUUID();
        UUID sameKeyAfter = UUID.randomUUID();
        UUID otherKey = UUID.randomUUID();
        try (Connection db = MatchingFixtures.database()) {
            Instant now = Instant.now();
            insertOutboxRow(db, tooLarge, topic, key, "{\"id\":\"" + tooLarge + "\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}", now);
            insertOutboxRow(db, sameKeyAfter, topic, key, "{\"id\":\"" + sameKeyAfter + "\"}", now.plusMillis(1));
            insertOutboxRow(db, otherKey, topic, "other-" + key, "{\"id\":\"" + otherKey + "\"}", now.plusMillis(2));

            // a row with another key goes out while the refused row waits for its next attempt
            KafkaRecords.await(topic, r -> r.value().contains(otherKey.toString()), Duration.ofSeconds(30));
            // after its attempts the refused row is quarantined, and the row behind it with the same key follows
            KafkaRecords.await(topic, r -> r.value().contains(sameKeyAfter.toString()), Duration.ofSeconds(30));
            try (PreparedStatement q = db.prepareStatement(
                    "select attempts, quarantined_at, last_error, published_at from outbox_event where id = ?")) {
                q.setObject(1, tooLarge);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                    assertThat(rs.getTimestamp(2)).isNotNull();
                    assertThat(rs.getString(3)).contains("RecordTooLarge");
                    assertThat(rs.getTimestamp(4)).isNull();
                }
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> metric("mentoring_outbox_quarantined", null) >= 1);
            given().get("/q/health/group/messaging").then().statusCode(200)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'kafka' }.data.outboxQuarantined", equalTo(1));
            // readiness is about the database only: no Kafka channel in it
            given().get("/q/health/ready").then().statusCode(200).body("checks.name", not(hasItem(containsString("kafka"))));
            try (Statement s = db.createStatement()) {
                s.execute("delete from outbox_event where topic = '" + topic + "'");
            }
        }
    }

    @Test
    void deliveryBookkeepingIsPurgedAfterItsRetention() throws Exception {
        UUID oldPublished = UUID.randomUUID();
        UUID recentPublished = UUID.randomUUID();
        UUID oldProcessed = UUID.randomUUID();
        UUID recentProcessed = UUID.randomUUID();
        try (Connection db = MatchingFixtures.database()) {
            try (PreparedStatement insert = db.prepareStatement("insert into outbox_event"
                    + " (id, topic, event_key, event_type, payload, created_at, published_at) values (?, 't', 'k', 'x.v1', '{}', ?, ?)")) {
                for (Object[] row : new Object[][]{{oldPublished, Duration.ofDays(8)}, {recentPublished, Duration.ofDays(6)}}) {
                    Timestamp at = Timestamp.from(Instant.now().minus((Duration) row[1]));
                    insert.setObject(1, row[0]);
                    insert.setTimestamp(2, at);
                    insert.setTimestamp(3, at);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = db.prepareStatement("insert into processed_event"
                    + " (consumer, event_id, event_type, processed_at) values ('test', ?, 'x.v1', ?)")) {
                for (Object[] row : new Object[][]{{oldProcessed, Duration.ofDays(36)}, {recentProcessed, Duration.ofDays(20)}}) {
                    insert.setObject(1, row[0]);
                    insert.setTimestamp(2, Timestamp.from(Instant.now().minus((Duration) row[1])));
                    insert.executeUpdate();
                }
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() ->
                    count(db, "select count(*) from outbox_event where id = '" + oldPublished + "'") == 0
                            && count(db, "select count(*) from processed_event where event_id = '" + oldProcessed + "'") == 0);
            assertThat(count(db, "select count(*) from outbox_event where id = '" + recentPublished + "'")).isEqualTo(1);
            assertThat(count(db, "select count(*) from processed_event where event_id = '" + recentProcessed + "'")).isEqualTo(1);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertOutboxRow(Connection db, UUID id, String topic, String key, String payload, Instant at) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into outbox_event (id, topic, event_key, event_type, payload, created_at)"
                + " values (?, ?, ?, 'test.event.v1', ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    /** A connection to another database of the same server, from which the service's database can be closed. */
    private static Connection maintenanceDatabase() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String other = url.replaceFirst("/([^/?]+)(\\?|$)", "/template1$2");
        return DriverManager.getConnection(other, config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /**
     * What a failover or a restart looks like to the service: new connections to its database are refused and the
     * open ones are cut.
     */
    private static void refuseConnections(Connection maintenance, String name, boolean refuse) throws SQLException {
        try (Statement s = maintenance.createStatement()) {
            s.execute("alter database \"" + name + "\" with allow_connections " + !refuse);
            if (refuse) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
            }
        }
    }


    private double transientRetries() {
        return metric("mentoring_consumer_retries_total", "channel=\"applicants\",transient=\"true\"");
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code labels}. */
    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (labels == null || (m.group(1) != null && m.group(1).contains(labels))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static String accepted(UUID eventId, UUID application, UUID programme, String type) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service",
                 "type":"%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"MENTEE","status":"ACCEPTED",
                         "displayName":"Eva","institute":"Institute of Physics","department":null,"directoryPersonId":null,"managerChain":[],
                         "location":{"city":"Berlin","region":null,"country":"DE","latitude":52.52,"longitude":13.4},
                         "languages":["de","en"],"topics":["ai-tools"],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":20,"diversity":null,"reason":null,
                         "submittedAt":"%s","changedAt":"%s"}}
                """.formatted(eventId, type, application, Instant.now(), application, programme, application,
                Instant.now(), Instant.now());
    }
}
