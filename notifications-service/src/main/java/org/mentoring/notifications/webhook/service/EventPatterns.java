package org.mentoring.notifications.webhook.service;

import org.mentoring.contracts.events.EventTypes;

import java.util.List;

/**
 * What a subscription may ask for in {@code eventTypes}: an exact CloudEvents {@code type} the platform publishes
 * ({@code mentoring.agreement.activated.v1}), a prefix of such types ending in {@code .*}
 * ({@code mentoring.agreement.*}, {@code mentoring.*}), or {@code *} for everything.
 */
public final class EventPatterns {

    /** The type of the test event {@code POST .../ping} sends; delivered whatever the subscription's types. */
    public static final String PING = "mentoring.webhook.ping.v1";
    public static final String ALL = "*";

    private EventPatterns() {
    }

    /** Why {@code pattern} is not one we accept, or null when it is. */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be blank";
        }
        if (pattern.equals(ALL)) {
            return null;
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            if (prefix.length() > 1 && !prefix.contains("*") && EventTypes.ALL.stream().anyMatch(t -> t.startsWith(prefix))) {
                return null;
            }
            return "'" + pattern + "' matches no event type the platform publishes";
        }
        if (pattern.contains("*")) {
            return "'" + pattern + "' has a wildcard other than a final '.*' or a lone '*'";
        }
        return EventTypes.ALL.contains(pattern) ? null : "'" + pattern + "' is not an event type the platform publishes";
    }

    /** Whether an event of {@code type} is wanted by a subscription asking for {@code patterns}. */
    public static boolean matches(List<String> patterns, String type) {
        for (String pattern : patterns) {
            if (pattern.equals(ALL) || pattern.equals(type)
                    || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
