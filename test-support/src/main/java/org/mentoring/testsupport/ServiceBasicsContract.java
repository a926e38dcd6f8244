package org.mentoring.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service must do whatever its domain: report itself ready (database and Kafka
 * reachable), serve its OpenAPI document with the bearer scheme, and answer unknown paths and bad
 * tokens with problem+json. A service's test extends it under {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsContract {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** A path of the service that needs a valid token; {@code null} while the service has none yet. */
    protected abstract String securedPath();

    @Test
    void isReadyWithItsDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", notNullValue())
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    /**
     * Frontend teams generate clients from the document: an answer without a schema becomes {@code void} there.
     * So every operation has an id and a success answer, every success answer with a body says what it holds, and
     * every error answer is documented as the problem document it is (SCIM's own errors aside).
     */
    @Test
    void documentsWhatEveryOperationAnswers() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<String> gaps = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !OPERATIONS.contains(method)) {
                return;
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            if (operation.get("operationId") == null) {
                gaps.add(where + ": no operationId");
            }
            Map<?, ?> responses = operation.get("responses") instanceof Map<?, ?> r ? r : Map.of();
            List<String> success = responses.keySet().stream().map(String::valueOf).filter(code -> code.startsWith("2")).toList();
            if (success.isEmpty()) {
                gaps.add(where + ": no 2xx response");
            }
            responses.forEach((code, response) -> {
                boolean error = String.valueOf(code).startsWith("4") || String.valueOf(code).startsWith("5");
                if (error && !path.startsWith("/scim/")
                        && !(response instanceof Map<?, ?> r && r.get("content") instanceof Map<?, ?> c && c.containsKey("application/problem+json"))) {
                    gaps.add(where + " " + code + ": an error answer that is not documented as application/problem+json");
                }
            });
            for (String code : success) {
                if (code.equals("204")) {
                    continue;
                }
                Object content = ((Map<?, ?>) responses.get(code)).get("content");
                if (!(content instanceof Map<?, ?> media) || media.isEmpty()) {
                    gaps.add(where + " " + code + ": no content (answer 204 if there is no body)");
                    continue;
                }
                media.forEach((type, entry) -> {
                    if (!(entry instanceof Map<?, ?> m) || m.get("schema") == null) {
                        gaps.add(where + " " + code + " " + type + ": no schema");
                    }
                });
            }
        }));
        assertThat(gaps).as("operations whose answers the OpenAPI document does not describe").isEmpty();
    }

    @Test
    void unknownPathsAreProblemJson() {
        given().auth().oauth2(TestTokens.admin("admin")).get("/api/v1/no-such-thing").then()
                .statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void refusesMissingAndForgedTokensWithProblemJson() {
        Assumptions.assumeTrue(securedPath() != null, "the service has no secured endpoint yet");
        given().get(securedPath()).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        for (String bad : new String[]{TestTokens.signedByStranger("x", TestTokens.ADMIN), TestTokens.expired("x", TestTokens.ADMIN),
                TestTokens.wrongIssuer("x", TestTokens.ADMIN), TestTokens.wrongAudience("x", TestTokens.ADMIN)}) {
            given().auth().oauth2(bad).get(securedPath()).then().statusCode(401).contentType("application/problem+json");
        }
    }
}
