package org.mentoring.matching;

import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Feeds matching-service the applicants' events it lives on, as applicants-service publishes them. */
public final class MatchingFixtures {

    private MatchingFixtures() {
    }

    public static void programme(UUID programme, String status) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"%s","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, status, Instant.now());
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
    }

    /** An accepted application; the applicant id is {@code user-<application id>}. */
    public static UUID accepted(UUID programme, String role, String institute, List<String> languages, int years, List<String> topics) {
        UUID application = UUID.randomUUID();
        String json = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.application.accepted.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"%s","status":"ACCEPTED",
                         "displayName":"P %s","institute":"%s","department":null,"directoryPersonId":null,"managerChain":[],
                         "location":{"city":"Berlin","region":null,"country":"DE","latitude":52.52,"longitude":13.4},
                         "languages":[%s],"topics":[%s],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":%d,"diversity":null,"reason":null,
                         "submittedAt":"%s","changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), application, Instant.now(), application, programme, application, role, application,
                institute, quoted(languages), quoted(topics), years, Instant.now(), Instant.now());
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), json);
        return application;
    }

    public static void awaitPool(String adminToken, UUID programme, int size) {
        await().atMost(java.time.Duration.ofSeconds(40)).pollInterval(java.time.Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(adminToken).queryParam("limit", 200).get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == size);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }
}
