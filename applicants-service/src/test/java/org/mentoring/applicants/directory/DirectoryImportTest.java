package org.mentoring.applicants.directory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.applicants.directory.DirectoryFixtures.ENTERPRISE;
import static org.mentoring.applicants.directory.DirectoryFixtures.MATCHING;
import static org.mentoring.applicants.directory.DirectoryFixtures.hr;
import static org.mentoring.applicants.directory.DirectoryFixtures.read;
import static org.mentoring.applicants.directory.DirectoryFixtures.scim;
import static org.mentoring.applicants.directory.DirectoryFixtures.unique;

/** Bulk import of people (CSV and JSON) with Idempotency-Key, all-or-nothing validation and events. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class DirectoryImportTest {

    private static final String IMPORTS = "/api/v1/directory/imports";
    private static final String HEADER = "userName,externalId,givenName,familyName,email,title,employeeNumber,organization,"
            + "department,managerUserName,city,region,country,latitude,longitude,languages,active";

    private final String hr = hr();

    @Test
    void csvImportCreatesPeopleWithManagersFromTheSameFileAndARetryChangesNothing() {
        String p = unique("csv");
        // the report comes before the manager: managers are resolved within the whole file
        String csv = HEADER + "\r\n"
                + p + "-ada,E-" + p + "-1,Ada,Lovelace," + p + "-ada@example.org,Researcher,1001,Institute of Computing,"
                + "Data Lab," + p + "-grace,Berlin,Berlin,de,52.52,13.405,en;DE,true\r\n"
                + p + "-grace,E-" + p + "-2,Grace,Hopper," + p + "-grace@example.org,\"Director, Computing\",1002,"
                + "Institute of Computing,Board,,Berlin,Berlin,DE,52.52,13.405,en,\r\n"
                + p + "-alan,,Alan,Turing,,,1003,Institute of Mathematics,Logic," + p + "-ada,,,GB,,,en,TRUE\r\n";
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv).post(IMPORTS).then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("created", equalTo(3)).body("updated", equalTo(0)).body("unchanged", equalTo(0)).body("deactivated", equalTo(0))
                .body("people.row", contains(0, 1, 2))
                .body("people.outcome", contains("CREATED", "CREATED", "CREATED"))
                .extract();
        List<String> ids = first.path("people.id");
        String ada = ids.get(0);
        String grace = ids.get(1);
        String alan = ids.get(2);

        scim(hr).get("/scim/v2/Users/{id}", ada).then().statusCode(200)
                .body("userName", equalTo(p + "-ada"))
                .body("externalId", equalTo("E-" + p + "-1"))
                .body("emails[0].value", equalTo(p + "-ada@example.org"))
                .body("emails[0].type", equalTo("work"))
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(grace))
                .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("1001"))
                .body("'" + MATCHING + "'.location.country", equalTo("DE"))
                .body("'" + MATCHING + "'.languages", contains("en", "de"));
        scim(hr).get("/scim/v2/Users/{id}", grace).then().statusCode(200)
                .body("title", equalTo("Director, Computing")).body("active", equalTo(true));
        scim(hr).get("/scim/v2/Users/{id}", alan).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(ada)).body("emails", nullValue());

        // the retry answers the same, with the replay marked, and changes nothing
        ExtractableResponse<Response> retry = given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv).post(IMPORTS).then()
                .statusCode(200).header("Idempotent-Replayed", "true").extract();
        assertThat(retry.asString()).isEqualTo(first.asString());

        // one event per person, none from the retry; Alan's chain runs through the file's managers
        for (String id : ids) {
            assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> id.equals(r.key()), Duration.ofSeconds(3)))
                    .as("events for " + id).hasSize(1);
        }
        var alanEvent = read(KafkaRecords.await(Topics.APPLICANTS, r -> alan.equals(r.key()), Duration.ofSeconds(30)).value());
        assertThat(alanEvent.get("type").asText()).isEqualTo(EventTypes.DIRECTORY_PERSON_UPSERTED);
        assertThat(DirectoryEventsTest.texts(alanEvent.at("/data/managerChain"))).containsExactly(ada, grace);
        assertThat(alanEvent.at("/data/organization").asText()).isEqualTo("Institute of Mathematics");

        // the same key with another body is refused
        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", key)
                .body(csv.replace("Researcher", "Professor")).post(IMPORTS).then()
                .statusCode(422).contentType("application/problem+json").body("status", equalTo(422));
        scim(hr).get("/scim/v2/Users/{id}", ada).then().statusCode(200).body("title", equalTo("Researcher"));
    }

    @Test
    void jsonImportUpsertsByUserNameAndCountsOutcomes() {
        String p = unique("json");
        List<Map<String, Object>> initial = List.of(
                Map.of("userName", p + "-a", "givenName", "A", "organization", "Institute A", "languages", List.of("en")),
                Map.of("userName", p + "-b", "givenName", "B", "organization", "Institute A", "managerUserName", p + "-a"),
                Map.of("userName", p + "-c", "givenName", "C", "organization", "Institute B", "latitude", 48.1, "longitude", 11.6));
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(initial).post(IMPORTS).then()
                .statusCode(200).body("created", equalTo(3));

        // a: unchanged; b: new title, any case of its userName; c: deactivated; d: new
        List<Map<String, Object>> second = List.of(
                Map.of("userName", p + "-a", "givenName", "A", "organization", "Institute A"),
                Map.of("userName", (p + "-b").toUpperCase(), "title", "Head of Finance"),
                Map.of("userName", p + "-c", "active", false),
                Map.of("userName", p + "-d", "managerUserName", p + "-b", "languages", "en;fr", "email", p + "-d@example.org"));
        ExtractableResponse<Response> result = given().auth().oauth2(hr).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(second).post(IMPORTS).then()
                .statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(1)).body("unchanged", equalTo(1)).body("deactivated", equalTo(1))
                .body("people.outcome", contains("UNCHANGED", "UPDATED", "DEACTIVATED", "CREATED"))
                .extract();
        String b = result.path("people[1].id");
        String c = result.path("people[2].id");
        String d = result.path("people[3].id");

        scim(hr).get("/scim/v2/Users/{id}", b).then().statusCode(200)
                .body("title", equalTo("Head of Finance"))
                .body("name.givenName", equalTo("B"))
                .body("'" + ENTERPRISE + "'.organization", equalTo("Institute A"));
        scim(hr).get("/scim/v2/Users/{id}", c).then().statusCode(200).body("active", equalTo(false))
                .body("'" + MATCHING + "'.location.latitude", equalTo(48.1f));
        scim(hr).get("/scim/v2/Users/{id}", d).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(b))
                .body("'" + MATCHING + "'.languages", contains("en", "fr"));

        var deactivated = read(KafkaRecords.await(Topics.APPLICANTS,
                r -> c.equals(r.key()) && r.value().contains(EventTypes.DIRECTORY_PERSON_DEACTIVATED), Duration.ofSeconds(30)).value());
        assertThat(deactivated.at("/data/active").asBoolean()).isFalse();
        String a = result.path("people[0].id");
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> a.equals(r.key()), Duration.ofSeconds(3)))
                .as("the unchanged person was published once, when created").hasSize(1);
    }

    @Test
    void anInvalidRowRefusesTheWholeImportNamingRowAndField() {
        String p = unique("invalid");
        String csv = HEADER + "\n"
                + p + "-ok,,Ok,Person,ok@example.org,,,Institute,,,,,,,,en,true\n"
                + p + "-mail,,Bad,Mail,not-an-email,,,Institute,,,,,,,,en,true\n"
                + p + "-geo,,Bad,Geo,,,,Institute,,,,,DE,100,13.4,en,true\n"
                + p + "-lang,,Bad,Lang,,,,Institute,,,,,XX,,,en;zz,maybe\n"
                + p + "-boss,,Bad,Boss,,,,Institute,," + p + "-nobody,,,,,,en,true\n";
        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(csv).post(IMPORTS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rows[1].email"))
                .body("errors.field", hasItem("rows[2].latitude"))
                .body("errors.field", hasItem("rows[3].country"))
                .body("errors.field", hasItem("rows[3].languages"))
                .body("errors.field", hasItem("rows[3].active"))
                .body("errors.find { it.field == 'rows[3].languages' }.message", containsString("zz"));
        // the valid first row was not stored either
        scim(hr).queryParam("filter", "userName sw \"" + p + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));

        // unknown manager, reporting cycle within the file, repeated userName
        String cycle = HEADER + "\n"
                + p + "-x,,,,,,,,," + p + "-y,,,,,,,\n"
                + p + "-y,,,,,,,,," + p + "-x,,,,,,,\n"
                + p + "-z,,,,,,,,," + p + "-nobody,,,,,,,\n"
                + (p + "-Z").toUpperCase() + ",,,,,,,,,,,,,,,,\n";
        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(cycle).post(IMPORTS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rows[3].userName"));
        String cycleOnly = HEADER + "\n"
                + p + "-x,,,,,,,,," + p + "-y,,,,,,,\n"
                + p + "-y,,,,,,,,," + p + "-x,,,,,,,\n"
                + p + "-z,,,,,,,,," + p + "-nobody,,,,,,,\n";
        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(cycleOnly).post(IMPORTS).then()
                .statusCode(400)
                .body("errors.field", hasItem("rows[0].managerUserName"))
                .body("errors.field", hasItem("rows[1].managerUserName"))
                .body("errors.field", hasItem("rows[2].managerUserName"))
                .body("errors.find { it.field == 'rows[0].managerUserName' }.message", containsString("cycle"))
                .body("errors.find { it.field == 'rows[2].managerUserName' }.message", containsString(p + "-nobody"));

        // JSON rows: wrong types and unknown fields
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("userName", p + "-j", "latitude", "north"), Map.of("userName", p + "-k", "salary", 1),
                        Map.of("givenName", "No user name")))
                .post(IMPORTS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rows[0].latitude"))
                .body("errors.field", hasItem("rows[1].salary"));
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("givenName", "No user name"))).post(IMPORTS).then()
                .statusCode(400).body("errors.field", contains("rows[0].userName"));

        // unknown CSV column, malformed JSON, empty import
        given().auth().oauth2(hr).contentType("text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("userName,shoeSize\nx,42\n").post(IMPORTS).then()
                .statusCode(400).body("errors.field", contains("columns[1]"));
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("[{\"userName\": ").post(IMPORTS).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("[]").post(IMPORTS).then()
                .statusCode(400).body("errors.field", contains("rows"));
        scim(hr).queryParam("filter", "userName sw \"" + p + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
    }

    @Test
    void anInvalidImportCanBeRetriedWithTheSameKeyOnceFixed() {
        String p = unique("fix");
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(List.of(Map.of("userName", p, "country", "Narnia"))).post(IMPORTS).then()
                .statusCode(400).body("errors.field", contains("rows[0].country"));
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(List.of(Map.of("userName", p, "country", "NL"))).post(IMPORTS).then()
                .statusCode(200).body("created", equalTo(1));
    }

    @Test
    void theIdempotencyKeyIsRequiredAndOnlyHrIntegrationMayImport() {
        given().auth().oauth2(hr).contentType("text/csv").body(HEADER + "\nx\n").post(IMPORTS).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("Idempotency-Key"));
        for (String token : List.of(TestTokens.participant("p-import"), TestTokens.admin("a-import"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(List.of(Map.of("userName", unique("x")))).post(IMPORTS).then()
                    .statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("userName", unique("x")))).post(IMPORTS).then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(hr).contentType(ContentType.XML).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("<people/>").post(IMPORTS).then()
                .statusCode(415).contentType("application/problem+json");
    }
}
