package org.mentoring.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;

/**
 * Everything notifications-service reads from its own configuration, one mapping per group of keys (the platform maps
 * its own, such as {@code mentoring.outbox.*}). application.properties names each key's environment variable; the
 * defaults here are what a deployment gets when it sets nothing. A key under one of these prefixes that no method
 * names fails the start, so a misspelt setting is never silently ignored.
 */
public final class NotificationsConfig {

    private NotificationsConfig() {
    }

    /** Webhook subscriptions and their deliveries ({@code mentoring.webhooks.*}). */
    @ConfigMapping(prefix = "mentoring.webhooks")
    public interface Webhooks {

        /** Whether a subscription may target http:// (local development only; production targets are https://). */
        @WithDefault("false")
        boolean allowHttp();

        /** Whether a target may resolve to a loopback, private or link-local address (local development and tests). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How long the previous signing secret stays valid beside a rotated one. */
        @WithDefault("24h")
        Duration secretRotationOverlap();

        /** After how long of failing deliveries a subscription is disabled. */
        @WithDefault("3d")
        Duration disableAfter();

        Delivery delivery();

        Retry retry();

        Worker worker();

        /** How often the gauge of deliveries waiting is refreshed. */
        @WithDefault("10s")
        Duration pendingSampleEvery();

        interface Delivery {
            /** How long one delivery may take before it counts as failed. */
            @WithDefault("10s")
            Duration timeout();
        }

        interface Retry {
            /** The delays between attempts, comma-separated; one delay per retry, then the delivery is given up. */
            List<Duration> schedule();

            /** Each delay varies at random by up to this share either way (0 to 0.5). */
            @WithDefault("0.2")
            double jitter();

            /** The longest a receiver's Retry-After is honoured. */
            @WithDefault("10h")
            Duration maxRetryAfter();
        }
    }

    /** E-mail ({@code mentoring.mail.*}). */
    @ConfigMapping(prefix = "mentoring.mail")
    public interface Mail {

        /** The language of a mail to someone who chose none: en or de. */
        @WithDefault("en")
        String defaultLanguage();

        Retry retry();

        Digest digest();

        Reminder reminder();

        Survey survey();

        @WithName("ending-soon")
        EndingSoon endingSoon();

        LeasingWorker worker();

        interface Retry {
            /** The delays between attempts to send a mail, comma-separated; then it is given up. */
            List<Duration> schedule();
        }

        interface Digest {
            /** How long a mail waits for others to the same person, to be sent together. */
            @WithDefault("60s")
            Duration hold();

            /** From how many mails waiting at once one digest is sent instead. */
            @WithDefault("3")
            int threshold();
        }

        interface Reminder {
            /** How long before a meeting its reminder is sent. */
            @WithDefault("24h")
            Duration before();
        }

        interface Survey {
            /** After how long of an active agreement the first survey invitation is sent. */
            @WithDefault("30d")
            Duration firstAfter();

            /** How often it is sent again while the agreement runs. */
            @WithDefault("60d")
            Duration every();
        }

        interface EndingSoon {
            /** How long before an agreement's end date its pair hear that it ends soon. */
            @WithDefault("14d")
            Duration lead();
        }
    }

    /** A background worker that sends what is due. */
    public interface Worker {
        /** How often it looks for what is due. */
        @WithDefault("1s")
        Duration interval();

        /** How many it takes at once. */
        @WithDefault("50")
        int batchSize();
    }

    /** A worker whose replicas share the work by reserving what each takes. */
    public interface LeasingWorker extends Worker {
        /** How long a taken item stays reserved for this replica before another may take it. */
        @WithDefault("2m")
        Duration lease();
    }

    /** How long what is done is kept ({@code mentoring.retention.*}, beside the platform's own). */
    @ConfigMapping(prefix = "mentoring.retention")
    public interface Retention {
        /** Deliveries of webhooks, once done. */
        Duration webhookDeliveries();

        /** Mails, once sent, given up or skipped. */
        Duration mails();
    }

    @ConfigMapping(prefix = "mentoring.frontend")
    public interface Frontend {
        /** Where the frontend is: the links in mails start with it. */
        String baseUrl();
    }
}
