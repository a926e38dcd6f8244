package org.mentoring.agreements.programme;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Agreements learn each programme's team from the programme's events; an admin who is not on it gets 404 for the
 * programme's agreements, their versions, document and ending, and does not find them in lists, as for agreements that
 * do not exist. The parties keep their own view; HR systems keep their counts.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeTeamChecksTest {

    private static final String BASE = "/api/v1/agreements";

    private final String owner = TestTokens.admin(AgreementFixtures.ADMIN);
    private final String strangerId = "stranger-" + UUID.randomUUID();
    private final String stranger = TestTokens.admin(strangerId);

    @Test
    void onlyTheProgrammesTeamSeesAndEndsItsAgreements() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String etag = AgreementFixtures.etag(owner, id);

        given().auth().oauth2(stranger).get(BASE + "/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).get(BASE + "/{id}/versions", id).then().statusCode(404);
        given().auth().oauth2(stranger).get(BASE + "/{id}/comments", id).then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("programmeId", pair.programmeId()).get(BASE).then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("limit", 200).get(BASE).then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(stranger).queryParam("programmeId", pair.programmeId()).get(BASE + "/statistics").then().statusCode(404);
        given().auth().oauth2(stranger).get(BASE + "/statistics").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("programmeId"));
        given().auth().oauth2(stranger).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "PROGRAMME_DECISION", "comment", "not my programme"))
                .post(BASE + "/{id}/termination", id).then().statusCode(404);

        given().auth().oauth2(TestTokens.token("hr-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION)).get(BASE + "/statistics")
                .then().statusCode(200);
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200).header("ETag", etag)
                .body("status", equalTo("DRAFT"));
        given().auth().oauth2(owner).get(BASE + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(owner).queryParam("limit", 200).get(BASE).then().statusCode(200).body("items.id", hasItem(id));

        // the programme is handed over: its next event names the new team
        String handedOver = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"IN_PROGRESS","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"%s","revision":5,"team":{"owners":["%s"],"coAdmins":[]}}}
                """.formatted(UUID.randomUUID(), pair.programmeId(), Instant.now(), pair.programmeId(), Instant.now(), strangerId);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, pair.programmeId().toString(), handedOver);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(stranger).get(BASE + "/{id}", id).then().extract().statusCode() == 200);
        given().auth().oauth2(owner).get(BASE + "/{id}", id).then().statusCode(404);
    }
}
