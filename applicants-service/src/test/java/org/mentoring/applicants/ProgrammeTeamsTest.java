package org.mentoring.applicants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Each programme has its team, and only the team acts as the programme's admins: an admin of another programme gets
 * 404 for its drafts, its applications (with their diversity answers and interview notes) and every decision, exactly
 * as for ids that do not exist. Owners manage the team; a platform admin assigns teams but sees no one's data.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeTeamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String otherAdminId = "other-admin-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String otherAdmin = TestTokens.admin(otherAdminId);
    private final String platformAdmin = TestTokens.token("platform-" + UUID.randomUUID(), "platform-admin");
    private final String hr = TestTokens.token("hr-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION);

    @Test
    void anAdminOffTheTeamSeesNothingOfTheProgrammeUntilAnOwnerAddsThem() {
        String draft = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(ApplicantsFixtures.programme("Team draft " + UUID.randomUUID()))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", draft).then().statusCode(200)
                .body("owners", contains(ownerId)).body("coAdmins", empty());
        given().auth().oauth2(otherAdmin).get("/api/v1/programmes/{id}", draft).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(otherAdmin).queryParam("limit", 200).get("/api/v1/programmes").then().statusCode(200)
                .body("items.id", not(org.hamcrest.Matchers.hasItem(draft)));
        given().auth().oauth2(owner).queryParam("limit", 200).get("/api/v1/programmes").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(draft));
        String etag = given().auth().oauth2(owner).get("/api/v1/programmes/{id}", draft).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(otherAdmin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", draft).then().statusCode(404);
        given().auth().oauth2(otherAdmin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(ApplicantsFixtures.programme("Taken over")).put("/api/v1/programmes/{id}", draft).then().statusCode(404);
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}", draft).then().statusCode(200).header("ETag", etag);

        String programme = ApplicantsFixtures.openProgramme(owner, ApplicantsFixtures.programme("Team " + UUID.randomUUID()));
        String applicant = TestTokens.participant("applicant-" + UUID.randomUUID());
        var submitted = given().auth().oauth2(applicant).contentType(ContentType.JSON).body(ApplicantsFixtures.application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        String application = submitted.path("id");
        String appEtag = submitted.header("ETag");

        given().auth().oauth2(otherAdmin).get("/api/v1/applications/{id}", application).then().statusCode(404);
        given().auth().oauth2(otherAdmin).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(404);
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", "2099-01-01T10:00:00Z", "durationMinutes", 20, "adminNotes", "x"))
                .post("/api/v1/applications/{id}/interview", application).then().statusCode(404);
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON).header("If-Match", appEtag)
                .body(Map.of("decision", "REJECT", "reason", "not mine to decide"))
                .post("/api/v1/applications/{id}/decision", application).then().statusCode(404);
        given().auth().oauth2(otherAdmin).get("/api/v1/programmes/{id}/statistics", programme).then().statusCode(404);
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/statistics", programme).then().statusCode(200);
        given().auth().oauth2(applicant).get("/api/v1/applications/{id}", application).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));

        String programmeEtag = given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", programmeEtag)
                .body(Map.of("owners", List.of(ownerId), "coAdmins", List.of(otherAdminId)))
                .put("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .body("owners", contains(ownerId)).body("coAdmins", contains(otherAdminId))
                .header("ETag", not(equalTo(programmeEtag)));

        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", "2099-01-01T10:00:00Z", "durationMinutes", 20, "adminNotes", "Ask about AI"))
                .post("/api/v1/applications/{id}/interview", application).then().statusCode(200)
                .body("interview.adminNotes", equalTo("Ask about AI"));
        given().auth().oauth2(otherAdmin).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(200)
                .body("items.id", contains(application));

        // a co-admin runs the programme but cannot change who runs it
        String current = given().auth().oauth2(otherAdmin).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON).header("If-Match", current)
                .body(Map.of("owners", List.of(otherAdminId))).put("/api/v1/programmes/{id}/team", programme).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("owners"));
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .header("ETag", current).body("owners", contains(ownerId));
    }

    @Test
    void aPlatformAdminAssignsTeamsButReadsNoApplication() throws Exception {
        String programme = ApplicantsFixtures.openProgramme(owner, ApplicantsFixtures.programme("Handed over " + UUID.randomUUID()));
        String applicantId = "applicant-" + UUID.randomUUID();
        String applicant = TestTokens.participant(applicantId);
        String application = given().auth().oauth2(applicant).contentType(ContentType.JSON)
                .body(ApplicantsFixtures.application("MENTEE"))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract().path("id");

        given().auth().oauth2(platformAdmin).get("/api/v1/applications/{id}", application).then().statusCode(403);
        given().auth().oauth2(platformAdmin).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(403);

        String etag = given().auth().oauth2(platformAdmin).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .body("owners", contains(ownerId)).extract().header("ETag");
        String newOwnerId = "new-owner-" + UUID.randomUUID();
        given().auth().oauth2(platformAdmin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("owners", List.of(newOwnerId))).put("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .body("owners", contains(newOwnerId)).body("coAdmins", empty());

        given().auth().oauth2(owner).get("/api/v1/applications/{id}", application).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin(newOwnerId)).get("/api/v1/applications/{id}", application).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));

        // erasing a person on their request is for the team of a programme they applied to
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("reason", "asked by e-mail"))
                .post("/api/v1/people/{subject}/erasure", applicantId).then().statusCode(404);
        given().auth().oauth2(applicant).get("/api/v1/applications/{id}", application).then().statusCode(200);

        // every service learns the team from the programme's event
        var record = KafkaRecords.await(Topics.APPLICANTS, r -> programme.equals(r.key()) && r.value().contains(newOwnerId),
                Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo(EventTypes.PROGRAMME_UPDATED);
        assertThat(event.at("/data/team/owners/0").asText()).isEqualTo(newOwnerId);
        assertThat(event.at("/data/revision").isIntegralNumber()).isTrue();

        given().auth().oauth2(TestTokens.admin(newOwnerId)).contentType(ContentType.JSON).body(Map.of("reason", "asked by e-mail"))
                .post("/api/v1/people/{subject}/erasure", applicantId).then().statusCode(200).body("applicationsErased", equalTo(1));
    }

    @Test
    void aTeamMustKeepAnOwnerAndNameEachPersonOnce() {
        String programme = ApplicantsFixtures.openProgramme(owner, ApplicantsFixtures.programme("Rules " + UUID.randomUUID()));
        String etag = given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", programme).then().extract().header("ETag");

        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("owners", List.of(), "coAdmins", List.of(ownerId)))
                .put("/api/v1/programmes/{id}/team", programme).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("owners"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("owners", List.of(ownerId), "coAdmins", List.of(ownerId)))
                .put("/api/v1/programmes/{id}/team", programme).then().statusCode(400)
                .body("errors[0].field", equalTo("coAdmins[0]"));
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("owners", List.of(ownerId))).put("/api/v1/programmes/{id}/team", programme).then().statusCode(428);
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", "\"999\"")
                .body(Map.of("owners", List.of(ownerId))).put("/api/v1/programmes/{id}/team", programme).then().statusCode(412);
        given().auth().oauth2(TestTokens.participant("p-" + UUID.randomUUID())).get("/api/v1/programmes/{id}/team", programme)
                .then().statusCode(403);
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/team", programme).then().statusCode(200)
                .header("ETag", etag).body("owners", contains(ownerId)).body("programmeId", notNullValue());
    }
}
