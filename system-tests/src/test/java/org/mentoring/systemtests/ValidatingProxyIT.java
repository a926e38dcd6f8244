package org.mentoring.systemtests;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The validating proxy can fail: a request whose body breaks the API document is refused by Prism (never reaching the
 * gateway) with the violation in its answer, and {@link ValidatingProxy#assertNoViolations()} then fails the build.
 * Only in the {@code typescript-client} profile, which installs Prism.
 */
@EnabledIfSystemProperty(named = "validating.proxy.prism", matches = ".+")
class ValidatingProxyIT {

    @Test
    void aRequestThatBreaksTheDocumentIsRefusedAndFailsTheCheck() {
        String admin = Keycloak.tokenFor(Journeys.ADMIN);
        try (ValidatingProxy proxy = ValidatingProxy.start("validating-proxy-check", System.getProperty("gateway.url"))) {
            // a programme without its required name and topics
            given().baseUri(proxy.url()).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("description", "no name, no topics"))
                    .post("/api/v1/programmes").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY"))
                    .body("validation.message", hasItem("Request body must have required property 'name'"))
                    .body("validation.message", hasItem("Request body must have required property 'topics'"));

            assertThat(proxy.violations()).singleElement().asString().contains("post /api/v1/programmes", "UNPROCESSABLE_ENTITY");
            assertThatThrownBy(proxy::assertNoViolations).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 exchange(s) through the validating proxy broke the API document")
                    .hasMessageContaining("post /api/v1/programmes");
        }
    }
}
