package org.mentoring.matching;

import org.eclipse.microprofile.config.ConfigProvider;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Feeds matching-service the applicants' events it lives on, as applicants-service publishes them. */
public final class MatchingFixtures {

    /** Each snapshot a newer revision than the last, as applicants-service publishes them. */
    private static final java.util.concurrent.atomic.AtomicLong REVISION = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    private static final java.util.Set<UUID> TEAMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private MatchingFixtures() {
    }

    /** The subject of the admin whom the programmes of {@link #programme(UUID, String)} have as their owner. */
    public static final String ADMIN = "admin";

    /** A programme snapshot whose team is the single owner {@link #ADMIN}. */
    public static void programme(UUID programme, String status) {
        programme(programme, status, ADMIN);
    }

    /** A programme snapshot with the given owners as its team. */
    public static void programme(UUID programme, String status, String... owners) {
        programme(programme, status, null, List.of(owners), List.of());
    }

    /**
     * A programme snapshot whose team has the given owners, co-admins and admin access (OPEN, AUDITED or DISABLED; left
     * out of the event when null, which reads as OPEN).
     */
    public static void programme(UUID programme, String status, String adminAccess, List<String> owners, List<String> coAdmins) {
        programme(programme, status, adminAccess, owners, coAdmins, 1);
    }

    /** A programme snapshot whose team is the single owner {@link #ADMIN}, taking up to {@code mentorCapacity} mentees per mentor. */
    public static void programmeWithMentorCapacity(UUID programme, String status, int mentorCapacity) {
        programme(programme, status, null, List.of(ADMIN), List.of(), mentorCapacity);
    }

    private static void programme(UUID programme, String status, String adminAccess, List<String> owners, List<String> coAdmins,
                                  int mentorCapacity) {
        TEAMED.add(programme);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"%s","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":%d,"minSeniorityGapYears":5},
                         "changedAt":"%s","revision":%d,"team":{"owners":[%s],"coAdmins":[%s]%s}}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, status, mentorCapacity, Instant.now(), REVISION.incrementAndGet(),
                quoted(owners), quoted(coAdmins), adminAccess == null ? "" : ",\"adminAccess\":\"" + adminAccess + "\"");
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
    }

    /**
     * Gives the programme its team ({@link #ADMIN} as owner) once, unless a test has already sent the programme: a
     * snapshot of revision 0 from 1970, so that any snapshot a test sends is newer and wins. Admins act only on the
     * programmes whose team they are on.
     */
    public static void team(UUID programme) {
        if (!TEAMED.add(programme)) {
            return;
        }
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.created.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"OPEN","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"1970-01-01T00:00:00Z","revision":0,"team":{"owners":["%s"],"coAdmins":[]}}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, ADMIN);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
    }

    /** An accepted application; the applicant id is {@code user-<application id>}. */
    public static UUID accepted(UUID programme, String role, String institute, List<String> languages, int years, List<String> topics) {
        team(programme);
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

    /**
     * An application snapshot as applicants-service publishes it after a change: the given event type and status, the
     * person's directory id and manager chain (direct manager first), a reason (for a rejection or withdrawal), and a
     * revision newer than any snapshot sent before. Languages {@code en}, topic {@code ai-tools}, online meetings.
     */
    public static void application(UUID programme, UUID application, String type, String status, String role, String institute,
                                   int years, UUID directoryPersonId, List<UUID> managerChain, String reason) {
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(),
                applicationEvent(programme, application, type, status, role, institute, years, directoryPersonId, managerChain, reason));
    }

    /** The CloudEvent {@link #application} sends, to send it more than once. */
    public static String applicationEvent(UUID programme, UUID application, String type, String status, String role, String institute,
                                          int years, UUID directoryPersonId, List<UUID> managerChain, String reason) {
        team(programme);
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"%s","status":"%s",
                         "displayName":"P %s","institute":"%s","department":null,"directoryPersonId":%s,"managerChain":[%s],
                         "location":{"city":"Berlin","region":null,"country":"DE","latitude":52.52,"longitude":13.4},
                         "languages":["en"],"topics":["ai-tools"],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":%d,"diversity":null,"reason":%s,
                         "submittedAt":"%s","changedAt":"%s","revision":%d}}
                """.formatted(UUID.randomUUID(), type, application, Instant.now(), application, programme, application, role, status,
                application, institute, directoryPersonId == null ? "null" : "\"" + directoryPersonId + "\"",
                quoted(managerChain.stream().map(UUID::toString).toList()), years, reason == null ? "null" : "\"" + reason + "\"",
                Instant.now(), Instant.now(), REVISION.incrementAndGet());
    }

    public static void awaitPool(String adminToken, UUID programme, int size) {
        // until the programme's team has arrived too, the pool is 404: keep polling through that
        await().atMost(java.time.Duration.ofSeconds(40)).pollInterval(java.time.Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(AssertionError.class).until(() ->
                given().auth().oauth2(adminToken).queryParam("limit", 200).get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == size);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    /** A plain JDBC connection to the service's database, for a test that must hold a lock or change a row behind its back. */
    public static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
