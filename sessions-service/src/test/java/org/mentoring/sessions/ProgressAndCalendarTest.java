package org.mentoring.sessions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgressAndCalendarTest {

    @Test
    void progressShowsHeldMeetingsTopicsAndDaysSinceTheLastOne() {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(28), 14, Instant.now());
        SessionsFixtures.heldMeeting(pair);

        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200).body("meetingsHeld", equalTo(1)).body("meetingsExpected", equalTo(2))
                .body("cadenceAdherence", equalTo(0.5f)).body("topicsCovered", hasItem("leading-teams"))
                .body("topicsNotYetCovered", not(hasItem("leading-teams"))).body("daysSinceLastMeeting", equalTo(0));
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200);
        given().auth().oauth2(TestTokens.participant("stranger")).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theCadenceCheckRemindsLatePairsAndFlagsThoseBeyondOneAndAHalfCadencesAtRisk() {
        SessionsFixtures.Pair late = newPair();
        SessionsFixtures.agreement(late, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(17), 14, Instant.now());
        SessionsFixtures.Pair atRisk = newPair();
        SessionsFixtures.agreement(atRisk, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        SessionsFixtures.Pair onTrack = newPair();
        SessionsFixtures.agreement(onTrack, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        SessionsFixtures.heldMeeting(onTrack);

        given().auth().oauth2(TestTokens.participant(late.mentee())).post("/api/v1/meetings/cadence-check").then().statusCode(403);
        given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200); // nothing sent twice

        List<String> flagged = given().auth().oauth2(ADMIN).get("/api/v1/meetings/at-risk").then().statusCode(200)
                .extract().path("agreementId");
        assertThat(flagged).contains(atRisk.agreementId().toString())
                .doesNotContain(late.agreementId().toString(), onTrack.agreementId().toString());
        given().auth().oauth2(TestTokens.participant(atRisk.mentee())).get("/api/v1/meetings/at-risk").then().statusCode(403);

        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(late.agreementId().toString())
                && r.value().contains("mentoring.pair.reminded.v1"), Duration.ofSeconds(30));
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(atRisk.agreementId().toString())
                && r.value().contains("mentoring.pair.at-risk.v1"), Duration.ofSeconds(30));
        assertThat(KafkaRecords.collect(Topics.SESSIONS, r -> r.key().equals(atRisk.agreementId().toString())
                && r.value().contains("mentoring.pair.at-risk.v1"), Duration.ofSeconds(3))).hasSize(1);
        assertThat(KafkaRecords.collect(Topics.SESSIONS, r -> r.key().equals(onTrack.agreementId().toString())
                && r.value().contains("mentoring.pair."), Duration.ofSeconds(2))).isEmpty();

        // holding a meeting clears the flag
        SessionsFixtures.heldMeeting(atRisk);
        assertThat(given().auth().oauth2(ADMIN).get("/api/v1/meetings/at-risk").then().extract().<List<String>>path("agreementId"))
                .doesNotContain(atRisk.agreementId().toString());
    }

    @Test
    void aMeetingAsICalendarAndARevocableFeedWithoutJwt() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String id = schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id");

        String ics = given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}/ics", id).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("UID:" + id + "@sessions.mentoring\r\n")
                .contains("URL:https://meet.example.org/abc").endsWith("END:VCALENDAR\r\n");
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/{id}/ics", id).then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("stranger")).get("/api/v1/meetings/{id}/ics", id).then().statusCode(404);

        var link = given().auth().oauth2(pair.menteeToken()).post("/api/v1/meetings/feed-token").then().statusCode(201).extract();
        String token = link.path("token");
        assertThat(token).hasSize(43);
        assertThat(link.<String>path("url")).endsWith("/api/v1/meetings/feeds/" + token + ".ics");
        // Location is the feed, the url of the link; followed (on the test server) with the same token it answers
        assertThat(link.header("Location")).isEqualTo(link.<String>path("url"));
        given().auth().oauth2(pair.menteeToken()).get(java.net.URI.create(link.header("Location")).getRawPath()).then().statusCode(200)
                .contentType(startsWith("text/calendar")).body(org.hamcrest.Matchers.containsString("UID:" + id));

        given().get("/api/v1/meetings/feeds/{token}.ics", token).then().statusCode(200).contentType(startsWith("text/calendar"))
                .body(org.hamcrest.Matchers.containsString("UID:" + id));
        given().get("/api/v1/meetings/feeds/{token}.ics", "A".repeat(43)).then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(pair.menteeToken()).delete("/api/v1/meetings/feed-token").then().statusCode(204);
        given().get("/api/v1/meetings/feeds/{token}.ics", token).then().statusCode(404).contentType("application/problem+json");

        // a new link works and replaces the old one
        String second = given().auth().oauth2(pair.menteeToken()).post("/api/v1/meetings/feed-token").then().statusCode(201)
                .extract().path("token");
        given().get("/api/v1/meetings/feeds/{token}.ics", second).then().statusCode(200);
        String third = given().auth().oauth2(pair.menteeToken()).post("/api/v1/meetings/feed-token").then().statusCode(201)
                .extract().path("token");
        given().get("/api/v1/meetings/feeds/{token}.ics", second).then().statusCode(404);
        given().get("/api/v1/meetings/feeds/{token}.ics", third).then().statusCode(200);
    }
}
