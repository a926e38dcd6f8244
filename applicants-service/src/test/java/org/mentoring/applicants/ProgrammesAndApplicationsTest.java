package org.mentoring.applicants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** The first slice through applicants-service: programme, application, outbox event on the real broker. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammesAndApplicationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void adminCreatesAndOpensAProgrammeWithOptimisticLocking() {
        String participant = TestTokens.participant("p-" + UUID.randomUUID());
        String id = createProgramme();

        // a draft is invisible to participants
        given().auth().oauth2(participant).get("/api/v1/programmes/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(428).contentType("application/problem+json").body("status", equalTo(428));
        given().auth().oauth2(admin).header("If-Match", "\"41\"").contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(412).contentType("application/problem+json");

        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", id).then()
                .statusCode(200).body("status", equalTo("DRAFT"))
                .body("defaultAgreementMonths", equalTo(6)).body("matching.mentorCapacity", equalTo(1))
                .extract().header("ETag");
        // DRAFT cannot jump to IN_PROGRESS
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "IN_PROGRESS"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("DRAFT"));
        String opened = given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(200).body("status", equalTo("OPEN")).extract().header("ETag");
        assertThat(opened).isNotEqualTo(etag);
        given().auth().oauth2(admin).header("If-Match", opened).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("OPEN"));
        given().auth().oauth2(admin).header("If-Match", opened).contentType(ContentType.JSON).body(Map.of("to", "SOMEWHERE"))
                .post("/api/v1/programmes/{id}/transitions", id).then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.PROGRAMME_OPENED),
                Duration.ofSeconds(30));

        given().auth().oauth2(participant).get("/api/v1/programmes/{id}", id).then().statusCode(200)
                .body("topics.code", containsInAnyOrder("social-media", "ai-tools", "hybrid-work"));
    }

    @Test
    void programmesAreListedAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            createProgramme();
        }
        ValidatableResponse first = given().auth().oauth2(admin).queryParam("limit", 2).get("/api/v1/programmes").then()
                .statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue());
        String cursor = first.extract().path("nextCursor");
        List<String> firstIds = first.extract().path("items.id");
        List<String> secondIds = given().auth().oauth2(admin).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/programmes").then().statusCode(200).extract().path("items.id");
        assertThat(secondIds).isNotEmpty().doesNotContainAnyElementsOf(firstIds);

        given().auth().oauth2(admin).queryParam("limit", 0).get("/api/v1/programmes").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(admin).queryParam("cursor", "garbage!").get("/api/v1/programmes").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void participantAppliesAndTheEventIsRelayedToKafka() throws Exception {
        String programmeId = openProgramme();
        String sub = "mentee-" + UUID.randomUUID();
        String mentee = TestTokens.participant(sub);

        String location = given().auth().oauth2(mentee).contentType(ContentType.JSON).body(application("MENTEE"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/applications/"))
                .header("ETag", notNullValue())
                .body("status", equalTo("SUBMITTED"))
                .body("applicantId", equalTo(sub))
                .body("topics", equalTo(List.of("ai-tools", "social-media")))
                .extract().header("Location");
        String applicationId = location.substring(location.lastIndexOf('/') + 1);

        // owner and admin read it; another participant gets 404, not 403
        given().auth().oauth2(mentee).get(location).then().statusCode(200).body("id", equalTo(applicationId));
        given().auth().oauth2(admin).get(location).then().statusCode(200);
        given().auth().oauth2(TestTokens.participant("someone-else")).get(location).then()
                .statusCode(404).contentType("application/problem+json");

        // a second live application to the same programme is refused
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("already"));

        ConsumerRecord<String, String> record = KafkaRecords.await(Topics.APPLICANTS,
                r -> applicationId.equals(r.key()), Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo(EventTypes.APPLICATION_SUBMITTED);
        assertThat(event.get("source").asText()).isEqualTo("/mentoring/applicants-service");
        assertThat(event.get("subject").asText()).isEqualTo(applicationId);
        assertThat(event.at("/data/applicantId").asText()).isEqualTo(sub);
        assertThat(event.at("/data/programmeId").asText()).isEqualTo(programmeId);
        assertThat(event.at("/data/role").asText()).isEqualTo("MENTEE");
        assertThat(event.at("/data/status").asText()).isEqualTo("SUBMITTED");
        assertThat(event.at("/data/location/city").asText()).isEqualTo("Berlin");
        assertThat(event.at("/data/yearsOfExperience").asInt()).isEqualTo(22);
        assertThat(event.has("/data/motivation")).isFalse();
        assertThat(event.get("data").has("motivation")).isFalse();
        assertThat(new String(record.headers().lastHeader("content-type").value())).isEqualTo("application/cloudevents+json");

        // exactly one event for the person: the refused second application sent nothing
        List<ConsumerRecord<String, String>> forPerson = KafkaRecords.collect(Topics.APPLICANTS,
                r -> r.value().contains(sub), Duration.ofSeconds(3));
        assertThat(forPerson).hasSize(1);
    }

    @Test
    void badApplicationsAreRefusedNamingTheFieldsAndStoreNothing() {
        String programmeId = openProgramme();
        String sub = "bad-" + UUID.randomUUID();
        String token = TestTokens.participant(sub);

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"role\": \"MENTOR\", ")
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed request body"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("motivation", "hi"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("availabilityHoursPerMonth"))
                .body("errors.field", hasItem("languages"))
                .body("errors.field", hasItem("meetingFormats"))
                .body("errors.field", hasItem("consent"));

        Map<String, Object> wrongEnum = new java.util.HashMap<>(application("MENTOR"));
        wrongEnum.put("role", "BOSS");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(wrongEnum)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).body("errors[0].field", equalTo("role")).body("errors[0].message", containsString("MENTEE"));

        Map<String, Object> unknownTopic = new java.util.HashMap<>(application("MENTOR"));
        unknownTopic.put("topics", List.of("ai-tools", "astrology"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(unknownTopic)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).body("errors[0].field", equalTo("topics[1]")).body("detail", containsString("astrology"));

        Map<String, Object> setsStatus = new java.util.HashMap<>(application("MENTOR"));
        setsStatus.put("status", "ACCEPTED");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(setsStatus)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).body("errors[0].field", equalTo("status"));

        Map<String, Object> noConsent = new java.util.HashMap<>(application("MENTOR"));
        noConsent.put("consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", false));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(noConsent)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(400).body("errors[0].field", equalTo("consent.accepted"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");

        // none of the refused requests stored an application: the person can still apply once
        given().auth().oauth2(token).contentType(ContentType.JSON).body(application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", programmeId).then().statusCode(201);
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> r.value().contains(sub), Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void draftProgrammesTakeNoApplicationsAndProgrammeFieldsAreValidated() {
        String draft = createProgramme();
        given().auth().oauth2(TestTokens.participant("p")).contentType(ContentType.JSON).body(application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", draft).then().statusCode(404);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "topics", List.of(Map.of("code", "Not Valid", "label", "l")),
                        "applicationOpensAt", "2027-02-01T00:00:00Z", "applicationClosesAt", "2027-01-01T00:00:00Z"))
                .post("/api/v1/programmes").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("topics[0].code"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Window backwards", "topics", List.of(Map.of("code", "a", "label", "A")),
                        "applicationOpensAt", "2027-02-01T00:00:00Z", "applicationClosesAt", "2027-01-01T00:00:00Z"))
                .post("/api/v1/programmes").then()
                .statusCode(400).body("errors[0].field", equalTo("applicationClosesAt"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad date", "topics", List.of(Map.of("code", "a", "label", "A")),
                        "applicationOpensAt", "next tuesday"))
                .post("/api/v1/programmes").then()
                .statusCode(400).body("errors[0].field", equalTo("applicationOpensAt"));
    }

    @Test
    void tokensAreCheckedAndRolesEnforced() {
        Map<String, Object> body = programmeBody();
        for (String bad : List.of(TestTokens.signedByStranger("x", TestTokens.ADMIN), TestTokens.expired("x", TestTokens.ADMIN),
                TestTokens.wrongIssuer("x", TestTokens.ADMIN), TestTokens.wrongAudience("x", TestTokens.ADMIN), "not-a-jwt")) {
            given().auth().oauth2(bad).contentType(ContentType.JSON).body(body).post("/api/v1/programmes").then()
                    .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer"));
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/programmes").then()
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(TestTokens.participant("p")).contentType(ContentType.JSON).body(body).post("/api/v1/programmes").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/v1/nowhere").then()
                .statusCode(404).contentType("application/problem+json").body("instance", equalTo("/api/v1/nowhere"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/programmes/{programmeId}/applications"));
    }

    private Map<String, Object> programmeBody() {
        return Map.of(
                "name", "Reverse Mentoring " + UUID.randomUUID(),
                "description", "Juniors mentor leaders",
                "topics", List.of(
                        Map.of("code", "social-media", "label", "Social media"),
                        Map.of("code", "ai-tools", "label", "AI tools at work"),
                        Map.of("code", "hybrid-work", "label", "Hybrid work")));
    }

    private String createProgramme() {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(programmeBody())
                .post("/api/v1/programmes").then()
                .statusCode(201).header("Location", containsString("/api/v1/programmes/"))
                .body("status", equalTo("DRAFT"))
                .extract().path("id");
    }

    private String openProgramme() {
        return ApplicantsFixtures.openProgramme(admin, programmeBody());
    }

    static Map<String, Object> application(String role) {
        return ApplicantsFixtures.application(role);
    }
}
