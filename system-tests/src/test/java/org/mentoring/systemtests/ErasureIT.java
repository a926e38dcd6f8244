package org.mentoring.systemtests;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mentoring.systemtests.Journeys.step;

/**
 * A person who went the whole way (application, acceptance, match, a signed agreement with a comment and goals, a held
 * meeting with notes and feedback, the exit survey) asks for erasure. Once the erasure has travelled to every service,
 * no column of any table in any service's database holds their subject, email, username, name or anything they typed:
 * not the domain tables, not the stored answers of idempotent requests, not the outbox, not the access log (whose
 * entries stay, with a pseudonym in the person's place).
 */
class ErasureIT {

    private static final List<String> DATABASES = List.of("applicants", "matching", "agreements", "sessions", "notifications");

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    /** The person who will ask for erasure, the pair's people, and everything the person will type along the way. */
    private record Person(Journeys.People people, String username, String first, String last, String subject, String email,
                          String motivation, String comment, String goal, String sharedNote, String privateNote, String feedback,
                          String survey) {
        String mentee() {
            return people.mentee();
        }

        String mentor() {
            return people.mentor();
        }

        String admin() {
            return people.admin();
        }
    }

    /** The programme and the person's application in it. */
    private record Application(String programmeId, String applicationId) {
    }

    @Test
    void anErasedPersonLeavesNoTraceInAnyServicesDatabase() {
        Person person = step("a person of their own and a mentor sign in", () -> aPersonOfTheirOwnAndAMentorSignIn());
        Application application = step("the application is accepted, matched and confirmed",
                () -> theApplicationIsAcceptedMatchedAndConfirmed(person));
        String agreementId = step("the agreement gets a comment and goals and both sign it",
                () -> theAgreementGetsACommentAndGoalsAndBothSignIt(person, application));
        String meetingId = step("a meeting is held, with notes of both kinds and feedback",
                () -> aMeetingIsHeldWithNotesOfBothKindsAndFeedback(person, agreementId));
        step("the agreement ends and the person answers the exit survey", () -> theAgreementEndsAndThePersonAnswersTheExitSurvey(person, agreementId));
        int logged = step("the owner's reading of the application is logged", () -> theOwnersReadingOfTheApplicationIsLogged(person, application));
        Map<String, String> traces = step("every trace is somewhere before the erasure", () -> everyTraceIsSomewhereBeforeTheErasure(person));
        step("the person asks for erasure", () -> keyed(person.mentee()).post("/api/v1/me/erasure").then().statusCode(200));
        step("no table and no column of any service holds a trace any more", () -> noTableAndNoColumnHoldsATraceAnyMore(traces));
        step("the access log keeps every entry with a pseudonym", () -> theAccessLogKeepsEveryEntryWithAPseudonym(person, application, logged));
        step("the mentor's history still reads", () -> theMentorsHistoryStillReads(person, agreementId, meetingId));
    }

    private static Person aPersonOfTheirOwnAndAMentorSignIn() {
        String first = "Ersa" + letters(6);
        String last = "Gonewith" + letters(6);
        String menteeUsername = Keycloak.createParticipant("erasure-mentee", first, last);
        String mentorUsername = Keycloak.createParticipant("erasure-mentor", "Kept", "Mentor");
        Journeys.People people = Journeys.People.signIn(menteeUsername, mentorUsername);
        String mentee = people.mentee();
        return new Person(people, menteeUsername, first, last,
                Keycloak.claims(mentee).get("sub").asText(),
                Keycloak.claims(mentee).path("email").asText(menteeUsername + "@example.org"),
                "I want to understand what my team posts " + UUID.randomUUID(),
                "Could we move the agenda to Tuesdays " + UUID.randomUUID(),
                "Write my own weekly summary with AI " + UUID.randomUUID(),
                "What I tried with the summary tool " + UUID.randomUUID(),
                "Honestly I still feel lost " + UUID.randomUUID(),
                "Patient and clear " + UUID.randomUUID(),
                "I would do it again " + UUID.randomUUID());
    }

