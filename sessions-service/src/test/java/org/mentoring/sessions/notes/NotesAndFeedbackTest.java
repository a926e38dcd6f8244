package org.mentoring.sessions.notes;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class NotesAndFeedbackTest {

    private static final String HR = TestTokens.token("hr-system", TestTokens.HR_INTEGRATION);
    private static final String SECRET = "My private worry about the reorganisation " + UUID.randomUUID();

    @Test
    void sharedNotesForThePairPrivateNotesForTheAuthorOnlyAndEncryptedAtRest() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String id = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");

        var shared = given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "SHARED", "content", "We agreed to try a no-meeting Friday"))
                .post("/api/v1/meetings/{id}/notes", id).then().statusCode(201).extract();
        String sharedId = shared.path("id");
        var secret = given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "PRIVATE", "content", SECRET))
                .post("/api/v1/meetings/{id}/notes", id).then().statusCode(201).body("content", equalTo(SECRET)).extract();
        String noteId = secret.path("id");

        // each note's Location reads it back, under the rules of the list: shared for both, private for its author only
        SessionsFixtures.follow(pair.mentorToken(), shared, "/api/v1/meetings/" + id + "/notes/" + sharedId)
                .body("id", equalTo(sharedId)).body("visibility", equalTo("SHARED"))
                .body("content", equalTo("We agreed to try a no-meeting Friday"));
        given().auth().oauth2(pair.menteeToken()).get(shared.header("Location")).then().statusCode(200)
                .body("authorId", equalTo(pair.mentor())).body("content", equalTo("We agreed to try a no-meeting Friday"));
        SessionsFixtures.follow(pair.menteeToken(), secret, "/api/v1/meetings/" + id + "/notes/" + noteId)
                .body("id", equalTo(noteId)).body("visibility", equalTo("PRIVATE")).body("content", equalTo(SECRET));
        given().auth().oauth2(pair.mentorToken()).get(secret.header("Location")).then().statusCode(404)
                .contentType("application/problem+json").body(not(containsString("reorganisation")));
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/notes/{noteId}", id, UUID.randomUUID())
                .then().statusCode(404);
        String otherMeeting = schedule(pair.menteeToken(), online(pair, inDays(4), 60)).path("id");
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/notes/{noteId}", otherMeeting, sharedId)
                .then().statusCode(404);
        for (String note : List.of(sharedId, noteId)) {
            for (String token : List.of(ADMIN, HR)) {
                String answer = given().auth().oauth2(token).get("/api/v1/meetings/{id}/notes/{noteId}", id, note).then()
                        .statusCode(403).contentType("application/problem+json").extract().asString();
                assertThat(answer).doesNotContain(SECRET).doesNotContain("no-meeting Friday");
            }
            String answer = given().auth().oauth2(TestTokens.participant("stranger")).get("/api/v1/meetings/{id}/notes/{noteId}", id, note)
                    .then().statusCode(404).contentType("application/problem+json").extract().asString();
            assertThat(answer).doesNotContain(SECRET).doesNotContain("no-meeting Friday");
        }

        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes", id).then().statusCode(200)
                .body("items", hasSize(2)).body("items.content", org.hamcrest.Matchers.hasItem(SECRET));
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/notes", id).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].visibility", equalTo("SHARED"));

        // admins, hr-integration and strangers never get note content through any endpoint
        for (String token : List.of(ADMIN, HR, TestTokens.participant("stranger"))) {
            String notes = given().auth().oauth2(token).get("/api/v1/meetings/{id}/notes", id).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(403, 404)).contentType("application/problem+json").extract().asString();
            assertThat(notes).doesNotContain(SECRET).doesNotContain("no-meeting Friday");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("visibility", "SHARED", "content", "x"))
                    .post("/api/v1/meetings/{id}/notes", id).then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        }
        String adminView = given().auth().oauth2(ADMIN).get("/api/v1/meetings/{id}", id).then().statusCode(200).extract().asString();
        assertThat(adminView).doesNotContain(SECRET).doesNotContain("no-meeting Friday");
        given().auth().oauth2(HR).get("/api/v1/meetings/{id}", id).then().statusCode(403);

        // the private note is not readable in the database
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement query = db.prepareStatement("select content, cipher_text, key_id, (select string_agg(t::text, '') from"
                     + " meeting_note t where t.id = n.id) as whole_row from meeting_note n where id = ?")) {
            query.setObject(1, UUID.fromString(noteId));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("content")).isNull();
                assertThat(row.getString("key_id")).isEqualTo("test");
                byte[] cipherText = row.getBytes("cipher_text");
                assertThat(new String(cipherText, StandardCharsets.UTF_8)).doesNotContain("reorganisation");
                assertThat(cipherText.length).isGreaterThan(SECRET.length());
                assertThat(row.getString("whole_row")).doesNotContain("reorganisation");
            }
        }
    }

    @Test
    void notesOverTheLimitAndBadNotesAreRefused() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String id = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "PRIVATE", "content", "x".repeat(20_001)))
                .post("/api/v1/meetings/{id}/notes", id).then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "SECRET", "content", "x"))
                .post("/api/v1/meetings/{id}/notes", id).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "SHARED", "content", "  "))
                .post("/api/v1/meetings/{id}/notes", id).then().statusCode(400);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "SHARED", "content", "x"))
                .post("/api/v1/meetings/{id}/notes", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes", id).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void notesComeAPageAtATimeOldestFirstUnderTheSameVisibilityRules() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String id = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");
        List<String> menteeSees = new java.util.ArrayList<>();
        List<String> mentorSees = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            boolean privateNote = i % 2 == 1;
            String content = (privateNote ? "mentee's own " : "shared ") + i;
            given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                    .body(Map.of("visibility", privateNote ? "PRIVATE" : "SHARED", "content", content))
                    .post("/api/v1/meetings/{id}/notes", id).then().statusCode(201);
            menteeSees.add(content);
            if (!privateNote) {
                mentorSees.add(content);
            }
        }
        assertThat(readAll(pair.menteeToken(), id, 2)).containsExactlyElementsOf(menteeSees);
        assertThat(readAll(pair.mentorToken(), id, 2)).containsExactlyElementsOf(mentorSees);
        given().auth().oauth2(pair.menteeToken()).queryParam("limit", 10).get("/api/v1/meetings/{id}/notes", id).then().statusCode(200)
                .body("items", hasSize(5)).body("nextCursor", org.hamcrest.Matchers.nullValue());

        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(Map.entry("limit", 0), Map.entry("limit", 201),
                Map.entry("cursor", "not-a-cursor"))) {
            given().auth().oauth2(pair.menteeToken()).queryParam(bad.getKey(), bad.getValue()).get("/api/v1/meetings/{id}/notes", id)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    /** Every page of a meeting's notes, {@code limit} at a time, following nextCursor; the contents in order. */
    private static List<String> readAll(String token, String meeting, int limit) {
        List<String> contents = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/meetings/{id}/notes", meeting).then().statusCode(200).extract();
            List<String> items = page.path("items.content");
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            contents.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return contents;
    }

    @Test
    void feedbackOnceEachAfterAHeldMeetingCommentsPrivateUnlessShared() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String upcoming = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 5))
                .post("/api/v1/meetings/{id}/feedback", upcoming).then().statusCode(409).contentType("application/problem+json");

        String held = SessionsFixtures.heldMeeting(pair);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 0))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(400);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 6))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(400);
        given().auth().oauth2(TestTokens.participant("stranger")).contentType(ContentType.JSON).body(Map.of("rating", 3))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(404);
        var feedbackGiven = given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("rating", 4, "comment", "mentee-only thought"))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(201).body("authorRole", equalTo("MENTEE")).extract();
        SessionsFixtures.follow(pair.menteeToken(), feedbackGiven, "/api/v1/meetings/" + held + "/feedback")
                .body(containsString("mentee-only thought"));
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 2))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(409);
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON)
                .body(Map.of("rating", 5, "comment", "great talk, thanks", "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(201);

        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/feedback", held).then().statusCode(200)
                .body("$", hasSize(2)).body(not(containsString("mentee-only thought")));
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/feedback", held).then().statusCode(200)
                .body(containsString("mentee-only thought")).body(containsString("great talk"));
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/{id}/feedback", held).then().statusCode(403);
        given().auth().oauth2(HR).get("/api/v1/meetings/{id}/feedback", held).then().statusCode(403);

        var event = KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(held)
                && r.value().contains("mentoring.meeting.feedback-submitted.v1"), Duration.ofSeconds(30));
        assertThat(event.value()).doesNotContain("mentee-only thought").doesNotContain("great talk");
    }
}
