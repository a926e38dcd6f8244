package org.mentoring.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The walking skeleton's slice, through the gateway with Keycloak's tokens: an admin creates and opens
 * a programme, participants apply, the admin accepts them, the applications travel as CloudEvents through
 * the outbox and Kafka into matching-service's pool, and the admin sees the applicants there.
 */
class FirstSliceIT {

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    @Test
    void anApplicationReachesTheMatchingPool() {
        String admin = Keycloak.tokenFor("ada.admin");
        String mentee = Keycloak.tokenFor("eva.executive");
        String mentor = Keycloak.tokenFor("mia.mentor");
        JsonNode menteeClaims = Keycloak.claims(mentee);
        assertThat(menteeClaims.get("groups").toString()).contains("participant");

        String programmeId = Journeys.openProgramme(admin, "Reverse Mentoring");

        String applicationId = given().auth().oauth2(mentee).contentType(ContentType.JSON)
                .body(Journeys.application("MENTEE", "Institute of Physics"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201).body("applicantId", equalTo(menteeClaims.get("sub").asText()))
                .extract().path("id");
        String mentorApplicationId = Journeys.apply(mentor, programmeId, "MENTOR", "Institute for Data Science");

        // the mentor cannot read the mentee's application: 404, not 403
        given().auth().oauth2(mentor).get("/api/v1/applications/{id}", applicationId).then()
                .statusCode(404).contentType("application/problem+json");

        // the admin reviews and accepts both: accepted applicants enter the matching pool
        Journeys.accept(admin, applicationId);
        Journeys.accept(admin, mentorApplicationId);
        Journeys.awaitPool(admin, programmeId, applicationId, 2);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programmeId).then()
                .body("items.find { it.applicationId == '" + applicationId + "' }.institute", equalTo("Institute of Physics"));

        // applications close; the admin publishes an optimal matching, approves the pair, both accept
        Journeys.transition(admin, programmeId, "CLOSED");
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programmeId).then().statusCode(403);
        String runPath = Journeys.publishMatching(admin, programmeId);
        given().auth().oauth2(admin).get(runPath).then()
                .body("result.pairs[0].menteeApplicationId", equalTo(applicationId))
                .body("result.pairs[0].mentorApplicationId", equalTo(mentorApplicationId));
        Journeys.approveAndAccept(new Journeys.People(admin, mentee, mentor), programmeId);

        // applicants-service follows matching's event: both applications are MATCHED
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/applications/{id}", applicationId).then()
                        .statusCode(200).body("status", equalTo("MATCHED")));
    }

    @Test
    void badApplicationsAreRefusedThroughTheGateway() {
        String admin = Keycloak.tokenFor("ada.admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/programmes").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("description", "no name, no topics"))
                .post("/api/v1/programmes").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("topics"));
    }

    @Test
    void theGatewayRefusesBadTokensAndWrongRoles() throws InterruptedException {
        String programmes = "/api/v1/programmes";
        given().get(programmes).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("garbage").get(programmes).then().statusCode(401).contentType("application/problem+json");

        String mentee = Keycloak.tokenFor("eva.executive");
        given().auth().oauth2(Keycloak.forgedFrom(mentee)).get(programmes).then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Keycloak.tamperedFrom(mentee)).get(programmes).then()
                .statusCode(401).contentType("application/problem+json");

        // a participant may not read a pool nor create a programme
        given().auth().oauth2(mentee).get("/api/v1/programmes/{id}/pool", UUID.randomUUID()).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("name", "Mine"))
                .post(programmes).then().statusCode(403).contentType("application/problem+json");

        // the HR client holds hr-integration, not program-admin
        String hr = Keycloak.hrIntegrationToken();
        assertThat(Keycloak.claims(hr).get("groups").toString()).contains("hr-integration");
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/pool", UUID.randomUUID()).then().statusCode(403);

        given().auth().oauth2(mentee).get("/api/v1/nowhere").then().statusCode(404).contentType("application/problem+json");

        String expired = Keycloak.expiredTokenFor("eva.executive");
        given().auth().oauth2(expired).get(programmes).then().statusCode(401).contentType("application/problem+json");
    }
}
