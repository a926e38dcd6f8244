package org.mentoring.sessions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ReportsAndErasureTest {

    private static final String HR = TestTokens.token("hr-system", TestTokens.HR_INTEGRATION);

    @Test
    void programmeReportShowsAggregatesAndSuppressesGroupsOfFewerThanFivePeople() {
        UUID programme = UUID.randomUUID();
        SessionsFixtures.Pair a = newPair(programme);
        SessionsFixtures.Pair b = newPair(programme);
        SessionsFixtures.Pair c = newPair(programme);
        for (SessionsFixtures.Pair p : List.of(a, b, c)) {
            SessionsFixtures.agreement(p, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(14), 14, Instant.now());
            String held = SessionsFixtures.heldMeeting(p);
            for (String token : List.of(p.menteeToken(), p.mentorToken())) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rating", 4, "comment", "secret comment"))
                        .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(201);
            }
        }
        SessionsFixtures.Pair d = newPair(programme);
        SessionsFixtures.agreement(d, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(14), 14, Instant.now());
        SessionsFixtures.agreement(d, "mentoring.agreement.completed.v1", "COMPLETED", 0, LocalDate.now().minusDays(14), 14, Instant.now());

        String report = given().auth().oauth2(HR).get("/api/v1/meetings/reports/programmes/{id}", programme).then().statusCode(200)
                // 4 pairs, 3 of them active and 3 meetings held: counts of 1 to 4 whoever stands behind them; zero is shown
                .body("pairs.value", nullValue()).body("pairs.suppressed", equalTo(true))
                .body("meetingsHeld.value", nullValue()).body("meetingsPerPair.value", nullValue())
                .body("outcomes.active.suppressed", equalTo(true)).body("outcomes.active.value", nullValue())
                .body("outcomes.completed.suppressed", equalTo(true)).body("outcomes.completed.value", nullValue())
                .body("outcomes.endedEarly.suppressed", equalTo(false)).body("outcomes.endedEarly.value", equalTo(0))
                .body("averageRating.value", equalTo(4.0f)).body("ratings.value", equalTo(6))
                .body("cadenceAdherence.value", equalTo(0.75f))
                .body("pairsByMeetingsHeld.'1-2'.value", nullValue()).body("pairsByMeetingsHeld.'0'.suppressed", equalTo(true))
                .body("suppressed", hasItems("pairs", "outcomes.active", "outcomes.completed", "meetingsHeld", "meetingsPerPair",
                        "pairsByMeetingsHeld.1-2"))
                .body("topicsCovered", hasSize(0)).body("topicsSuppressed", equalTo(1))
                .extract().asString();
        assertThat(report).doesNotContain("secret comment").doesNotContain(a.mentee()).doesNotContain(b.mentor());

        SessionsFixtures.Pair alone = newPair();
        active(alone, 0);
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/reports/programmes/{id}", alone.programmeId()).then().statusCode(200)
                .body("pairs.suppressed", equalTo(true)).body("pairs.value", nullValue())
                // no meeting held: zero is shown; the pair itself and an average of nobody are not
                .body("meetingsHeld.suppressed", equalTo(false)).body("meetingsHeld.value", equalTo(0))
                .body("outcomes.active.value", nullValue()).body("averageRating.suppressed", equalTo(true));
        given().auth().oauth2(a.menteeToken()).get("/api/v1/meetings/reports/programmes/{id}", programme).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anErasedPersonsNotesCommentsAndFeedsAreScrubbed() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String held = SessionsFixtures.heldMeeting(pair);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", "mine"))
                .post("/api/v1/meetings/{id}/notes", held).then().statusCode(201);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("rating", 5, "comment", "to be erased", "shareWithPair", true))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(201);
        String token = given().auth().oauth2(pair.menteeToken()).post("/api/v1/meetings/feed-token").then().statusCode(201)
                .extract().path("token");

        String erased = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicantId":"%s","applicationIds":["%s"],"erasedAt":"%s"}}
                """.formatted(UUID.randomUUID(), pair.mentee(), Instant.now(), pair.mentee(), UUID.randomUUID(), Instant.now());
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, pair.mentee(), erased);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().get("/api/v1/meetings/feeds/{token}.ics", token).then().extract().statusCode() == 404);
        String feedback = given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/feedback", held).then().statusCode(200)
                .extract().asString();
        assertThat(feedback).doesNotContain("to be erased").doesNotContain(pair.mentee());
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", held).then().statusCode(404);
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}", held).then().statusCode(200)
                .body("menteeId", org.hamcrest.Matchers.startsWith("erased-"))
                // random, not a digest of the subject that anyone knowing the subject could recompute
                .body("menteeId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(sha256(pair.mentee()).substring(0, 16))));
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
