package org.mentoring.gateway.ratelimit;

import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mentoring.gateway.config.GatewayConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits per caller and route class: one {@link TokenBucket} per (class, caller), the caller being the
 * token's subject (or client) when authenticated and the remote address otherwise. Also writes the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers.
 * <p>
 * The buckets live in this replica's memory, so with N gateway replicas behind a load balancer a caller gets up
 * to N times the configured rate. That was chosen on purpose: a shared store (Redis, the database) would add a
 * network round trip and another part that can fail to every request, for limits whose job is to stop runaway
 * clients and floods rather than to meter exact quotas. Divide the configured numbers by the replica count when
 * the total matters.
 */
@ApplicationScoped
public class RateLimiter {

    /** How often buckets that have filled up again are forgotten, which bounds the memory held. */
    private static final long SWEEP_MILLIS = 30_000;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private long sweeper = -1;

    @PostConstruct
    void start() {
        config.rateLimits().forEach((name, limit) -> {
            if (limit.capacity() < 1 || limit.refillPerSecond() <= 0) {
                throw new IllegalStateException("gateway.rate-limits." + name
                        + ": capacity must be >= 1 and refill-per-second > 0");
            }
            long window = (long) Math.ceil(limit.capacity() / limit.refillPerSecond());
            policies.put(name, '"' + name + "\";q=" + limit.capacity() + ";w=" + window);
        });
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, t -> {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        });
    }

    @PreDestroy
    void stop() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** Takes one request of {@code caller} from its bucket of {@code limitClass} (a configured class). */
    public RateLimitDecision take(String limitClass, String caller) {
        GatewayConfig.RateLimit limit = config.rateLimits().get(limitClass);
        long now = System.nanoTime();
        return buckets.computeIfAbsent(limitClass + '\n' + caller,
                key -> new TokenBucket(limit.capacity(), limit.refillPerSecond(), now)).take(now);
    }

    /** {@code RateLimit-Policy}: the class's quota and the seconds an empty bucket takes to fill. */
    public String policyField(String limitClass) {
        return policies.get(limitClass);
    }

    /** {@code RateLimit}: what the caller has left and the seconds until its bucket is full. */
    public static String stateField(String limitClass, RateLimitDecision decision) {
        return '"' + limitClass + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
    }
}
