package org.mentoring.matching.pool;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
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
        UUID application = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaRecords.send(Topics.APPLICANTS, application.toString(), submitted(eventId, application, programme, "Institute of Physics"));
        awaitPoolSize(programme, 1);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .statusCode(200)
                .body("items[0].applicationId", equalTo(application.toString()))
                .body("items[0].role", equalTo("MENTEE"))
                .body("items[0].institute", equalTo("Institute of Physics"))
                .body("items[0].languages", equalTo(List.of("de", "en")));

        // the same event again, even with other content, changes nothing: its id was processed
        KafkaRecords.send(Topics.APPLICANTS, application.toString(), submitted(eventId, application, programme, "Changed Institute"));
        // a poison record goes to the dead-letter topic and does not stall the partition
        KafkaRecords.send(Topics.APPLICANTS, application.toString(), "this is not a CloudEvent");
        UUID second = UUID.randomUUID();
        KafkaRecords.send(Topics.APPLICANTS, application.toString(), submitted(UUID.randomUUID(), second, programme, "Institute of Economics"));

        awaitPoolSize(programme, 2);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .body("items.find { it.applicationId == '" + application + "' }.institute", equalTo("Institute of Physics"));
        KafkaRecords.await(Topics.deadLetter("matching-service", Topics.APPLICANTS),
                r -> r.value().equals("this is not a CloudEvent"), Duration.ofSeconds(30));
    }

    @Test
    void thePoolIsPagedAndForAdminsOnly() {
        UUID programme = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            UUID application = UUID.randomUUID();
            KafkaRecords.send(Topics.APPLICANTS, application.toString(), submitted(UUID.randomUUID(), application, programme, "Institute " + i));
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
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == size);
    }

    private static String submitted(UUID eventId, UUID application, UUID programme, String institute) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service",
                 "type":"mentoring.application.submitted.v1","subject":"%s","time":"%s",
                 "datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"MENTEE",
                         "displayName":"Eva","institute":"%s","languages":["de","en"],"topics":["ai-tools"],
                         "meetingFormats":["ONLINE"],"submittedAt":"%s"}}
                """.formatted(eventId, application, Instant.now(), application, programme, application, institute, Instant.now());
    }
}
