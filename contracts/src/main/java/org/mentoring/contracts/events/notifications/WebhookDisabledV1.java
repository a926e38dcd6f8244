package org.mentoring.contracts.events.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code mentoring.webhook.disabled.v1} on {@code mentoring.notifications.v1}: notifications-service switched a
 * webhook subscription off. {@code reason} is {@code GONE} (the target answered 410) or {@code FAILING} (every delivery
 * failed since {@code failingSince}); {@code ownerId} is the token subject that created the subscription.
 */
public record WebhookDisabledV1(UUID subscriptionId, String ownerId, String url, String reason, Instant failingSince,
                                Instant disabledAt) {

    public static final String GONE = "GONE";
    public static final String FAILING = "FAILING";
}
