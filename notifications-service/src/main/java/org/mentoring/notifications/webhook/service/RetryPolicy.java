package org.mentoring.notifications.webhook.service;

import jakarta.inject.Inject;
import org.mentoring.notifications.config.NotificationsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after the n-th failed attempt, the n-th delay of
 * {@code mentoring.webhooks.retry.schedule}, jittered by +-{@code retry.jitter}; a {@code Retry-After} of the target
 * (seconds or an HTTP date) wins when it is longer, up to {@code retry.max-retry-after}. After the last delay the
 * delivery is given up.
 */
@ApplicationScoped
public class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;

    @Inject
    public RetryPolicy(NotificationsConfig.Webhooks config) {
        this(config.retry().schedule(), config.retry().jitter(), config.retry().maxRetryAfter());
    }

    /** The delays written as configuration writes them: comma-separated durations ({@code 5s,5m,30m}). */
    public RetryPolicy(String schedule, double jitter, Duration maxRetryAfter) {
        this(Arrays.stream(schedule.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(DurationConverter::parseDuration).toList(), jitter, maxRetryAfter);
    }

    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        this.schedule = List.copyOf(schedule);
        if (this.schedule.isEmpty()) {
            throw new IllegalArgumentException("mentoring.webhooks.retry.schedule needs at least one delay");
        }
        this.jitter = Math.max(0, Math.min(jitter, 0.5));
        this.maxRetryAfter = maxRetryAfter;
    }

    public List<Duration> schedule() {
        return schedule;
    }

    /**
     * The delay before the next attempt after {@code failedAttempts} attempts in a row failed, or null when the delivery is
     * to be given up.
     */
    public Duration delayAfter(int failedAttempts, Duration retryAfter) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return null;
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        long jittered = Math.max(1, Math.round(base * (1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1))));
        Duration delay = Duration.ofMillis(jittered);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return delay;
    }

    /** A {@code Retry-After} value: delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
