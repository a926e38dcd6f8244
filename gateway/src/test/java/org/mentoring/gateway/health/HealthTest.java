package org.mentoring.gateway.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Readiness covers each upstream and the key set; liveness covers the gateway alone. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class HealthTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void readinessNamesEachUpstreamAndIsDownWhileOneIs() {
        JsonPath health = given().when().get("/q/health/ready")
                .then().statusCode(503).extract().jsonPath();

        Map<String, Object> upstreams = health.getMap("checks.find { it.name == 'gateway-upstreams' }.data");
        assertThat(upstreams).containsEntry("applicants", "UP").containsEntry("matching", "UP")
                .containsEntry("sessions", "UP").containsEntry("notifications", "UP");
        assertThat((String) upstreams.get("agreements")).startsWith("DOWN");
        assertThat(health.getString("checks.find { it.name == 'gateway-upstreams' }.status")).isEqualTo("DOWN");
    }

    @Test
    void readinessChecksTheKeySet() {
        JsonPath health = given().when().get("/q/health/ready").then().extract().jsonPath();

        assertThat(health.getString("checks.find { it.name == 'jwks' }.status")).isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'jwks' }.data.keys")).isEqualTo("1 key(s)");
    }

    @Test
    void livenessStaysUp() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
