package org.mentoring.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.ReplicaStubs;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An upstream with several replicas: requests take them in turn, and a replica that is down is passed over. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
@WithTestResource(ReplicaStubs.class)
class ReplicasTest {

    private static final String PARTICIPANT = TestTokens.participant("mentor-1");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void requestsTakeTheReplicasInTurn() {
        List<String> replicas = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replicas.add(given().auth().oauth2(PARTICIPANT).when().get("/api/v1/duo/" + i)
                    .then().statusCode(200).extract().header("X-Replica"));
        }
        assertThat(replicas).containsOnly("replica-a", "replica-b");
        assertThat(replicas.stream().filter("replica-a"::equals).count()).isEqualTo(3);
        for (int i = 1; i < replicas.size(); i++) {
            assertThat(replicas.get(i)).as("request %d", i).isNotEqualTo(replicas.get(i - 1));
        }
    }

    @Test
    void aReplicaThatRefusesConnectionsIsPassedOverForEveryMethodWithoutTrippingTheBreaker() {
        // More requests than the default breaker threshold (5); every other one tries the closed replica first.
        for (int i = 0; i < 12; i++) {
            Response response = i % 2 == 0
                    ? given().auth().oauth2(PARTICIPANT).when().get("/api/v1/half/" + i)
                    : given().auth().oauth2(PARTICIPANT).contentType("application/json").body("{\"n\": " + i + "}")
                            .when().post("/api/v1/half");
            response.then().statusCode(200).header("X-Replica", "replica-a");
            if (i % 2 == 1) {
                // the body reached the live replica whole, after the refused attempt
                assertThat(response.jsonPath().getInt("bodyLength")).isEqualTo(("{\"n\": " + i + "}").length());
                assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
            }
        }
    }

    @Test
    void readinessCountsAnUpstreamUpWhileOneOfItsReplicasIs() {
        Map<String, Object> upstreams = given().when().get("/q/health/ready").then().extract().jsonPath()
                .getMap("checks.find { it.name == 'gateway-upstreams' }.data");
        assertThat(upstreams).containsEntry("duo", "UP");
        assertThat((String) upstreams.get("half")).startsWith("UP (1 of 2 replicas");
    }
}
