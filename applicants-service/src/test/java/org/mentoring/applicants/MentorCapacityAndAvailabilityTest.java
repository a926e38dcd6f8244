package org.mentoring.applicants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * A mentor's own capacity (within the programme's limit) and a person's weekly availability: validated with 422
 * naming the field, stored, editable, shown, exported and published to matching in the application's events.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class MentorCapacityAndAvailabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> TUESDAY_EVENINGS = Map.of("weekdays", List.of("TUESDAY", "THURSDAY"),
            "from", "16:00", "to", "18:30", "timeZone", "Europe/Berlin");
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void capacityAndAvailabilityRoundTripIntoTheEventsTheExportAndAnEdit() throws Exception {
        String programme = programmeWithCapacity(3);
        String token = TestTokens.participant("cap-" + UUID.randomUUID());
        Map<String, Object> form = form("MENTOR", 2, TUESDAY_EVENINGS);
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(form)
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("mentorCapacity", equalTo(2))
                .body("availability.weekdays", contains("TUESDAY", "THURSDAY"))
                .body("availability.from", equalTo("16:00")).body("availability.to", equalTo("18:30"))
                .body("availability.timeZone", equalTo("Europe/Berlin")).extract();
        String id = created.path("id");

        JsonNode submitted = event(id, EventTypes.APPLICATION_SUBMITTED);
        assertThat(submitted.at("/data/mentorCapacity").asInt()).isEqualTo(2);
        assertThat(submitted.at("/data/availability/weekdays").toString()).isEqualTo("[\"TUESDAY\",\"THURSDAY\"]");
        assertThat(submitted.at("/data/availability/from").asText()).isEqualTo("16:00");
        assertThat(submitted.at("/data/availability/to").asText()).isEqualTo("18:30");
        assertThat(submitted.at("/data/availability/timeZone").asText()).isEqualTo("Europe/Berlin");

        given().auth().oauth2(token).get("/api/v1/me/export").then().statusCode(200)
                .body("applications[0].mentorCapacity", equalTo(2))
                .body("applications[0].availability.timeZone", equalTo("Europe/Berlin"));

        // edited like every other field: a new capacity and hours; then left out, the programme's limit and any time
        Map<String, Object> edited = form("MENTOR", 3, Map.of("weekdays", List.of("SATURDAY"), "from", "09:00", "to", "12:00",
                "timeZone", "America/New_York"));
        String etag = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", created.header("ETag")).body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(200)
                .body("mentorCapacity", equalTo(3)).body("availability.weekdays", contains("SATURDAY")).extract().header("ETag");
        JsonNode updated = event(id, EventTypes.APPLICATION_UPDATED);
        assertThat(updated.at("/data/mentorCapacity").asInt()).isEqualTo(3);
        assertThat(updated.at("/data/availability/timeZone").asText()).isEqualTo("America/New_York");

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(ApplicantsFixtures.application("MENTOR"))
                .put("/api/v1/applications/{id}", id).then().statusCode(200)
                .body("$", not(hasKey("mentorCapacity"))).body("$", not(hasKey("availability")));
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.APPLICATION_UPDATED)
                && r.value().contains("\"mentorCapacity\":null") && r.value().contains("\"availability\":null"), Duration.ofSeconds(30));
    }

    @Test
    void aMenteeSendingACapacityOrACapacityOutOfRangeIsRefusedNamingTheRange() {
        String programme = programmeWithCapacity(3);
        unprocessable(submit(programme, form("MENTEE", 1, null)), "mentorCapacity").body("detail", containsString("mentors only"));
        unprocessable(submit(programme, form("MENTOR", 4, null)), "mentorCapacity")
                .body("errors[0].message", containsString("between 1 and 3"));
        unprocessable(submit(programme, form("MENTOR", 0, null)), "mentorCapacity")
                .body("errors[0].message", containsString("between 1 and 3"));

        // an edit is checked the same way
        String token = TestTokens.participant("cap-" + UUID.randomUUID());
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(form("MENTOR", 3, null))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        unprocessable(given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body(form("MENTOR", 5, null)).put("/api/v1/applications/{id}", created.<String>path("id")).then(), "mentorCapacity");

        // while a mentor takes three, the programme's limit cannot go below three
        String programmeEtag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programme).then().extract().header("ETag");
        Map<String, Object> lowered = new HashMap<>(ApplicantsFixtures.programme("Capacity"));
        lowered.put("matching", Map.of("mentorCapacity", 2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", programmeEtag).body(lowered)
                .put("/api/v1/programmes/{id}", programme).then().statusCode(409).body("detail", containsString("mentorCapacity"));
    }

    @Test
    void anInvalidAvailabilityIsRefusedNamingTheField() {
        String programme = programmeWithCapacity(2);
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of(), "16:00", "18:00", "Europe/Berlin"))),
                "availability.weekdays");
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY", "FUNDAY"), "16:00", "18:00", "Europe/Berlin"))),
                "availability.weekdays[1]");
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY", "MONDAY"), "16:00", "18:00", "Europe/Berlin"))),
                "availability.weekdays[1]").body("errors[0].message", containsString("repeats MONDAY"));
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY"), "18:00", "16:00", "Europe/Berlin"))),
                "availability.to").body("errors[0].message", containsString("after from"));
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY"), "16:00", "16:00", "Europe/Berlin"))),
                "availability.to");
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY"), "4pm", "18:00", "Europe/Berlin"))),
                "availability.from").body("errors[0].message", containsString("HH:mm"));
        unprocessable(submit(programme, form("MENTEE", null, availability(List.of("MONDAY"), "16:00", "18:00", "Europe/Atlantis"))),
                "availability.timeZone").body("errors[0].message", containsString("time zone"));
    }

    @Test
    void theOpenApiDocumentDescribesBothFieldsWithExamples() {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath doc = new io.restassured.path.json.JsonPath(json);
        assertThat(doc.getString("components.schemas.ApplicationRequest.properties.mentorCapacity.description"))
                .contains("programme's matching.mentorCapacity");
        assertThat(doc.getString("components.schemas.WeeklyAvailability.properties.timeZone.examples[0]")).isEqualTo("Europe/Berlin");
        assertThat(doc.getString("components.schemas.WeeklyAvailability.properties.from.examples[0]")).isEqualTo("16:00");
        assertThat(doc.getString("paths.'/api/v1/programmes/{programmeId}/applications'.post.responses.'422'.description"))
                .contains("mentorCapacity");
        assertThat(doc.getString("paths.'/api/v1/applications/{id}'.put.responses.'422'.description")).contains("availability");
    }

    private String programmeWithCapacity(int capacity) {
        Map<String, Object> body = new HashMap<>(ApplicantsFixtures.programme("Capacity " + UUID.randomUUID()));
        body.put("matching", Map.of("mentorCapacity", capacity));
        return ApplicantsFixtures.openProgramme(admin, body);
    }

    private static Map<String, Object> form(String role, Integer capacity, Map<String, Object> availability) {
        Map<String, Object> form = new HashMap<>(ApplicantsFixtures.application(role));
        if (capacity != null) {
            form.put("mentorCapacity", capacity);
        }
        if (availability != null) {
            form.put("availability", availability);
        }
        return form;
    }

    private static Map<String, Object> availability(List<String> weekdays, String from, String to, String zone) {
        return Map.of("weekdays", weekdays, "from", from, "to", to, "timeZone", zone);
    }

    private static ValidatableResponse submit(String programme, Map<String, Object> form) {
        return given().auth().oauth2(TestTokens.participant("cap-" + UUID.randomUUID())).contentType(ContentType.JSON).body(form)
                .post("/api/v1/programmes/{id}/applications", programme).then();
    }

    private static ValidatableResponse unprocessable(ValidatableResponse response, String field) {
        return response.statusCode(422).contentType("application/problem+json").body("status", equalTo(422))
                .body("errors[0].field", equalTo(field)).body("detail", containsString(field));
    }

    private static JsonNode event(String id, String type) throws Exception {
        return JSON.readTree(KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(type),
                Duration.ofSeconds(30)).value());
    }
}
