package org.mentoring.notifications.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.notifications.Fixtures;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery log and the sent mails do not grow for ever: what is done and older than its retention goes, with the
 * attempts of a delivery; what is still to be sent stays, however old, unless its subscription is switched off.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class RetentionTest {

    private static final Duration LONG_AGO = Duration.ofDays(31);
    private static final Duration LATELY = Duration.ofDays(29);

    @Inject
    AgroalDataSource db;

    @Inject
    Retention retention;

    @Test
    void doneDeliveriesAndMailsPastTheirRetentionArePurgedAndNothingElse() throws Throwable {
        String token = Fixtures.hr("hr-retention-" + UUID.randomUUID());
        UUID enabled = UUID.fromString(Fixtures.subscribe(token, "http://127.0.0.1:9/hooks", List.of("*"), null).getString("id"));
        UUID disabled = UUID.fromString(Fixtures.subscribe(token, "http://127.0.0.1:9/hooks", List.of("*"), null).getString("id"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("enabled", false))
                .patch("/api/v1/webhooks/{id}", disabled).then().statusCode(200);

        UUID oldDelivered = delivery(enabled, "DELIVERED", LONG_AGO);
        UUID oldFailed = delivery(enabled, "FAILED", LONG_AGO);
        UUID oldStillRetried = delivery(enabled, "PENDING", LONG_AGO);
        UUID oldWaitingOnDisabled = delivery(disabled, "PENDING", LONG_AGO);
        UUID recentDelivered = delivery(enabled, "DELIVERED", LATELY);
        attempt(oldDelivered);
        attempt(recentDelivered);

        String person = "retention-" + UUID.randomUUID();
        UUID oldSent = mail(person, "SENT", LONG_AGO);
        UUID oldSkipped = mail(person, "SKIPPED", LONG_AGO);
        UUID oldDigested = mail(person, "DIGESTED", LONG_AGO);
        UUID oldPending = mail(person, "PENDING", LONG_AGO);
        UUID recentSent = mail(person, "SENT", LATELY);

        Retention.Purged purged = VertxContextSupport.subscribeAndAwait(retention::purge);
        assertThat(purged.deliveries()).isGreaterThanOrEqualTo(3);
        assertThat(purged.mails()).isGreaterThanOrEqualTo(3);

        assertThat(exists("webhook_delivery", oldDelivered)).isFalse();
        assertThat(exists("webhook_delivery", oldFailed)).isFalse();
        assertThat(exists("webhook_delivery", oldWaitingOnDisabled)).as("nothing will send it").isFalse();
        assertThat(exists("webhook_delivery", oldStillRetried)).as("still being retried").isTrue();
        assertThat(exists("webhook_delivery", recentDelivered)).isTrue();
        assertThat(count("select count(*) from webhook_attempt where delivery_id = ?", oldDelivered)).isZero();
        assertThat(count("select count(*) from webhook_attempt where delivery_id = ?", recentDelivered)).isOne();

        assertThat(exists("mail_message", oldSent)).isFalse();
        assertThat(exists("mail_message", oldSkipped)).isFalse();
        assertThat(exists("mail_message", oldDigested)).isFalse();
        assertThat(exists("mail_message", oldPending)).as("still to be sent").isTrue();
        assertThat(exists("mail_message", recentSent)).isTrue();

        // the rows left for the test are not due: take them out again so that no worker picks them up
        update("delete from mail_message where applicant_id = ?", person);
        update("delete from webhook_delivery where subscription_id = ? or subscription_id = ?", enabled, disabled);
    }

    private UUID delivery(UUID subscription, String status, Duration age) {
        UUID id = UUID.randomUUID();
        Timestamp created = Timestamp.from(Instant.now().minus(age));
        // a body of null keeps the worker away from the PENDING ones (it only sends deliveries that have one)
        update("insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts, next_attempt_at,"
                + " created_at) values (?, ?, ?, 'mentoring.agreement.activated.v1', null, ?, 1, ?, ?)",
                id, subscription, UUID.randomUUID(), status, "PENDING".equals(status) ? Timestamp.from(Instant.now().plus(Duration.ofDays(1))) : null,
                created);
        return id;
    }

    private void attempt(UUID delivery) {
        update("insert into webhook_attempt (id, delivery_id, attempted_at, succeeded, latency_ms, response_code)"
                + " values (?, ?, now(), true, 12, 204)", UUID.randomUUID(), delivery);
    }

    private UUID mail(String person, String status, Duration age) {
        UUID id = UUID.randomUUID();
        update("insert into mail_message (id, event_id, applicant_id, kind, params, status, next_attempt_at, created_at)"
                + " values (?, ?, ?, 'APPLICATION_ACCEPTED', '{}'::jsonb, ?, ?, ?)", id, UUID.randomUUID(), person, status,
                "PENDING".equals(status) ? Timestamp.from(Instant.now().plus(Duration.ofDays(1))) : null,
                Timestamp.from(Instant.now().minus(age)));
        return id;
    }

    private boolean exists(String table, UUID id) {
        return count("select count(*) from " + table + " where id = ?", id) == 1;
    }

    private long count(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
