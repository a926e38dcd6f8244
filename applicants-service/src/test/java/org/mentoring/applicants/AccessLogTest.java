package org.mentoring.applicants;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every read of an application by the programme's team is recorded, as the programme's admin access says: OPEN
 * records it, AUDITED also asks why, DISABLED refuses it. The owners list the log, the applicant sees who read their
 * data, and an erasure leaves the entries but not the person.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AccessLogTest {

    private static final String LOG = "/api/v1/access-log/applicants";

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String coAdminId = "co-admin-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String coAdmin = TestTokens.admin(coAdminId);
    private final String applicantId = "applicant-" + UUID.randomUUID();
    private final String applicant = TestTokens.participant(applicantId);

    @Test
    void teamReadsAreRecordedAsTheProgrammesAdminAccessSays() {
        String programme = ApplicantsFixtures.openProgramme(owner, ApplicantsFixtures.programme("Audited " + UUID.randomUUID()));
        String application = given().auth().oauth2(applicant).contentType(ContentType.JSON).body(ApplicantsFixtures.application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract().path("id");
        setTeam(programme, null).body("adminAccess", equalTo("OPEN"));

        // OPEN: the read is answered and recorded; the applicant reading their own is not
        given().auth().oauth2(owner).get("/api/v1/applications/{id}", application).then().statusCode(200);
        given().auth().oauth2(applicant).get("/api/v1/applications/{id}", application).then().statusCode(200);
        given().auth().oauth2(owner).queryParam("programme", programme).get(LOG).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].actor", equalTo(ownerId)).body("[0].actorKind", equalTo("ADMIN"))
                .body("[0].subject", equalTo(applicantId)).body("[0].what", equalTo("application"))
                .body("[0].objectId", equalTo(application)).body("[0].service", equalTo("applicants"))
                .body("[0].programmeId", equalTo(programme)).body("[0].reason", nullValue());
        // only owners list the log; the person read about sees the read of their data
        given().auth().oauth2(coAdmin).queryParam("programme", programme).get(LOG).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("stranger-" + UUID.randomUUID())).queryParam("programme", programme)
                .get(LOG).then().statusCode(404);
        given().auth().oauth2(applicant).get(LOG + "/me").then().statusCode(200)
                .body("actor", contains(ownerId)).body("objectId", contains(application));

        // AUDITED: a read must say why; without a reason nothing is answered or recorded
        setTeam(programme, "AUDITED").body("adminAccess", equalTo("AUDITED"));
        given().auth().oauth2(coAdmin).get("/api/v1/applications/{id}", application).then().statusCode(400)
                .contentType("application/problem+json").body("type", containsString("access-reason-required"))
                .body("detail", containsString("Access-Reason"));
        given().auth().oauth2(coAdmin).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(400)
                .body("type", containsString("access-reason-required"));
        given().auth().oauth2(coAdmin).header("Access-Reason", "x".repeat(501))
                .get("/api/v1/applications/{id}", application).then().statusCode(400).body("detail", containsString("500"));
        given().auth().oauth2(coAdmin).header("Access-Reason", "Preparing the interview")
                .get("/api/v1/programmes/{id}/applications", programme).then().statusCode(200).body("items.id", contains(application));
        given().auth().oauth2(owner).queryParam("programme", programme).get(LOG).then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].actor", equalTo(coAdminId)).body("[0].reason", equalTo("Preparing the interview"));

        // DISABLED: the team reads no one's application; the applicant still reads their own
        setTeam(programme, "DISABLED").body("adminAccess", equalTo("DISABLED"));
        given().auth().oauth2(owner).header("Access-Reason", "just looking").get("/api/v1/applications/{id}", application)
                .then().statusCode(403).contentType("application/problem+json").body("type", containsString("admin-access-disabled"));
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(403);
        given().auth().oauth2(applicant).get("/api/v1/applications/{id}", application).then().statusCode(200);
        given().auth().oauth2(owner).queryParam("programme", programme).get(LOG).then().body("", hasSize(2));
        // a team change that leaves the setting out keeps it
        setTeam(programme, null).body("adminAccess", equalTo("DISABLED"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag(programme))
                .body(Map.of("owners", List.of(ownerId), "adminAccess", "SECRET"))
                .put("/api/v1/programmes/{id}/team", programme).then().statusCode(400).contentType("application/problem+json");

        // erasure: the entries stay, the person and the ids of what was theirs go
        given().auth().oauth2(applicant).post("/api/v1/me/erasure").then().statusCode(200);
        given().auth().oauth2(applicant).get(LOG + "/me").then().statusCode(200).body("", empty());
        given().auth().oauth2(owner).queryParam("programme", programme).get(LOG).then().statusCode(200)
                .body("", hasSize(2))
                .body("subject", everyItem(startsWith("erased-")))
                .body("subject", everyItem(not(equalTo(applicantId))))
                .body("objectId", everyItem(nullValue()))
                .body("[0].reason", equalTo("Preparing the interview"));
    }

    @Test
    void badListingParametersAreProblemsNotFailures() {
        given().auth().oauth2(owner).get(LOG).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("programme"));
        given().auth().oauth2(owner).queryParam("programme", UUID.randomUUID()).queryParam("before", "yesterday")
                .queryParam("beforeId", UUID.randomUUID()).get(LOG).then().statusCode(400);
        given().auth().oauth2(applicant).queryParam("before", "2026-12-03T10:00:00Z").get(LOG + "/me").then().statusCode(400)
                .body("detail", containsString("beforeId"));
        given().auth().oauth2(owner).get("/api/v1/access-log/matching").then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse setTeam(String programme, String adminAccess) {
        Map<String, Object> body = adminAccess == null
                ? Map.of("owners", List.of(ownerId), "coAdmins", List.of(coAdminId))
                : Map.of("owners", List.of(ownerId), "coAdmins", List.of(coAdminId), "adminAccess", adminAccess);
        return given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag(programme)).body(body)
                .put("/api/v1/programmes/{id}/team", programme).then().statusCode(200);
    }

    private String etag(String programme) {
        return given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .extract().header("ETag");
    }
}
