package org.mentoring.notifications.retention;

import org.mentoring.notifications.config.NotificationsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.ChunkedDelete;

import java.time.Duration;
import java.time.Instant;

/**
 * Trims the delivery log and the sent mails, which otherwise grow with every event, every
 * {@code mentoring.retention.purge-every} (as the platform's outbox purge), on every replica (deleting is idempotent):
 * <ul>
 *   <li>webhook deliveries, with their attempts, created before {@code mentoring.retention.webhook-deliveries} that are
 *   done (delivered or given up), or still waiting on a subscription that is disabled: the log and
 *   {@code .../redeliver?since=} reach back this far;</li>
 *   <li>mails created before {@code mentoring.retention.mails} that are done (sent, given up, skipped or sent in a
 *   digest). A redelivered event older than that is still applied once: the inbox keeps its id longer.</li>
 * </ul>
 * Mails still to be sent, and deliveries of enabled subscriptions still being retried, are never purged.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Duration deliveries;
    private final Duration mails;

    public Retention(NotificationsConfig.Retention config) {
        this.deliveries = config.webhookDeliveries();
        this.mails = config.mails();
    }

    /** Rows purged by one pass. */
    public record Purged(long deliveries, long mails) {
    }

    @Scheduled(every = "${mentoring.retention.purge-every:1h}", delayed = "${mentoring.retention.purge-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(f -> LOG.warnf("Purging old deliveries and mails failed, will try again: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes, in chunks, what is past its retention now. */
    public Uni<Purged> purge() {
        Instant now = Instant.now();
        return ChunkedDelete.olderThan("delete from webhook_delivery where id in (select d.id from webhook_delivery d"
                + " join webhook_subscription s on s.id = d.subscription_id"
                + " where d.created_at < :before and (d.status <> 'PENDING' or not s.enabled) limit " + ChunkedDelete.CHUNK + ")",
                now.minus(deliveries))
                .chain(d -> ChunkedDelete.olderThan("delete from mail_message where id in (select id from mail_message"
                        + " where created_at < :before and status <> 'PENDING' limit " + ChunkedDelete.CHUNK + ")", now.minus(mails))
                        .map(m -> new Purged(d, m)))
                .invoke(p -> {
                    if (p.deliveries() + p.mails() > 0) {
                        LOG.infof("Purged %d webhook deliveries and %d mails past their retention", p.deliveries(), p.mails());
                    }
                });
    }
}