    /** The application, accepted, matched, confirmed. */
    private static Application theApplicationIsAcceptedMatchedAndConfirmed(Person person) {
        String admin = person.admin();
        String programmeId = Journeys.openProgramme(admin, "Erasure journey");
        Map<String, Object> application = new HashMap<>(Journeys.application("MENTEE", "Institute of Physics"));
        application.put("motivation", person.motivation());
        String menteeApplication = keyed(person.mentee()).contentType(ContentType.JSON).body(application)
                .post("/api/v1/programmes/{id}/applications", programmeId).then().statusCode(201).extract().path("id");
        String mentorApplication = Journeys.apply(person.mentor(), programmeId, "MENTOR", "Institute for Data Science");
        Journeys.accept(admin, menteeApplication);
        Journeys.accept(admin, mentorApplication);
        Journeys.awaitPool(admin, programmeId, menteeApplication, 2);
        Journeys.transition(admin, programmeId, "CLOSED");
        Journeys.publishMatching(admin, programmeId);
        Journeys.approveAndAccept(person.people(), programmeId);
        return new Application(programmeId, menteeApplication);
    }

    /** The agreement: a comment on the draft, the mentee's goals, signed by both. Returns its id. */
    private static String theAgreementGetsACommentAndGoalsAndBothSignIt(Person person, Application application) {
        String mentee = person.mentee();
        String mentor = person.mentor();
        String agreementId = Journeys.awaitDraft(mentee, application.programmeId());
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("text", person.comment(), "field", "agendaTopics"))
                .post("/api/v1/agreements/{id}/comments", agreementId).then().statusCode(201);
        Journeys.editDraft(mentee, agreementId, Journeys.draftWith(mentee, agreementId, List.of(person.goal()), 0)).then().statusCode(200);
        Journeys.propose(mentee, agreementId, 1);
        Journeys.sign(mentee, agreementId, 1, Journeys.etag(mentee, agreementId)).then().statusCode(201);
        Journeys.sign(mentor, agreementId, 1, Journeys.etag(mentor, agreementId)).then().statusCode(201)
                .body("status", equalTo("ACTIVE"));
        return agreementId;
    }

    /** A meeting, held, with notes of both kinds and feedback. Returns its id. */
    private static String aMeetingIsHeldWithNotesOfBothKindsAndFeedback(Person person, String agreementId) {
        String mentee = person.mentee();
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", agreementId).then()
                        .statusCode(200).body("status", equalTo("ACTIVE")));
        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String meetingId = keyed(mentee).contentType(ContentType.JSON)
                .body(Map.of("agreementId", agreementId, "startsAt", soon.toString(), "durationMinutes", 30, "format", "ONLINE",
                        "videoLink", "https://meet.example.org/" + person.username(), "agendaTopics", List.of(Journeys.TOPIC)))
                .post("/api/v1/meetings").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(soon));
        String etag = given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200).extract().header("ETag");
        keyed(mentee).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("status", "HELD"))
                .post("/api/v1/meetings/{id}/outcome", meetingId).then().statusCode(200);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", person.sharedNote()))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", person.privateNote()))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5, "comment", person.feedback(), "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201);
        keyed(person.mentor()).contentType(ContentType.JSON).body(Map.of("rating", 4, "comment", "Kept by the mentor"))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201);
        return meetingId;
    }

    /** The agreement ends; the exit survey. */
    private static void theAgreementEndsAndThePersonAnswersTheExitSurvey(Person person, String agreementId) {
        String mentee = person.mentee();
        keyed(mentee).header("If-Match", Journeys.etag(mentee, agreementId)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME",
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", agreementId).then().statusCode(200);
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                keyed(mentee).contentType(ContentType.JSON)
                        .body(Map.of("kind", "EXIT", "rating", 4, "wouldRecommend", true, "endReason", "NO_TIME", "comment", person.survey()))
                        .post("/api/v1/meetings/agreements/{id}/surveys", agreementId).then().statusCode(201));
    }

    /**
     * The programme's owner reads the mentee's application: recorded, and the mentee sees it in their export. Returns how many
     * entries the programme's access log holds.
     */
    private static int theOwnersReadingOfTheApplicationIsLogged(Person person, Application application) {
        String admin = person.admin();
        String menteeApplication = application.applicationId();
        String adminSubject = Keycloak.claims(admin).get("sub").asText();
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", menteeApplication).then().statusCode(200);
        given().auth().oauth2(person.mentee()).get("/api/v1/me/export").then().statusCode(200)
                .body("complete", equalTo(true))
                .body("accessLog.find { it.objectId == '" + menteeApplication + "' }.actor", equalTo(adminSubject))
                .body("accessLog.find { it.objectId == '" + menteeApplication + "' }.service", equalTo("applicants"));
        return given().auth().oauth2(admin).queryParam("limit", 200)
                .get("/api/v1/programmes/{id}/access-log", application.programmeId()).then().statusCode(200)
                .body("complete", equalTo(true))
                .body("items.subject", hasItem(person.subject()))
                .extract().path("items.size()");
    }

    /** Everything is somewhere before the erasure (the scan finds what it looks for). Returns the traces, by name. */
    private static Map<String, String> everyTraceIsSomewhereBeforeTheErasure(Person person) throws SQLException {
        Map<String, String> traces = new LinkedHashMap<>();
        traces.put("subject", person.subject());
        traces.put("email", person.email());
        traces.put("username", person.username());
        traces.put("first name", person.first());
        traces.put("last name", person.last());
        traces.put("motivation", person.motivation());
        traces.put("agreement comment", person.comment());
        traces.put("goal", person.goal());
        traces.put("shared note", person.sharedNote());
        traces.put("private note", person.privateNote());
        traces.put("feedback", person.feedback());
        traces.put("survey", person.survey());
        List<String> before = scan(traces);
        assertThat(before).as("traces before the erasure").isNotEmpty();
        System.out.println("Before the erasure the databases hold:\n  " + String.join("\n  ", before));
        return traces;
    }

    /** Every service's copy converges: no table, no column holds any of it. */
    private static void noTableAndNoColumnHoldsATraceAnyMore(Map<String, String> traces) {
        List<String> left = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                left.clear();
                left.addAll(scan(traces));
                return left.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("After the erasure the databases still hold:\n  " + String.join("\n  ", left), e);
        }
    }

    /** The access log keeps every entry, with the person replaced by a pseudonym. */
    private static void theAccessLogKeepsEveryEntryWithAPseudonym(Person person, Application application, int logged) {
        given().auth().oauth2(person.admin()).queryParam("limit", 200)
                .get("/api/v1/programmes/{id}/access-log", application.programmeId()).then().statusCode(200)
                .body("items.size()", equalTo(logged))
                .body("items.subject", not(hasItem(person.subject())));
    }

    /** The other party's history still reads: the mentor's agreement and meeting are there. */
    private static void theMentorsHistoryStillReads(Person person, String agreementId, String meetingId) {
        given().auth().oauth2(person.mentor()).get("/api/v1/agreements/{id}", agreementId).then().statusCode(200);
        given().auth().oauth2(person.mentor()).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200);
    }

    private static RequestSpecification keyed(String token) {
        return given().auth().oauth2(token).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** Every column of every table of every service's database, as text, searched for each trace: "db.table.column: what". */
    private static List<String> scan(Map<String, String> traces) throws SQLException {
        List<String> hits = new ArrayList<>();
        for (String database : DATABASES) {
            try (Connection connection = open(database)) {
                List<String[]> columns = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement(
                        "select c.table_schema, c.table_name, c.column_name from information_schema.columns c"
                                + " join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name"
                                + " where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')");
                     ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        columns.add(new String[]{result.getString(1), result.getString(2), result.getString(3)});
                    }
                }
                List<String> names = new ArrayList<>(traces.keySet());
                for (String[] c : columns) {
                    String value = "lower(\"" + c[2] + "\"::text)";
                    StringBuilder sql = new StringBuilder("select ");
                    for (int i = 0; i < names.size(); i++) {
                        sql.append(i == 0 ? "" : ", ").append("count(*) filter (where strpos(").append(value).append(", ?) > 0)");
                    }
                    sql.append(" from \"").append(c[0]).append("\".\"").append(c[1]).append('"');
                    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                        for (int i = 0; i < names.size(); i++) {
                            statement.setString(i + 1, traces.get(names.get(i)).toLowerCase(Locale.ROOT));
                        }
                        try (ResultSet result = statement.executeQuery()) {
                            result.next();
                            for (int i = 0; i < names.size(); i++) {
                                long n = result.getLong(i + 1);
                                if (n > 0) {
                                    hits.add(database + "." + c[1] + "." + c[2] + ": " + names.get(i) + " (" + n + " rows)");
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static Connection open(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("stack.db.port", 25432) + "/" + database,
                properties);
    }
}
