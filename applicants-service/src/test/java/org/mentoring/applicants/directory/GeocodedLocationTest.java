package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;
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
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.applicants.directory.DirectoryFixtures.MATCHING;
import static org.mentoring.applicants.directory.DirectoryFixtures.create;
import static org.mentoring.applicants.directory.DirectoryFixtures.hr;
import static org.mentoring.applicants.directory.DirectoryFixtures.read;
import static org.mentoring.applicants.directory.DirectoryFixtures.unique;
import static org.mentoring.applicants.directory.DirectoryFixtures.user;

/**
 * An in-person application that names a city but no coordinates is placed from the bundled gazetteer (from the form
 * or from the directory), shows that it was, and carries the coordinates to matching; a city the gazetteer does not
 * know is refused with 422 on location, unless the person only meets online.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class GeocodedLocationTest {

    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void aFormCityWithoutCoordinatesIsPlacedAndPublishedWithThem() {
        String programme = openProgramme();
        String token = TestTokens.participant(unique("geo"));
        String id = asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON"), Map.of("city", "Muenchen", "country", "DE")))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("location.city", equalTo("Muenchen"))
                .body("location.latitude", closeTo(48.14, 0.05)).body("location.longitude", closeTo(11.58, 0.05))
                .body("location.geocoded", equalTo(true)).extract().path("id");

        JsonNode event = event(id, EventTypes.APPLICATION_SUBMITTED);
        assertThat(event.at("/data/location/city").asText()).isEqualTo("Muenchen");
        assertThat(event.at("/data/location/latitude").asDouble()).isCloseTo(48.14, within(0.05));
        assertThat(event.at("/data/location/longitude").asDouble()).isCloseTo(11.58, within(0.05));
    }

    @Test
    void givenCoordinatesAreKeptAndNotMarkedAsLookedUp() {
        String token = TestTokens.participant(unique("geo"));
        asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON"), Map.of("city", "Köln", "latitude", 50.9, "longitude", 7.0)))
                .post("/api/v1/programmes/{id}/applications", openProgramme()).then().statusCode(201)
                .body("location.latitude", closeTo(50.9, 0.0001)).body("location.longitude", closeTo(7.0, 0.0001))
                .body("location.geocoded", equalTo(false));
    }

    @Test
    void anUnknownCityIsRefusedForInPersonMeetingsOnly() {
        String programme = openProgramme();
        String token = TestTokens.participant(unique("geo"));
        asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON", "ONLINE"), Map.of("city", "Kleinkleckersdorf", "country", "DE")))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("location"))
                .body("errors[0].message", containsString("give latitude and longitude, or a city we know"))
                .body("errors[0].message", containsString("ONLINE-only applications need no coordinates"));
        // a known name in another country is not guessed
        asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON"), Map.of("city", "Berlin", "country", "FR")))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(422)
                .body("errors[0].field", equalTo("location"));

        String id = asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("ONLINE"), Map.of("city", "Kleinkleckersdorf", "country", "DE")))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("location.city", equalTo("Kleinkleckersdorf")).body("location.geocoded", equalTo(false))
                .extract().path("id");
        JsonNode event = event(id, EventTypes.APPLICATION_SUBMITTED);
        assertThat(event.at("/data/location/latitude").isMissingNode() || event.at("/data/location/latitude").isNull()).isTrue();
    }

    @Test
    void aDirectoryCityWithoutCoordinatesIsPlacedOrTakesTheFormsCoordinates() {
        String userName = unique("geo-dir");
        ObjectNode person = user(userName);
        ((ObjectNode) person.get(MATCHING)).putObject("location").put("city", "Cologne").put("country", "DE");
        create(hr(), person);
        String token = TestTokens.participant(userName);
        String id = asDoubles().auth().oauth2(token).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON"), null))
                .post("/api/v1/programmes/{id}/applications", openProgramme()).then().statusCode(201)
                .body("fromDirectory", equalTo(true)).body("location.city", equalTo("Cologne"))
                .body("location.latitude", closeTo(50.94, 0.05)).body("location.longitude", closeTo(6.96, 0.05))
                .body("location.geocoded", equalTo(true)).extract().path("id");
        assertThat(event(id, EventTypes.APPLICATION_SUBMITTED).at("/data/location/latitude").asDouble()).isCloseTo(50.94, within(0.05));

        String elsewhere = unique("geo-dir");
        ObjectNode remote = user(elsewhere);
        ((ObjectNode) remote.get(MATCHING)).putObject("location").put("city", "Kleinkleckersdorf").put("country", "DE");
        create(hr(), remote);
        String remoteToken = TestTokens.participant(elsewhere);
        String programme = openProgramme();
        asDoubles().auth().oauth2(remoteToken).contentType(ContentType.JSON).body(form(List.of("IN_PERSON"), null))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(422)
                .body("errors[0].field", equalTo("location"));
        asDoubles().auth().oauth2(remoteToken).contentType(ContentType.JSON)
                .body(form(List.of("IN_PERSON"), Map.of("city", "ignored", "latitude", 49.1, "longitude", 9.2)))
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201)
                .body("location.city", equalTo("Kleinkleckersdorf"))
                .body("location.latitude", closeTo(49.1, 0.0001)).body("location.geocoded", equalTo(false));
    }

    /** Numbers in responses read as doubles, so coordinates compare as such. */
    private static RequestSpecification asDoubles() {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE)));
    }

    private static Map<String, Object> form(List<String> formats, Map<String, Object> location) {
        Map<String, Object> form = new HashMap<>(Map.of("role", "MENTEE", "institute", "Institute of Physics",
                "languages", List.of("en"), "topics", List.of("ai-tools"), "meetingFormats", formats,
                "availabilityHoursPerMonth", 4, "yearsOfExperience", 10,
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true)));
        if (location != null) {
            form.put("location", location);
        }
        return form;
    }

    private String openProgramme() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Geo " + UUID.randomUUID(), "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"))))
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
