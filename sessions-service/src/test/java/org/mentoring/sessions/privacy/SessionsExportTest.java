package org.mentoring.sessions.privacy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.newPair;

/**
 * A person's export from sessions-service, through the HTTP API: their meetings, their own private notes decrypted, and
 * feedback and surveys as the pair sees them; never the other person's private notes or unshared comments, nor another pair's.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class SessionsExportTest {

    private static final String PATH = "/api/v1/meetings/me/export";

    @Test
    void eachOfThePairExportsWhatTheyMayReadAndNothingMore() {
        String shared = "We try a no-meeting Friday " + UUID.randomUUID();
        String menteeSecret = "I worry about the reorganisation " + UUID.randomUUID();
        String mentorSecret = "I feel out of my depth " + UUID.randomUUID();
        String mentorFeedback = "Needs to prepare better " + UUID.randomUUID();
        String mentorExit = "Not for me " + UUID.randomUUID();
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String meeting = SessionsFixtures.heldMeeting(pair);
        note(pair.menteeToken(), meeting, "SHARED", shared);
        note(pair.menteeToken(), meeting, "PRIVATE", menteeSecret);
        note(pair.mentorToken(), meeting, "PRIVATE", mentorSecret);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 5, "comment", "Inspiring"))
                .post("/api/v1/meetings/{id}/feedback", meeting).then().statusCode(201);
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).body(Map.of("rating", 3, "comment", mentorFeedback))
                .post("/api/v1/meetings/{id}/feedback", meeting).then().statusCode(201);
        SessionsFixtures.agreement(pair, "mentoring.agreement.terminated.v1", "TERMINATED", 0, LocalDate.now().minusDays(30), 14,
                Instant.now());
        survey(pair.menteeToken(), pair, Map.of("kind", "EXIT", "rating", 4, "wouldRecommend", true, "endReason", "GOALS_MET",
                "comment", "Learnt a lot", "shareWithPair", true));
        survey(pair.mentorToken(), pair, Map.of("kind", "EXIT", "rating", 2, "wouldRecommend", false, "endReason", "NO_TIME",
                "comment", mentorExit));

        SessionsFixtures.Pair others = newPair();
        active(others, 0);
        String othersMeeting = SessionsFixtures.heldMeeting(others);
        note(others.menteeToken(), othersMeeting, "SHARED", "Another pair's note");

        String menteeExport = given().auth().oauth2(pair.menteeToken()).get(PATH).then()
                .statusCode(200).contentType("application/json")
                .body("subject", equalTo(pair.mentee()))
                .body("exportedAt", notNullValue())
                .body("meetings", hasSize(1))
                .body("meetings[0].id", equalTo(meeting))
                .body("meetings[0].status", equalTo("HELD"))
                // the shared note and the mentee's own private one, decrypted
                .body("notes.content", containsInAnyOrder(shared, menteeSecret))
                .body("notes.find { it.visibility == 'PRIVATE' }.authorId", equalTo(pair.mentee()))
                // both ratings; the mentor's comment was not shared
                .body("feedback.rating", containsInAnyOrder(5, 3))
                .body("feedback.find { it.authorRole == 'MENTOR' }.comment", equalTo(null))
                .body("surveys", hasSize(2))
                .body("surveys.comment", hasItem("Learnt a lot"))
                .extract().asString();
        assertThat(menteeExport).doesNotContain(mentorSecret).doesNotContain(mentorFeedback).doesNotContain(mentorExit)
                .doesNotContain(othersMeeting).doesNotContain("Another pair's note").doesNotContain(others.mentee());

        String mentorExport = given().auth().oauth2(pair.mentorToken()).get(PATH).then().statusCode(200)
                .body("notes.content", containsInAnyOrder(shared, mentorSecret))
                .body("feedback.find { it.authorRole == 'MENTOR' }.comment", equalTo(mentorFeedback))
                .body("surveys.comment", hasItem(mentorExit))
                .extract().asString();
        assertThat(mentorExport).doesNotContain(menteeSecret);
    }

    @Test
    void someoneWithoutMeetingsGetsAnEmptyExportAndAnonymousCallersNone() {
        given().auth().oauth2(TestTokens.participant("nobody-" + UUID.randomUUID())).get(PATH).then().statusCode(200)
                .body("meetings", hasSize(0)).body("notes", hasSize(0)).body("feedback", hasSize(0)).body("surveys", hasSize(0));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("hr-system", TestTokens.HR_INTEGRATION)).get(PATH).then().statusCode(403);
    }

    private static void note(String token, String meeting, String visibility, String content) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("visibility", visibility, "content", content))
                .post("/api/v1/meetings/{id}/notes", meeting).then().statusCode(201);
    }

    private static void survey(String token, SessionsFixtures.Pair pair, Map<String, Object> answers) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(answers)
                .post("/api/v1/meetings/agreements/{id}/surveys", pair.agreementId()).then().statusCode(201);
    }
}
