package org.mentoring.gateway.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubReports;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The programme report through the real HTTP surface, composed from the stub services' aggregates
 * ({@link StubReports}); the stub playing agreements-service is down.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ProgrammeReportTest {

    private static final String PATH = "/api/v1/reports/programmes/{id}";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void hrReadsOneReportWithSmallGroupsSuppressedAndTheMissingSourceNamed() {
        String programme = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.token("hris-client", TestTokens.HR_INTEGRATION))
                .get(PATH, programme).then()
                .statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("programmeId", equalTo(programme))
                .body("minimumGroupSize", equalTo(5))
                .body("generatedAt", notNullValue())
                // agreements-service is down: its section is missing, the rest is there
                .body("complete", equalTo(false))
                .body("unavailable", contains("agreements"))
                .body("agreements", nullValue())
                .body("summary.applications", equalTo(12))
                .body("summary.confirmedPairs", equalTo(8))
                .body("summary.menteeMatchRate", equalTo(1.0f))
                .body("summary.meetingsHeld", equalTo(31))
                .body("summary.cadenceAdherence", equalTo(0.75f))
                .body("summary.averageRating", nullValue())
                .body("summary.activeAgreements", nullValue())
                // three submitted mentors are too few to show; nine accepted mentees of twelve would tell them: both hidden
                .body("applications.byStatusAndRole.find { it.role == 'MENTOR' }.count", nullValue())
                .body("applications.byStatusAndRole.find { it.role == 'MENTEE' }.count", nullValue())
                .body("matching.pool.mentees", nullValue())
                .body("matching.pool.mentors", equalTo(6))
                .body("suppressed", containsInAnyOrder("applications.byStatusAndRole.SUBMITTED.MENTOR",
                        "applications.byStatusAndRole.ACCEPTED.MENTEE", "matching.pool.mentees"))
                .body("meetings.meetingsHeld.value", equalTo(31))
                .body("$", hasKey("meetings"));
    }

    @Test
    void adminsReadItTooAndTheTokenReachesEachService() {
        // The stubs answer 401 to a call without a token, which would fail the report: the token is relayed.
        given().auth().oauth2(TestTokens.admin("admin-1"))
                .get(PATH, UUID.randomUUID()).then()
                .statusCode(200).body("summary.applications", equalTo(12));
    }

    @Test
    void participantsAnonymousCallersBadIdsAndUnknownProgrammesAreRefused() {
        given().auth().oauth2(TestTokens.participant("mentor-1"))
                .get(PATH, UUID.randomUUID()).then()
                .statusCode(403).contentType("application/problem+json");
        given().get(PATH, UUID.randomUUID()).then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.admin("admin-1"))
                .get(PATH, "not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("programmeId must be a UUID"));
        given().auth().oauth2(TestTokens.admin("admin-1"))
                .get(PATH, StubReports.UNKNOWN_PROGRAMME).then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(StubReports.UNKNOWN_PROGRAMME));
    }

    @Test
    void theReportIsInTheMergedApiDocument() {
        given().get("/openapi.json").then()
                .statusCode(200)
                .body("paths.'/api/v1/reports/programmes/{programmeId}'.get.operationId", equalTo("getProgrammeReport"))
                .body("components.schemas", hasKey("GatewayProgrammeReport"));
    }
}
