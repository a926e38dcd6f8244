package org.mentoring.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service must do whatever its domain: report itself ready (database and Kafka
 * reachable), serve its OpenAPI document with the bearer scheme, and answer unknown paths and bad
 * tokens with problem+json. A service's test extends it under {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsContract {

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
