package org.mentoring.platform.outbox;

import org.mentoring.platform.config.OutboxConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Wakes the {@link OutboxRelay} when events were committed: a trigger on {@code outbox_event} sends a PostgreSQL
 * notification on channel {@value #CHANNEL} at commit (with payload {@value #BULK} when the transaction filled the
 * bulk lane too), and this bean listens on a connection of its own (outside the
 * pool), reconnecting after {@code mentoring.outbox.listen-reconnect} when it is lost. An event so reaches the broker
 * milliseconds after its transaction, instead of up to a polling interval later; the relay's polling goes on as the
 * safety net (a notification lost while the connection was down, a row waiting for its retry). Every replica listens;
 * the relay's lock lets one of them relay at a time.
 */
@ApplicationScoped
public class OutboxWakeUp {

    static final String CHANNEL = "mentoring_outbox";
    private static final String BULK = "bulk";
    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final OutboxRelay relay;
    private final boolean enabled;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Duration reconnect;
    private final Optional<String> sslMode;
    private PgSubscriber subscriber;

    public OutboxWakeUp(OutboxRelay relay, OutboxConfig config,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                        @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode) {
        this.relay = relay;
        this.enabled = config.listen();
        this.url = url;
        this.username = username;
        this.password = password;
        this.reconnect = config.listenReconnect();
        this.sslMode = sslMode;
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        if (!enabled) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        // the pool's TLS mode; a database that needs more (certificates) refuses this connection, and polling relays
        sslMode.map(mode -> SslMode.of(mode.toLowerCase(java.util.Locale.ROOT))).ifPresent(options::setSslMode);
        long delay = Math.max(1, reconnect.toMillis());
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> delay);
        // the payload is "bulk" from a transaction's first row past the regular lane, empty otherwise
        subscriber.channel(CHANNEL).handler(payload -> relay.wake(BULK.equals(payload) ? OutboxRelay.Lane.BULK : OutboxRelay.Lane.REGULAR));
        subscriber.closeHandler(v -> LOG.debug("Outbox notifications: connection lost, reconnecting; polling meanwhile"));
        subscriber.connect().onComplete(done -> {
            if (done.failed()) {
                // polling still relays; the next connection attempt comes with the reconnect policy only after a
                // successful first connection, so try again on our own
                LOG.warnf("Outbox notifications: cannot listen (%s); relaying by polling, trying again in %d ms",
                        done.cause().toString(), delay);
                vertx.setTimer(delay, id -> retry(vertx, delay));
            } else {
                LOG.debug("Outbox notifications: listening");
            }
        });
    }

    private void retry(Vertx vertx, long delay) {
        if (subscriber == null || !subscriber.closed()) {
            return;
        }
        subscriber.connect().onFailure(failure -> vertx.setTimer(delay, id -> retry(vertx, delay)));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            PgSubscriber s = subscriber;
            subscriber = null;
            s.close();
        }
    }
}
