package org.mentoring.systemtests;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The validating proxy can fail: a request whose body breaks the API document is refused by Prism (never reaching the
 * gateway), an answer that breaks it is replaced by a 500, each with the violations in its answer, and
 * {@link ValidatingProxy#assertNoViolations()} then fails the build. Only in the {@code typescript-client} profile, which
 * installs Prism.
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

    @Test
    void anAnswerThatBreaksTheDocumentBecomesAnErrorAndFailsTheCheck() throws IOException {
        // an upstream that answers a programme without most of its required fields and with an id that is no UUID
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/api/v1/programmes/", exchange -> {
            byte[] body = "{\"id\": \"not-a-uuid\", \"name\": \"Broken\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        try (ValidatingProxy proxy = ValidatingProxy.start("validating-proxy-answer-check",
                "http://127.0.0.1:" + upstream.getAddress().getPort())) {
            given().baseUri(proxy.url()).auth().oauth2("any-token")
                    .get("/api/v1/programmes/{id}", UUID.randomUUID()).then()
                    .statusCode(500).contentType("application/problem+json")
                    .header("sl-violations", containsString("Response body must have required property 'status'"))
                    .body("type", equalTo("https://stoplight.io/prism/errors#VIOLATIONS"))
                    .body("validation.message", hasItem("Response body property id must match format \"uuid\""));

            assertThatThrownBy(proxy::assertNoViolations).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("get /api/v1/programmes/")
                    .hasMessageContaining("VIOLATIONS");
        } finally {
            upstream.stop(0);
        }
    }
}
