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

    @Test
    void anErasedPersonLeavesNoTraceInAnyServicesDatabase() throws Exception {
        String first = "Ersa" + letters(6);
        String last = "Gonewith" + letters(6);
        String menteeUsername = Keycloak.createParticipant("erasure-mentee", first, last);
        String mentorUsername = Keycloak.createParticipant("erasure-mentor", "Kept", "Mentor");
        Journeys.People people = Journeys.People.signIn(menteeUsername, mentorUsername);
        String mentee = people.mentee();
        String mentor = people.mentor();
        String admin = people.admin();
        String subject = Keycloak.claims(mentee).get("sub").asText();
        String email = Keycloak.claims(mentee).path("email").asText(menteeUsername + "@example.org");
        String motivation = "I want to understand what my team posts " + UUID.randomUUID();
        String comment = "Could we move the agenda to Tuesdays " + UUID.randomUUID();
        String goal = "Write my own weekly summary with AI " + UUID.randomUUID();
        String sharedNote = "What I tried with the summary tool " + UUID.randomUUID();
        String privateNote = "Honestly I still feel lost " + UUID.randomUUID();
        String feedback = "Patient and clear " + UUID.randomUUID();
        String survey = "I would do it again " + UUID.randomUUID();

        // the application, accepted, matched, confirmed
        String programmeId = Journeys.openProgramme(admin, "Erasure journey");
        Map<String, Object> application = new HashMap<>(Journeys.application("MENTEE", "Institute of Physics"));
        application.put("motivation", motivation);
        String menteeApplication = keyed(mentee).contentType(ContentType.JSON).body(application)
                .post("/api/v1/programmes/{id}/applications", programmeId).then().statusCode(201).extract().path("id");
        String mentorApplication = Journeys.apply(mentor, programmeId, "MENTOR", "Institute for Data Science");
        Journeys.accept(admin, menteeApplication);
        Journeys.accept(admin, mentorApplication);
        Journeys.awaitPool(admin, programmeId, menteeApplication, 2);
        Journeys.transition(admin, programmeId, "CLOSED");
        Journeys.publishMatching(admin, programmeId);
        Journeys.approveAndAccept(people, programmeId);

        // the agreement: a comment on the draft, the mentee's goals, signed by both
        String agreementId = Journeys.awaitDraft(mentee, programmeId);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("text", comment, "field", "agendaTopics"))
                .post("/api/v1/agreements/{id}/comments", agreementId).then().statusCode(201);
        Journeys.editDraft(mentee, agreementId, Journeys.draftWith(mentee, agreementId, List.of(goal), 0)).then().statusCode(200);
        Journeys.propose(mentee, agreementId, 1);
        Journeys.sign(mentee, agreementId, 1, Journeys.etag(mentee, agreementId)).then().statusCode(201);
        Journeys.sign(mentor, agreementId, 1, Journeys.etag(mentor, agreementId)).then().statusCode(201)
                .body("status", equalTo("ACTIVE"));

        // a meeting, held, with notes of both kinds and feedback
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", agreementId).then()
                        .statusCode(200).body("status", equalTo("ACTIVE")));
        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String meetingId = keyed(mentee).contentType(ContentType.JSON)
                .body(Map.of("agreementId", agreementId, "startsAt", soon.toString(), "durationMinutes", 30, "format", "ONLINE",
                        "videoLink", "https://meet.example.org/" + menteeUsername, "agendaTopics", List.of(Journeys.TOPIC)))
                .post("/api/v1/meetings").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(soon));
        String etag = given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200).extract().header("ETag");
        keyed(mentee).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("status", "HELD"))
                .post("/api/v1/meetings/{id}/outcome", meetingId).then().statusCode(200);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", sharedNote))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", privateNote))
                .post("/api/v1/meetings/{id}/notes", meetingId).then().statusCode(201);
        keyed(mentee).contentType(ContentType.JSON).body(Map.of("rating", 5, "comment", feedback, "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201);
        keyed(mentor).contentType(ContentType.JSON).body(Map.of("rating", 4, "comment", "Kept by the mentor"))
                .post("/api/v1/meetings/{id}/feedback", meetingId).then().statusCode(201);

        // the agreement ends; the exit survey
        keyed(mentee).header("If-Match", Journeys.etag(mentee, agreementId)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME",
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", agreementId).then().statusCode(200);
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                keyed(mentee).contentType(ContentType.JSON)
                        .body(Map.of("kind", "EXIT", "rating", 4, "wouldRecommend", true, "endReason", "NO_TIME", "comment", survey))
                        .post("/api/v1/meetings/agreements/{id}/surveys", agreementId).then().statusCode(201));

        // the programme's owner reads the mentee's application: recorded, and the mentee sees it in their export
        String adminSubject = Keycloak.claims(admin).get("sub").asText();
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", menteeApplication).then().statusCode(200);
        given().auth().oauth2(mentee).get("/api/v1/me/export").then().statusCode(200)
                .body("complete", equalTo(true))
                .body("accessLog.find { it.objectId == '" + menteeApplication + "' }.actor", equalTo(adminSubject))
                .body("accessLog.find { it.objectId == '" + menteeApplication + "' }.service", equalTo("applicants"));
        int logged = given().auth().oauth2(admin).queryParam("limit", 200)
                .get("/api/v1/programmes/{id}/access-log", programmeId).then().statusCode(200)
                .body("complete", equalTo(true))
                .body("items.subject", hasItem(subject))
                .extract().path("items.size()");

        // everything is somewhere before the erasure (the scan finds what it looks for)
        Map<String, String> traces = new LinkedHashMap<>();
        traces.put("subject", subject);
        traces.put("email", email);
        traces.put("username", menteeUsername);
        traces.put("first name", first);
        traces.put("last name", last);
        traces.put("motivation", motivation);
        traces.put("agreement comment", comment);
        traces.put("goal", goal);
        traces.put("shared note", sharedNote);
        traces.put("private note", privateNote);
        traces.put("feedback", feedback);
        traces.put("survey", survey);
        List<String> before = scan(traces);
        assertThat(before).as("traces before the erasure").isNotEmpty();
        System.out.println("Before the erasure the databases hold:\n  " + String.join("\n  ", before));

        keyed(mentee).post("/api/v1/me/erasure").then().statusCode(200);

        // every service's copy converges: no table, no column holds any of it
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
        // the access log keeps every entry, with the person replaced by a pseudonym
        given().auth().oauth2(admin).queryParam("limit", 200)
                .get("/api/v1/programmes/{id}/access-log", programmeId).then().statusCode(200)
                .body("items.size()", equalTo(logged))
                .body("items.subject", not(hasItem(subject)));
        // the other party's history still reads: the mentor's agreement and meeting are there
        given().auth().oauth2(mentor).get("/api/v1/agreements/{id}", agreementId).then().statusCode(200);
        given().auth().oauth2(mentor).get("/api/v1/meetings/{id}", meetingId).then().statusCode(200);
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
