package org.mentoring.gateway.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubAccessLogs;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A programme's access log through the gateway, merged from the stub services' parts ({@link StubAccessLogs}); the
 * stub playing agreements-service is down.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ProgrammeAccessLogTest {

    private static final String PATH = "/api/v1/programmes/" + StubAccessLogs.PROGRAMME + "/access-log";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void theOwnerPagesThroughEveryServicesEntriesNewestFirstWithNoneLostOrRepeated() {
        String owner = TestTokens.admin(StubAccessLogs.OWNER);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(owner).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then()
                    .statusCode(200).contentType("application/json").header("Cache-Control", "no-store")
                    .body("programmeId", equalTo(StubAccessLogs.PROGRAMME))
                    .body("complete", equalTo(false))
                    .body("unavailable", contains("agreements"))
                    .extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(StubAccessLogs.idsNewestFirst());
    }

    @Test
    void oneLargePageHoldsEverythingWithWhoWhatAndWhy() {
        given().auth().oauth2(TestTokens.admin(StubAccessLogs.OWNER)).queryParam("limit", 200)
                .get(PATH).then()
                .statusCode(200)
                .body("items", hasSize(6))
                .body("items[0].service", equalTo("applicants"))
                .body("items[0].actor", equalTo(StubAccessLogs.OWNER))
                .body("items.find { it.what == 'meeting' }.reason", equalTo("cadence check"))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void otherAdminsParticipantsAndBadParametersAreRefused() {
        given().auth().oauth2(TestTokens.admin("another-admin")).get(PATH).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.participant("someone")).get(PATH).then()
                .statusCode(403).contentType("application/problem+json");
        given().get(PATH).then().statusCode(401);
        String owner = TestTokens.admin(StubAccessLogs.OWNER);
        given().auth().oauth2(owner).queryParam("limit", 0).get(PATH).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(owner).queryParam("cursor", "not-a-cursor").get(PATH).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(owner).get("/api/v1/programmes/not-a-uuid/access-log").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
