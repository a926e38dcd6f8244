package org.mentoring.notifications.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** As deployed: https only, public targets only. */
public class StrictTargetsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mentoring.webhooks.allow-http", "false", "mentoring.webhooks.allow-private-targets", "false");
    }
}
