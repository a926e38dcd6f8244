package org.mentoring.sessions;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feeds sessions-service the agreement and programme events it lives on, as agreements-service and applicants-service
 * publish them, and common requests.
 */
public final class SessionsFixtures {

    /** The subject of {@link #ADMIN}, the owner of every programme the fixtures' agreements belong to. */
    public static final String ADMIN_ID = "admin-1";
    public static final String ADMIN = TestTokens.admin(ADMIN_ID);

    /** Each programme snapshot a newer revision than the last, as applicants-service publishes them. */
    private static final AtomicLong REVISION = new AtomicLong(System.currentTimeMillis());

    private static final Set<UUID> TEAMED = ConcurrentHashMap.newKeySet();

    private SessionsFixtures() {
    }

    /** A pair with fresh subjects and an agreement id. */
    public record Pair(UUID agreementId, UUID programmeId, String mentee, String mentor) {
        public String menteeToken() {
            return TestTokens.participant(mentee);
        }

        public String mentorToken() {
            return TestTokens.participant(mentor);
        }
    }

    public static Pair newPair() {
        return newPair(UUID.randomUUID());
    }

    public static Pair newPair(UUID programmeId) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new Pair(UUID.randomUUID(), programmeId, "mentee-" + suffix, "mentor-" + suffix);
    }

    /**
     * Gives the programme its team ({@link #ADMIN} as owner) once, unless a test has already sent the programme: a
     * snapshot of revision 0, so that any snapshot a test sends is newer and wins. Admins act only on the programmes
     * whose team they are on.
     */
    public static void team(UUID programme) {
        if (TEAMED.add(programme)) {
            sendProgramme(programme, 0, ADMIN_ID);
        }
    }

    /** A programme snapshot, newer than any sent before, whose team is the given owners. */
    public static void programme(UUID programme, String... owners) {
        programme(programme, List.of(owners), List.of(), null);
    }

    /**
     * A programme snapshot, newer than any sent before, whose team is these owners and co-admins with this admin access
     * (OPEN, AUDITED or DISABLED; left out of the event when null, as in events from before the setting).
     */
    public static void programme(UUID programme, List<String> owners, List<String> coAdmins, String adminAccess) {
        TEAMED.add(programme);
        sendProgramme(programme, REVISION.incrementAndGet(), owners, coAdmins, adminAccess);
    }

    private static void sendProgramme(UUID programme, long revision, String... owners) {
        sendProgramme(programme, revision, List.of(owners), List.of(), null);
    }

    private static void sendProgramme(UUID programme, long revision, List<String> owners, List<String> coAdmins, String adminAccess) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"IN_PROGRESS","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"%s","revision":%d,"team":{"owners":[%s],"coAdmins":[%s]%s}}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, Instant.now(), revision, quoted(owners),
                quoted(coAdmins), adminAccess == null ? "" : ",\"adminAccess\":\"" + adminAccess + '"');
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
    }

    private static String quoted(List<String> subjects) {
        return subjects.stream().map(o -> '"' + o + '"').collect(Collectors.joining(","));
    }

    /** Sends an agreement event and waits until the projection shows {@code status}. */
    public static void agreement(Pair pair, String type, String status, int firstInPerson, LocalDate start, int cadenceDays, Instant changedAt) {
        send(pair, type, status, firstInPerson, start, cadenceDays, changedAt);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                status.equals(given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                        .then().extract().path("status")));
    }

    public static void active(Pair pair, int firstInPerson) {
        agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", firstInPerson, LocalDate.now(), 14, Instant.now());
    }

    public static void send(Pair pair, String type, String status, int firstInPerson, LocalDate start, int cadenceDays, Instant changedAt) {
        send(pair, type, status, firstInPerson, start, cadenceDays, changedAt, UUID.randomUUID(), UUID.randomUUID());
    }

    /** An ACTIVE agreement whose people took part with these applications; waits until the projection has it. */
    public static void active(Pair pair, int firstInPerson, UUID menteeApplication, UUID mentorApplication) {
        send(pair, "mentoring.agreement.activated.v1", "ACTIVE", firstInPerson, LocalDate.now(), 14, Instant.now(), menteeApplication,
                mentorApplication);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                "ACTIVE".equals(given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                        .then().extract().path("status")));
    }

    /**
     * An application snapshot ({@code mentoring.application.updated.v1}) on the applicants topic, keyed by the application
     * as applicants-service publishes it. {@code availability}: the JSON of its weekly availability, or null.
     */
    public static void application(UUID applicationId, UUID programmeId, String applicant, String role, String displayName,
                                   long revision, String availability) {
        application(applicationId.toString(), applicationId, programmeId, applicant, role, displayName, revision, availability);
    }

    /** As {@link #application(UUID, UUID, String, String, String, long, String)}, under another record key (for ordering). */
    public static void application(String key, UUID applicationId, UUID programmeId, String applicant, String role, String displayName,
                                   long revision, String availability) {
        String json = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.application.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"%s","role":"%s","status":"ACCEPTED",
                         "displayName":"%s","institute":"Institute","department":"Department","directoryPersonId":null,
                         "managerChain":[],"location":null,"languages":["en"],"topics":["ai-tools"],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":3,"diversity":null,"reason":null,
                         "submittedAt":"%s","changedAt":"%s","revision":%d,"mentorCapacity":null,"availability":%s}}
                """.formatted(UUID.randomUUID(), applicationId, Instant.now(), applicationId, programmeId, applicant, role, displayName,
                Instant.now(), Instant.now(), revision, availability == null ? "null" : availability);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, key, json);
    }

    /** {@code mentoring.applicant.erased.v1} for the person and their applications, as applicants-service publishes it. */
    public static void erased(String applicant, List<UUID> applications) {
        String json = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicantId":"%s","applicationIds":[%s],"erasedAt":"%s"}}
                """.formatted(UUID.randomUUID(), applicant, Instant.now(), applicant,
                applications.stream().map(a -> '"' + a.toString() + '"').collect(Collectors.joining(",")), Instant.now());
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, applicant, json);
    }

    private static void send(Pair pair, String type, String status, int firstInPerson, LocalDate start, int cadenceDays, Instant changedAt,
                             UUID menteeApplication, UUID mentorApplication) {
        team(pair.programmeId());
        String ending = status.equals("COMPLETED") || status.equals("TERMINATED")
                ? """
                  {"endedBy":"MENTEE","reasonCategory":"OTHER","closingConversationHeld":true,"closingConversationOn":null,"endedAt":"%s"}"""
                .formatted(changedAt)
                : "null";
        String json = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/agreements-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"agreementId":"%s","matchId":"%s","programmeId":"%s","status":"%s","versionInForce":1,"latestVersion":1,
                         "mentee":{"applicationId":"%s","applicantId":"%s","displayName":"Mentee"},
                         "mentor":{"applicationId":"%s","applicantId":"%s","displayName":"Mentor"},
                         "agendaTopics":["leading-teams","digital-work","work-life"],"startDate":"%s","endDate":"%s",
                         "meetingCadenceDays":%d,"firstMeetingsInPerson":%d,"preferredFormat":"ONLINE","ending":%s,"changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), type, pair.agreementId(), Instant.now(), pair.agreementId(), UUID.randomUUID(),
                pair.programmeId(), status, menteeApplication, pair.mentee(), mentorApplication, pair.mentor(), start,
                start.plusMonths(6), cadenceDays, firstInPerson, ending, changedAt);
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, pair.agreementId().toString(), json);
    }

    public static Map<String, Object> inPerson(Pair pair, Instant start, int minutes) {
        return Map.of("agreementId", pair.agreementId(), "startsAt", start.toString(), "durationMinutes", minutes,
                "format", "IN_PERSON", "place", "Cafe am Markt", "agendaTopics", java.util.List.of("leading-teams"),
                "freeTopics", java.util.List.of("getting to know each other"));
    }

    public static Map<String, Object> online(Pair pair, Instant start, int minutes) {
        return Map.of("agreementId", pair.agreementId(), "startsAt", start.toString(), "durationMinutes", minutes,
                "format", "ONLINE", "videoLink", "https://meet.example.org/abc", "agendaTopics", java.util.List.of("digital-work"));
    }

    public static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    public static ExtractableResponse<Response> schedule(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/meetings").then().extract();
    }

    /** Reschedules a meeting to {@code plan} (its agreementId left out) with the If-Match given. */
    public static ExtractableResponse<Response> reschedule(String token, String id, String etag, Map<String, Object> plan) {
        Map<String, Object> body = new HashMap<>(plan);
        body.remove("agreementId");
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .post("/api/v1/meetings/{id}/reschedule", id).then().extract();
    }

    /** Asserts the answer's status and that it is a problem (application/problem+json). */
    public static void assertProblem(ExtractableResponse<Response> response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** Asserts that a 201's Location is the absolute URL of {@code path} and reads it with the same token: 200. */
    public static ValidatableResponse follow(String token, ExtractableResponse<Response> created, String path) {
        String location = created.header("Location");
        assertThat(location).as("Location of a 201").isNotNull().matches("https?://[^/]+" + Pattern.quote(path));
        return given().auth().oauth2(token).get(location).then().statusCode(200);
    }

    /** Schedules a meeting starting in a moment and marks it HELD once started. Returns its id. */
    public static String heldMeeting(Pair pair) {
        Instant start = Instant.now().plusSeconds(2);
        ExtractableResponse<Response> created = schedule(pair.menteeToken(), inPerson(pair, start, 30));
        if (created.statusCode() != 201) {
            throw new AssertionError("scheduling failed: " + created.asString());
        }
        String id = created.path("id");
        String etag = created.header("ETag");
        assertThat(created.<String>path("etag")).as("the etag property is the ETag header").isEqualTo(etag).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(start.plusMillis(200)));
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", "HELD")).post("/api/v1/meetings/{id}/outcome", id).then().statusCode(200);
        return id;
    }
}
