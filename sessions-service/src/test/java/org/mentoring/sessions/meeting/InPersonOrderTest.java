package org.mentoring.sessions.meeting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.assertProblem;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.inPerson;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.reschedule;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/** "The first N meetings in person" follows the meetings as they are cancelled and moved. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class InPersonOrderTest {

    @Test
    void cancellingTheFirstInPersonMeetingMovesTheNextOneUpAndFlagsItWhenOnline() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 1);
        var first = schedule(pair.menteeToken(), inPerson(pair, inDays(2), 60));
        var second = schedule(pair.mentorToken(), online(pair, inDays(5), 60));
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(201);
        assertThat(second.<Boolean>path("inPersonRequired")).isFalse();
        assertThat(second.<List<?>>path("warnings")).isEmpty();
        String secondId = second.path("id");

        cancel(pair.menteeToken(), first, "ill");

        var flagged = get(pair.mentorToken(), secondId);
        assertThat(flagged.<Boolean>path("inPersonRequired")).isTrue();
        assertThat(flagged.<List<String>>path("warnings.code")).containsExactly("IN_PERSON_REQUIRED");
        assertThat(flagged.<String>path("status")).isEqualTo("SCHEDULED");

        // the next meeting must now be in person: an ONLINE one before it is refused, an IN_PERSON one accepted
        var onlineBefore = schedule(pair.menteeToken(), online(pair, inDays(3), 60));
        assertProblem(onlineBefore, 409);
        assertThat(onlineBefore.<List<String>>path("errors.field")).contains("format");
        var inPersonBefore = schedule(pair.menteeToken(), inPerson(pair, inDays(3), 60));
        assertThat(inPersonBefore.statusCode()).as(inPersonBefore.asString()).isEqualTo(201);
        assertThat(inPersonBefore.<Boolean>path("inPersonRequired")).isTrue();

        var cleared = get(pair.mentorToken(), secondId);
        assertThat(cleared.<Boolean>path("inPersonRequired")).isFalse();
        assertThat(cleared.<List<?>>path("warnings")).isEmpty();
    }

    @Test
    void aFlaggedMeetingCanOnlyBeRescheduledInPerson() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 1);
        var first = schedule(pair.menteeToken(), inPerson(pair, inDays(2), 60));
        var second = schedule(pair.mentorToken(), online(pair, inDays(5), 60));
        String secondId = second.path("id");
        cancel(pair.menteeToken(), first, "moved away");
        String etag = get(pair.mentorToken(), secondId).header("ETag");

        var stillOnline = reschedule(pair.mentorToken(), secondId, etag, online(pair, inDays(6), 60));
        assertProblem(stillOnline, 409);
        var nowInPerson = reschedule(pair.mentorToken(), secondId, etag, inPerson(pair, inDays(6), 60));
        assertThat(nowInPerson.statusCode()).as(nowInPerson.asString()).isEqualTo(200);
        assertThat(nowInPerson.<Boolean>path("inPersonRequired")).isTrue();
        assertThat(nowInPerson.<List<?>>path("warnings")).isEmpty();
    }

    @Test
    void aRescheduleThatChangesTheOrderKeepsTheFirstMeetingsInPerson() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 1);
        var first = schedule(pair.menteeToken(), inPerson(pair, inDays(2), 60));
        var second = schedule(pair.mentorToken(), online(pair, inDays(5), 60));
        String firstId = first.path("id");
        String secondId = second.path("id");

        // moving the in-person meeting after the online one would leave the online one first
        var later = reschedule(pair.menteeToken(), firstId, first.header("ETag"), inPerson(pair, inDays(8), 60));
        assertProblem(later, 409);
        assertThat(later.<List<String>>path("errors.field")).contains("startsAt");
        assertThat(later.<String>path("detail")).contains(secondId);
        assertThat(get(pair.menteeToken(), firstId).<String>path("startsAt")).isEqualTo(first.path("startsAt"));

        // moving the online one first, still online: refused; in person: the other one is no longer required in person
        var earlierOnline = reschedule(pair.mentorToken(), secondId, second.header("ETag"), online(pair, inDays(1), 60));
        assertProblem(earlierOnline, 409);
        assertThat(earlierOnline.<List<String>>path("errors.field")).contains("format");
        var earlierInPerson = reschedule(pair.mentorToken(), secondId, second.header("ETag"), inPerson(pair, inDays(1), 60));
        assertThat(earlierInPerson.statusCode()).as(earlierInPerson.asString()).isEqualTo(200);
        assertThat(earlierInPerson.<Boolean>path("inPersonRequired")).isTrue();
        var nowSecond = get(pair.menteeToken(), firstId);
        assertThat(nowSecond.<Boolean>path("inPersonRequired")).isFalse();

        // so it may now move later, and even go online
        var movedOnline = reschedule(pair.menteeToken(), firstId, nowSecond.header("ETag"), online(pair, inDays(9), 60));
        assertThat(movedOnline.statusCode()).as(movedOnline.asString()).isEqualTo(200);
        assertThat(movedOnline.<List<?>>path("warnings")).isEmpty();
    }

    private static ExtractableResponse<Response> get(String token, String id) {
        return given().auth().oauth2(token).get("/api/v1/meetings/{id}", id).then().statusCode(200).extract();
    }

    private static void cancel(String token, ExtractableResponse<Response> meeting, String reason) {
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", meeting.header("ETag"))
                .body(Map.of("reason", reason)).post("/api/v1/meetings/{id}/cancel", meeting.<String>path("id")).then().statusCode(200);
    }
}
