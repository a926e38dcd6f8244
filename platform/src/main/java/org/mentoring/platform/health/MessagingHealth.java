package org.mentoring.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.mentoring.platform.messaging.KafkaAdmin;
import org.mentoring.platform.outbox.OutboxMaintenance;
import org.mentoring.platform.work.BackgroundWork;


/**
 * The broker's health, reported apart from readiness ({@code /q/health/group/messaging}, and the gauge
 * {@code mentoring_kafka_broker_up}). A service whose database answers is ready even while Kafka is away: writes go
 * into the outbox and the relay catches up when the broker returns; this check shows how far behind it is.
 * The Kafka connector's own per-channel health checks are switched off (they would make a broker outage a
 * readiness, even a liveness, failure).
 */
@HealthGroup("messaging")
@ApplicationScoped
public class MessagingHealth implements AsyncHealthCheck {

    private final KafkaAdmin kafka;
    private final OutboxMaintenance outbox;
    private final BackgroundWork work;
    private volatile int brokerUp;

    public MessagingHealth(KafkaAdmin kafka, OutboxMaintenance outbox, BackgroundWork work, MeterRegistry registry) {
        this.kafka = kafka;
        this.outbox = outbox;
        this.work = work;
        Gauge.builder("mentoring.kafka.broker.up", this, h -> h.brokerUp)
                .description("1 when the last messaging health check reached the Kafka cluster").register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kafka");
        return work.blocking(kafka::brokers)
                .map(nodes -> {
                    brokerUp = nodes > 0 ? 1 : 0;
                    return builder.status(nodes > 0).withData("brokers", nodes);
                })
                .onFailure().recoverWithItem(failure -> {
                    brokerUp = 0;
                    return builder.down().withData("error", failure.getClass().getSimpleName() + ": " + failure.getMessage());
                })
                .chain(b -> outbox.backlog()
                        .map(backlog -> b.withData("outboxPending", backlog.pending())
                                .withData("outboxOldestPendingSeconds", backlog.oldestPendingSeconds())
                                .withData("outboxQuarantined", backlog.quarantined()))
                        .onFailure().recoverWithItem(f -> b.withData("outbox", "unknown: " + f.getMessage())))
                .map(HealthCheckResponseBuilder::build);
    }
}
