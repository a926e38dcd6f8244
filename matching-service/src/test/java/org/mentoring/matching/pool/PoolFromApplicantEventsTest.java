package org.mentoring.matching.pool;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The pool is fed by real records on the real broker, each applied once, poison records set aside. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class PoolFromApplicantEventsTest {

    private final String admin = TestTokens.admin("admin");

    @Test
    void submittedApplicationsEnterThePoolOnceEvenWhenRedelivered() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        UUID application = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), submitted(eventId, application, programme, "Institute of Physics"));
        awaitPoolSize(programme, 1);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .statusCode(200)
                .body("items[0].applicationId", equalTo(application.toString()))
                .body("items[0].role", equalTo("MENTEE"))
                .body("items[0].institute", equalTo("Institute of Physics"))
                .body("items[0].languages", equalTo(List.of("de", "en")));

        // the same event again, even with other content, changes nothing: its id was processed
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), submitted(eventId, application, programme, "Changed Institute"));
        // a poison record goes to the dead-letter topic and does not stall the partition
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), "this is not a CloudEvent");
        UUID second = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), submitted(UUID.randomUUID(), second, programme, "Institute of Economics"));

        awaitPoolSize(programme, 2);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .body("items.find { it.applicationId == '" + application + "' }.institute", equalTo("Institute of Physics"));
        KafkaRecords.await(Topics.deadLetter("matching-service", Topics.APPLICANTS),
                r -> r.value().equals("this is not a CloudEvent"), Duration.ofSeconds(30));
    }

    @Test
    void thePoolIsPagedAndForAdminsOnly() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        for (int i = 0; i < 3; i++) {
            UUID application = UUID.randomUUID();
            KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), submitted(UUID.randomUUID(), application, programme, "Institute " + i));
        }
        awaitPoolSize(programme, 3);
        String cursor = given().auth().oauth2(admin).queryParam("limit", 2).get("/api/v1/programmes/{id}/pool", programme).then()
                .statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/programmes/{id}/pool", programme)
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", equalTo(null));

        given().auth().oauth2(TestTokens.participant("p")).get("/api/v1/programmes/{id}/pool", programme).then()
                .statusCode(403).contentType("application/problem+json");
    }

    private void awaitPoolSize(UUID programme, int size) {
        // 404 until the programme's team event has arrived too: keep polling through it
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).extract().<List<Object>>path("items")).hasSize(size));
    }

    private static String submitted(UUID eventId, UUID application, UUID programme, String institute) {
        return applicationEvent(eventId, "accepted", "ACCEPTED", application, programme, institute);
    }

    private static String applicationEvent(UUID eventId, String verb, String status, UUID application, UUID programme, String institute) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service",
                 "type":"mentoring.application.%s.v1","subject":"%s","time":"%s",
                 "datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"MENTEE","status":"%s",
                         "displayName":"Eva","institute":"%s","department":null,"directoryPersonId":null,"managerChain":[],
                         "location":{"city":"Berlin","region":null,"country":"DE","latitude":52.52,"longitude":13.4},
                         "languages":["de","en"],"topics":["ai-tools"],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":20,"diversity":null,"reason":null,
                         "submittedAt":"%s","changedAt":"%s"}}
                """.formatted(eventId, verb, application, Instant.now(), application, programme, application, status, institute,
                Instant.now(), Instant.now());
    }

    @Test
    void onlyAcceptedApplicationsAreInThePoolAndErasedPeopleLeaveForGood() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        UUID submittedOnly = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, submittedOnly.toString(),
                applicationEvent(UUID.randomUUID(), "submitted", "SUBMITTED", submittedOnly, programme, "A"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, accepted.toString(),
                applicationEvent(UUID.randomUUID(), "accepted", "ACCEPTED", accepted, programme, "B"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, withdrawn.toString(),
                applicationEvent(UUID.randomUUID(), "accepted", "ACCEPTED", withdrawn, programme, "C"));
        awaitPoolSize(programme, 2);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, withdrawn.toString(),
                applicationEvent(UUID.randomUUID(), "withdrawn", "WITHDRAWN", withdrawn, programme, "C"));
        awaitPoolSize(programme, 1);

        String erased = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"user-%s","time":"%s","data":{"applicantId":"user-%s","applicationIds":["%s"],"erasedAt":"%s"}}
                """.formatted(UUID.randomUUID(), accepted, Instant.now(), accepted, accepted, Instant.now());
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "user-" + accepted, erased);
        awaitPoolSize(programme, 0);
        // a late event about the erased application does not bring the person back
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, accepted.toString(),
                applicationEvent(UUID.randomUUID(), "updated", "ACCEPTED", accepted, programme, "B"));
        UUID marker = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, accepted.toString(),
                applicationEvent(UUID.randomUUID(), "accepted", "ACCEPTED", marker, programme, "D"));
        awaitPoolSize(programme, 1);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .body("items[0].applicationId", equalTo(marker.toString()));
    }
}
