package org.mentoring.notifications.webhook.service;

import org.mentoring.notifications.config.NotificationsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.notifications.WebhookDisabledV1;
import org.mentoring.notifications.webhook.model.Attempt;
import org.mentoring.notifications.webhook.model.Subscription;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.work.BackgroundWork;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends due deliveries, on every replica. A tick claims a batch of due deliveries of enabled subscriptions
 * ({@code for update skip locked}, so replicas never claim the same row) by moving their next attempt beyond the send's
 * timeout (a lease: a replica that dies mid-send leaves the delivery to be sent again later, at least once), commits,
 * sends the batch side by side over the Vert.x HTTP client (never following redirects, each request bounded by
 * {@code mentoring.webhooks.delivery.timeout}), then records each outcome in a transaction of its own:
 * <ul>
 *   <li>2xx: delivered; the subscription's run of failures ends;</li>
 *   <li>410 Gone: given up, and the subscription is disabled (reason GONE, {@code mentoring.webhook.disabled.v1});</li>
 *   <li>anything else (another status, a timeout, a refused or unresolvable target): retried after the schedule's next
 *   delay or the target's longer {@code Retry-After} ({@link RetryPolicy}), given up after the last one; a subscription
 *   all of whose deliveries failed for {@code mentoring.webhooks.disable-after} is disabled (reason FAILING).</li>
 * </ul>
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** How much of a target's answer the log keeps. */
    public static final int RESPONSE_LIMIT = 1024;

    private final TargetGuard guard;
    private final RetryPolicy retry;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Duration timeout;
    private final Duration interval;
    private final Duration disableAfter;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private BackgroundWork background;
    private Vertx vertx;
    private HttpClient client;
    private long timerId = -1;

    public DeliveryWorker(TargetGuard guard, RetryPolicy retry, Outbox outbox, MeterRegistry registry,
                          NotificationsConfig.Webhooks config) {
        this.guard = guard;
        this.retry = retry;
        this.outbox = outbox;
        this.registry = registry;
        this.timeout = config.delivery().timeout();
        this.interval = config.worker().interval();
        this.disableAfter = config.disableAfter();
        this.batchSize = config.worker().batchSize();
        registry.gauge("mentoring.webhooks.pending", pending);
    }

    /** Polls on a Vert.x timer (the Quarkus scheduler does not tick below a second); a tick is skipped while one runs. */
    void start(@Observes StartupEvent startup, Vertx vertx, BackgroundWork background) {
        this.vertx = vertx;
        this.background = background;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(20)
                .setKeepAliveTimeout(30));
        timerId = vertx.setPeriodic(interval.toMillis(), id -> run());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (client != null) {
            client.close();
        }
    }

    private void run() {
        if (running.compareAndSet(false, true)) {
            background.submit("Webhook deliveries (will retry)", this::drain, () -> running.set(false));
        }
    }

    /** Sends batches until fewer than a full batch was due; answers how many deliveries were attempted. */
    Uni<Integer> drain() {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            return claim().chain(batch -> batch.isEmpty() ? Uni.createFrom().item(0)
                    : sendAll(batch, context).chain(sent -> batch.size() < batchSize ? Uni.createFrom().item(sent)
                    : drain().map(more -> sent + more)));
        });
    }

    /** A claimed delivery, with what sending it needs. */
    record Claimed(UUID id, UUID subscriptionId, String body, int attempts, String url, List<String> secrets) {
    }

    /** What one attempt came to. */
    record Outcome(Integer status, String responseBody, Duration retryAfter, int latencyMs, String error, Instant at) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    Uni<List<Claimed>> claim() {
        Duration lease = timeout.multipliedBy(2).plusSeconds(30);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select d.id, d.subscription_id, d.body, d.attempts, s.url, s.secret,"
                                + " case when s.previous_secret_expires_at > now() then s.previous_secret end"
                                + " from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id"
                                + " where d.status = 'PENDING' and d.next_attempt_at <= now() and s.enabled and d.body is not null"
                                + " order by d.next_attempt_at limit :batch for update of d skip locked", Object[].class)
                .setParameter("batch", batchSize)
                .getResultList()
                .chain(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Object[] r : rows) {
                        List<String> secrets = new ArrayList<>();
                        secrets.add((String) r[5]);
                        if (r[6] != null) {
                            secrets.add((String) r[6]);
                        }
                        claimed.add(new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4], secrets));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(claimed);
                    }
                    return session.createNativeQuery("update webhook_delivery set next_attempt_at = :until where id = any(:ids)")
                            .setParameter("until", Instant.now().plus(lease))
                            .setParameter("ids", claimed.stream().map(Claimed::id).toArray(UUID[]::new))
                            .executeUpdate().replaceWith(claimed);
                })));
    }

    private Uni<Integer> sendAll(List<Claimed> batch, Context context) {
        Executor back = task -> context.runOnContext(ignored -> task.run());
        List<Uni<Outcome>> sends = batch.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().emitOn(back)
                .chain(outcomes -> Multi.createFrom().range(0, batch.size())
                        .onItem().transformToUniAndConcatenate(i -> record(batch.get(i), outcomes.get(i))
                                .onFailure().invoke(f -> LOG.warnf("Outcome of delivery %s not recorded (it will be sent again): %s",
                                        batch.get(i).id(), f.toString()))
                                .onFailure().recoverWithNull())
                        .collect().asList().map(List::size));
    }

    /** One attempt; never fails (a failure is an outcome). */
    Uni<Outcome> send(Claimed c) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        URI uri = URI.create(c.url());
        long timestamp = at.getEpochSecond();
        String id = c.id().toString();
        String signature = Signatures.header(c.secrets(), id, timestamp, c.body());
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        return background.blocking(() -> guard.resolve(uri))
                .chain(addresses -> Uni.createFrom().completionStage(() ->
                        post(uri, addresses.get(0), id, timestamp, signature, c.body(), request).toCompletionStage()))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure().invoke(f -> {
                    HttpClientRequest r = request.get();
                    if (r != null) {
                        r.reset();
                    }
                })
                .map(o -> new Outcome(o.status(), o.responseBody(), o.retryAfter(), elapsed(start), null, at))
                .onFailure().recoverWithItem(f -> new Outcome(null, null, null, elapsed(start), describe(f), at));
    }

    private io.vertx.core.Future<Outcome> post(URI uri, InetAddress address, String id, long timestamp, String signature, String body,
                                               AtomicReference<HttpClientRequest> request) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                // connect to the address that was checked, not to whatever the name resolves to a moment later
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/cloudevents+json; charset=utf-8")
                .putHeader("user-agent", "mentoring-webhooks/1.0")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        return client.request(options).compose(req -> {
            request.set(req);
            return req.send(Buffer.buffer(body));
        }).compose(this::read);
    }

    private io.vertx.core.Future<Outcome> read(HttpClientResponse response) {
        Promise<Outcome> done = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = RESPONSE_LIMIT - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(new Outcome(response.statusCode(),
                new String(kept.getBytes(), StandardCharsets.UTF_8),
                RetryPolicy.parseRetryAfter(response.getHeader("retry-after"), Instant.now()), 0, null, null)));
        return done.future();
    }

    private static int elapsed(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }

    private static String describe(Throwable f) {
        String message = f instanceof TargetGuard.RefusedTarget ? "refused: " + f.getMessage()
                : f.getClass().getSimpleName() + (f.getMessage() == null ? "" : ": " + f.getMessage());
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    /** Records one attempt's outcome and what follows from it, in a transaction of its own. */
    Uni<Void> record(Claimed c, Outcome o) {
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        attempt.deliveryId = c.id();
        attempt.attemptedAt = o.at();
        attempt.succeeded = o.delivered();
        attempt.latencyMs = o.latencyMs();
        attempt.responseCode = o.status();
        attempt.responseBody = o.responseBody() == null || o.responseBody().isEmpty() ? null : o.responseBody();
        attempt.error = o.error();
        boolean gone = o.status() != null && o.status() == 410;
        Duration delay = o.delivered() || gone ? null : retry.delayAfter(c.attempts() + 1, o.retryAfter());
        String status = o.delivered() ? "DELIVERED" : delay == null ? "FAILED" : "PENDING";
        Counter.builder("mentoring.webhooks.attempts").description("Webhook requests sent, by outcome")
                .tag("outcome", o.delivered() ? "delivered" : "failed").register(registry).increment();
        if (status.equals("FAILED")) {
            Counter.builder("mentoring.webhooks.given.up").description("Deliveries given up after their last attempt or a 410")
                    .register(registry).increment();
        }
        if (!o.delivered()) {
            LOG.debugf("Delivery %s to subscription %s failed (%s), %s", c.id(), c.subscriptionId(),
                    o.status() != null ? "HTTP " + o.status() : o.error(), delay == null ? "given up" : "retrying in " + delay);
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.persist(attempt)
                .chain(session::flush)
                .chain(() -> session.createNativeQuery("update webhook_delivery set status = :status, attempts = :attempts,"
                                + " next_attempt_at = :next, last_response_code = :code,"
                                + " delivered_at = case when :delivered then now() else delivered_at end,"
                                + " body = case when erase_after_send and :status <> 'PENDING' then null else body end"
                                + " where id = :id")
                        .setParameter("status", status).setParameter("attempts", c.attempts() + 1)
                        .setParameter("next", delay == null ? null : Instant.now().plus(delay))
                        .setParameter("code", o.status()).setParameter("delivered", o.delivered()).setParameter("id", c.id())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery("update webhook_attempt set response_body = null where delivery_id = :id"
                                + " and exists (select 1 from webhook_delivery d where d.id = :id and d.body is null)")
                        .setParameter("id", c.id()).executeUpdate())
                .chain(() -> o.delivered()
                        ? session.createNativeQuery("update webhook_subscription set failing_since = null where id = :s and failing_since is not null")
                                .setParameter("s", c.subscriptionId()).executeUpdate().replaceWithVoid()
                        : session.createNativeQuery("update webhook_subscription set failing_since = coalesce(failing_since, :at) where id = :s")
                                .setParameter("at", o.at()).setParameter("s", c.subscriptionId()).executeUpdate()
                                .chain(() -> disable(c.subscriptionId(), gone)))));
    }

    /** Disables the subscription when its target is gone or has failed for too long, and says so on the outbox. */
    private Uni<Void> disable(UUID subscriptionId, boolean gone) {
        String reason = gone ? WebhookDisabledV1.GONE : WebhookDisabledV1.FAILING;
        return Panache.getSession().chain(session -> session.createNativeQuery("update webhook_subscription set enabled = false,"
                                + " disabled_reason = :reason, disabled_at = now(), updated_at = now()"
                                + " where id = :s and enabled and (:gone or failing_since <= :cutoff)")
                        .setParameter("reason", reason).setParameter("gone", gone).setParameter("s", subscriptionId)
                        .setParameter("cutoff", Instant.now().minus(disableAfter))
                        .executeUpdate()
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem() : session.find(Subscription.class, subscriptionId)
                        .chain(s -> {
                            LOG.infof("Webhook subscription %s disabled: %s", subscriptionId,
                                    gone ? "its target answered 410 Gone" : "its deliveries failed since " + s.failingSince);
                            return outbox.publish(Topics.NOTIFICATIONS, EventTypes.WEBHOOK_DISABLED, s.id.toString(),
                                    new WebhookDisabledV1(s.id, s.ownerId, s.url, reason, s.failingSince, Instant.now()));
                        }).replaceWithVoid()));
    }

    /** Refreshes the gauge {@code mentoring_webhooks_pending}: deliveries waiting to be sent or retried. */
    @Scheduled(every = "${mentoring.webhooks.pending-sample-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from webhook_delivery where status = 'PENDING'", Long.class).getSingleResult()))
                .invoke(pending::set)
                .onFailure().invoke(f -> LOG.debugf("Webhook figures not refreshed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
