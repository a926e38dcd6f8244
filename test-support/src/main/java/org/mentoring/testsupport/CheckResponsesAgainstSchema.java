package org.mentoring.testsupport;

import io.restassured.RestAssured;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts {@link ResponseSchemaCheck} on every REST Assured request of every {@code @QuarkusTest} of a service that has
 * test-support on its test path (registered as a Quarkus test callback): whatever a test does, each JSON answer it
 * gets must fit the service's OpenAPI document, so the document cannot drift from what the service sends.
 */
public class CheckResponsesAgainstSchema implements QuarkusTestBeforeEachCallback {

    /** Off where the answers are not the application's own (the gateway relays its test stubs' answers). */
    public static final String ENABLED = "mentoring.tests.check-answers-against-openapi";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(true);
        if (!enabled) {
            if (RestAssured.filters().contains(ResponseSchemaCheck.INSTANCE)) {
                RestAssured.replaceFiltersWith(RestAssured.filters().stream().filter(f -> f != ResponseSchemaCheck.INSTANCE).toList());
            }
            return;
        }
        if (!RestAssured.filters().contains(ResponseSchemaCheck.INSTANCE)) {
            RestAssured.filters(ResponseSchemaCheck.INSTANCE);
        }
    }
}
