package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.mentoring.applicants.directory.DirectoryFixtures.MATCHING;
import static org.mentoring.applicants.directory.DirectoryFixtures.create;
import static org.mentoring.applicants.directory.DirectoryFixtures.hr;
import static org.mentoring.applicants.directory.DirectoryFixtures.op;
import static org.mentoring.applicants.directory.DirectoryFixtures.patchOp;
import static org.mentoring.applicants.directory.DirectoryFixtures.read;
import static org.mentoring.applicants.directory.DirectoryFixtures.scim;
import static org.mentoring.applicants.directory.DirectoryFixtures.scimError;
import static org.mentoring.applicants.directory.DirectoryFixtures.unique;
import static org.mentoring.applicants.directory.DirectoryFixtures.user;
import static org.mentoring.applicants.directory.DirectoryFixtures.write;

/**
 * Seniority from the HRIS (hire date, birth year, grade in the matching extension, over SCIM and imports) decides the
 * years of experience an application publishes to matching; a senior person applying as mentor is flagged to the
 * programme's admins only.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class SeniorityFromHrisTest {

    private final String hr = hr();
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Test
    void scimAndImportsCarryHireDateBirthYearAndGrade() {
        ObjectNode person = user(unique("senior"));
        matching(person).put("hireDate", "2009-04-01").put("birthYear", 1975).put("grade", "E13");
        String id = create(hr, person);
        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200)
                .body("'" + MATCHING + "'.hireDate", equalTo("2009-04-01"))
                .body("'" + MATCHING + "'.birthYear", equalTo(1975))
                .body("'" + MATCHING + "'.grade", equalTo("E13"));
        scim(hr).body(write(patchOp(op("replace", MATCHING + ":grade", "E14")))).patch("/scim/v2/Users/{id}", id).then()
                .statusCode(200).body("'" + MATCHING + "'.grade", equalTo("E14"))
                .body("'" + MATCHING + "'.hireDate", equalTo("2009-04-01"));

        ObjectNode wrong = user(unique("senior"));
        matching(wrong).put("hireDate", "2009-13-01");
        scimError(scim(hr).body(write(wrong)).post("/scim/v2/Users").then(), 400, null)
                .body("detail", containsString("hireDate"));

        String imported = unique("imported");
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("userName", imported, "organization", "Institute of Computing", "hireDate", "2020-01-15",
                        "birthYear", 1990, "grade", "E9")))
                .post("/api/v1/directory/imports").then().statusCode(200);
        scim(hr).queryParam("filter", "userName eq \"" + imported + "\"").get("/scim/v2/Users").then().statusCode(200)
                .body("Resources[0].'" + MATCHING + "'.hireDate", equalTo("2020-01-15"))
                .body("Resources[0].'" + MATCHING + "'.birthYear", equalTo(1990))
                .body("Resources[0].'" + MATCHING + "'.grade", equalTo("E9"));

        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("userName,birthYear\n" + imported + ",nineteen-ninety\n")
                .post("/api/v1/directory/imports").then().statusCode(400)
                .body("errors[0].field", equalTo("rows[0].birthYear"));
    }

    @Test
    void aHireDateDecidesThePublishedYearsAndFlagsASeniorMentorToAdminsOnly() {
        String userName = unique("senior");
        ObjectNode person = user(userName);
        LocalDate hired = today.minusYears(20).minusDays(3);
        matching(person).put("hireDate", hired.toString()).put("grade", "E15");
        create(hr, person);
        String token = TestTokens.participant(userName);

        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(form("MENTOR", 2))
                .post("/api/v1/programmes/{id}/applications", openProgramme()).then().statusCode(201)
                .body("yearsOfExperience", equalTo(2))
                .body("seniority.years", equalTo(20)).body("seniority.source", equalTo("HRIS_HIRE_DATE"))
                .body("$", not(hasKey("flags"))).extract().path("id");
        assertThat(event(id, EventTypes.APPLICATION_SUBMITTED).at("/data/yearsOfExperience").asInt()).isEqualTo(20);

        given().auth().oauth2(token).get("/api/v1/applications/{id}", id).then().statusCode(200)
                .body("$", not(hasKey("flags")));
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", id).then().statusCode(200)
                .body("flags[0].code", equalTo("SENIOR_AS_MENTOR"))
                .body("flags[0].detail", containsString("20 years"));
    }

    @Test
    void aBirthYearAloneGivesAnEstimateAndWithoutTheHrisTheDeclaredYearsApply() {
        String userName = unique("young");
        ObjectNode person = user(userName);
        matching(person).put("birthYear", today.getYear() - 30);
        create(hr, person);
        String programme = openProgramme();
        String id = given().auth().oauth2(TestTokens.participant(userName)).contentType(ContentType.JSON).body(form("MENTOR", 12))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("seniority.years", equalTo(8)).body("seniority.source", equalTo("HRIS_BIRTH_YEAR"))
                .extract().path("id");
        assertThat(event(id, EventTypes.APPLICATION_SUBMITTED).at("/data/yearsOfExperience").asInt()).isEqualTo(8);
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", id).then().statusCode(200).body("flags", empty());

        String outsider = given().auth().oauth2(TestTokens.participant(unique("outsider"))).contentType(ContentType.JSON)
                .body(form("MENTOR", 17))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("fromDirectory", equalTo(false))
                .body("seniority.years", equalTo(17)).body("seniority.source", equalTo("DECLARED")).extract().path("id");
        assertThat(event(outsider, EventTypes.APPLICATION_SUBMITTED).at("/data/yearsOfExperience").asInt()).isEqualTo(17);
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", outsider).then().statusCode(200).body("flags", empty());
    }

    private static ObjectNode matching(ObjectNode person) {
        return (ObjectNode) person.get(MATCHING);
    }

    private static Map<String, Object> form(String role, int declaredYears) {
        return Map.of("role", role, "institute", "Institute of Physics", "languages", List.of("en"), "topics", List.of("ai-tools"),
                "meetingFormats", List.of("ONLINE"), "availabilityHoursPerMonth", 4, "yearsOfExperience", declaredYears,
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
    }

    private String openProgramme() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Seniority " + UUID.randomUUID(), "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then().statusCode(200);
        return id;
    }

    private static JsonNode event(String id, String type) {
        var record = KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(type), Duration.ofSeconds(30));
        return read(record.value());
    }
}
