package org.mentoring.gateway.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubAccessLogs;
import org.mentoring.gateway.StubExports;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * A person's export through the real HTTP surface, composed from the stub services' parts ({@link StubExports});
 * the stub playing agreements-service is down.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class PersonalExportTest {

    private static final String PATH = "/api/v1/me/export";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aParticipantDownloadsOneDocumentWithEveryServicesPartAndTheMissingOneNamed() {
        given().auth().oauth2(TestTokens.participant(StubExports.SUBJECT))
                .get(PATH).then()
                .statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", matchesPattern("attachment; filename=\"mentoring-export-\\d{4}-\\d{2}-\\d{2}\\.json\""))
                .body("subject", equalTo(StubExports.SUBJECT))
                .body("generatedAt", notNullValue())
                .body("applicants.directory.userName", equalTo("eva.executive"))
                .body("applicants.applications[0].status", equalTo("MATCHED"))
                .body("matching.poolEntries[0].role", equalTo("MENTEE"))
                .body("matching.proposals[0].status", equalTo("CONFIRMED"))
                .body("sessions.meetings[0].status", equalTo("HELD"))
                .body("sessions.notes[0].content", equalTo("My own thoughts"))
                .body("notifications.recipient.email", equalTo("eva.executive@example.org"))
                .body("notifications.mails[0].kind", equalTo("MATCH_CONFIRMED"))
                // what each part repeats is said once, at the top
                .body("applicants", not(hasKey("subject"))).body("sessions", not(hasKey("exportedAt")))
                // agreements-service is down: its part is missing and named, the rest is there
                .body("$", hasKey("agreements")).body("agreements", nullValue())
                .body("complete", equalTo(false))
                .body("unavailable", contains("agreements", "accessLog.agreements"))
                // who read the person's data, from every service that answered, newest first
                .body("accessLog.id", equalTo(StubAccessLogs.idsNewestFirst()))
                .body("accessLog[0].actor", equalTo(StubAccessLogs.OWNER))
                .body("accessLog.service", hasItems("applicants", "matching", "sessions"));
    }

    @Test
    void anonymousCallersAndHrClientsAreRefused() {
        given().get(PATH).then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.token("hris-client", TestTokens.HR_INTEGRATION))
                .get(PATH).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theExportIsInTheMergedApiDocument() {
        given().get("/openapi.json").then()
                .statusCode(200)
                .body("paths.'/api/v1/me/export'.get.operationId", equalTo("getPersonalExport"))
                .body("paths.'/api/v1/me/export'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/GatewayPersonalExport"))
                .body("components.schemas.GatewayPersonalExport.properties", hasKey("unavailable"));
    }
}
