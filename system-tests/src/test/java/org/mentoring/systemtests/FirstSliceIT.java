package org.mentoring.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The walking skeleton's slice, through the gateway with Keycloak's tokens: an admin creates and opens
 * a programme, participants apply, the admin accepts them, the applications travel as CloudEvents through
 * the outbox and Kafka into matching-service's pool, and the admin sees the applicants there.
 */
class FirstSliceIT {

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = System.getProperty("gateway.url", "http://localhost:8080");
        RestAssured.requestSpecification = new RequestSpecBuilder().build();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    @Test
    void anApplicationReachesTheMatchingPool() {
        String admin = Keycloak.tokenFor("ada.admin");
        String mentee = Keycloak.tokenFor("eva.executive");
        String mentor = Keycloak.tokenFor("mia.mentor");
        JsonNode menteeClaims = Keycloak.claims(mentee);
        assertThat(menteeClaims.get("groups").toString()).contains("participant");

        String programmeId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Reverse Mentoring " + UUID.randomUUID(),
                        "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"), Map.of("code", "social-media", "label", "Social media"))))
                .post("/api/v1/programmes").then()
                .statusCode(201).header("Location", containsString("/api/v1/programmes/")).header("X-Request-Id", notNullValue())
                .extract().path("id");
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programmeId).then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", programmeId).then()
                .statusCode(200).body("status", equalTo("OPEN"));

        String applicationId = given().auth().oauth2(mentee).contentType(ContentType.JSON)
                .body(application("MENTEE", "Institute of Physics"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201).body("applicantId", equalTo(menteeClaims.get("sub").asText()))
                .extract().path("id");
        String mentorApplicationId = given().auth().oauth2(mentor).contentType(ContentType.JSON)
                .body(application("MENTOR", "Institute for Data Science"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then().statusCode(201)
                .extract().path("id");

        // the mentor cannot read the mentee's application: 404, not 403
        given().auth().oauth2(mentor).get("/api/v1/applications/{id}", applicationId).then()
                .statusCode(404).contentType("application/problem+json");

        // the admin reviews and accepts both: accepted applicants enter the matching pool
        for (String id : List.of(applicationId, mentorApplicationId)) {
            String applicationEtag = given().auth().oauth2(admin).get("/api/v1/applications/{id}", id).then()
                    .statusCode(200).extract().header("ETag");
            given().auth().oauth2(admin).header("If-Match", applicationEtag).contentType(ContentType.JSON)
                    .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", id).then()
                    .statusCode(200).body("status", equalTo("ACCEPTED"));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programmeId).then()
                        .statusCode(200)
                        .body("items.applicationId", hasItem(applicationId))
                        .body("items.size()", equalTo(2)));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programmeId).then()
                .body("items.find { it.applicationId == '" + applicationId + "' }.institute", equalTo("Institute of Physics"));

        // applications close; the admin publishes an optimal matching, approves the pair, both accept
        String programmeEtag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programmeId).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", programmeEtag).contentType(ContentType.JSON).body(Map.of("to", "CLOSED"))
                .post("/api/v1/programmes/{id}/transitions", programmeId).then().statusCode(200);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                .post("/api/v1/programmes/{id}/matching-runs", programmeId).then().statusCode(403);
        String runLocation = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                        .post("/api/v1/programmes/{id}/matching-runs", programmeId).then().extract(),
                r -> r.statusCode() == 202).header("Location");
        String runPath = java.net.URI.create(runLocation).getPath();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "COMPLETED".equals(given().auth().oauth2(admin).get(runPath).then().statusCode(200).extract().path("status")));
        given().auth().oauth2(admin).get(runPath).then()
                .body("result.pairs[0].menteeApplicationId", equalTo(applicationId))
                .body("result.pairs[0].mentorApplicationId", equalTo(mentorApplicationId));
        String proposalId = given().auth().oauth2(admin).queryParam("programmeId", programmeId).get("/api/v1/proposals").then()
                .statusCode(200).body("items.size()", equalTo(1)).extract().path("items[0].id");
        String proposalEtag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposalId).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", proposalEtag).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposalId).then().statusCode(200);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200);
        given().auth().oauth2(mentor).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200).body("status", equalTo("CONFIRMED"));

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

    private static Map<String, Object> application(String role, String institute) {
        return Map.of(
                "role", role,
                "institute", institute,
                "languages", List.of("de", "en"),
                "topics", List.of("ai-tools"),
                "meetingFormats", List.of("ONLINE"),
                "availabilityHoursPerMonth", 4,
                "yearsOfExperience", "MENTOR".equals(role) ? 3 : 25,
                "motivation", "Learning from each other",
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
    }
}
