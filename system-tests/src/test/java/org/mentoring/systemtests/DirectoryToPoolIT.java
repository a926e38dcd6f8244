package org.mentoring.systemtests;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * An HR system provisions people over SCIM with Keycloak's client-credentials token; their applications
 * are filled from the directory (institute, location); accepted, they reach the matching pool with it.
 */
class DirectoryToPoolIT {

    private static final String SCIM = Journeys.SCIM;

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    @Test
    void peopleProvisionedOverScimApplyWithTheirDirectoryData() {
        String hr = Keycloak.hrIntegrationToken();
        Journeys.provision(hr, "max.mentor", "Max Mentor", "Institute of Physics", "Potsdam", 52.39, 13.06, List.of("en", "de"), null);
        Journeys.provision(hr, "elena.head", "Elena Head", "Institute of Economics", "Berlin", 52.52, 13.40, List.of("en", "de"), null);

        // SCIM is for the HR integration only
        given().auth().oauth2(Keycloak.tokenFor("ada.admin")).accept(SCIM).get("/scim/v2/Users").then().statusCode(403);

        String admin = Keycloak.tokenFor("ada.admin");
        String programmeId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Directory cohort " + UUID.randomUUID(),
                        "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programmeId).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", programmeId).then().statusCode(200);

        // no institute nor location in the form: the directory knows them
        Map<String, Object> form = Map.of(
                "role", "MENTEE",
                "languages", List.of("en"),
                "topics", List.of("ai-tools"),
                "meetingFormats", List.of("IN_PERSON", "ONLINE"),
                "availabilityHoursPerMonth", 3,
                "yearsOfExperience", 24,
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
        String applicationId = given().auth().oauth2(Keycloak.tokenFor("elena.head")).contentType(ContentType.JSON).body(form)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201)
                .body("fromDirectory", equalTo(true))
                .body("institute", equalTo("Institute of Economics"))
                .body("location.city", equalTo("Berlin"))
                .extract().path("id");

        String applicationEtag = given().auth().oauth2(admin).get("/api/v1/applications/{id}", applicationId).then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", applicationEtag).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", applicationId).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programmeId).then()
                        .statusCode(200)
                        .body("items.applicationId", hasItem(applicationId))
                        .body("items.find { it.applicationId == '" + applicationId + "' }.institute", equalTo("Institute of Economics")));

        // HR reads aggregates, never an application; one application is too few to show
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/statistics", programmeId).then()
                .statusCode(200).body("applications", org.hamcrest.Matchers.nullValue())
                .body("suppressed", hasItem("applications"));
        given().auth().oauth2(hr).get("/api/v1/applications/{id}", applicationId).then().statusCode(403);
    }
}
