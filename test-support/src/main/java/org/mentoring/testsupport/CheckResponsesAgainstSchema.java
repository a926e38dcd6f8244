package org.mentoring.testsupport;

import io.restassured.RestAssured;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts {@link ResponseSchemaCheck} on every REST Assured request of every {@code @QuarkusTest} of a service that has
 * test-support on its test path (registered as a Quarkus test callback): whatever a test does, each JSON answer it
 * gets must fit the service's OpenAPI document, so the document cannot drift from what the service sends.
 */
public class CheckResponsesAgainstSchema implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ResponseSchemaCheck.INSTANCE)) {
            RestAssured.filters(ResponseSchemaCheck.INSTANCE);
        }
    }
}
