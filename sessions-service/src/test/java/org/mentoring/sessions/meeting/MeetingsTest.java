package org.mentoring.sessions.meeting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.assertProblem;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.inPerson;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class MeetingsTest {

    @Test
    void aMemberOfAnActivePairSchedulesAndTheFirstMeetingsMustBeInPerson() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 1);

        var refused = schedule(pair.menteeToken(), online(pair, inDays(2), 60));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<List<String>>path("errors.field")).contains("format");

        var first = schedule(pair.menteeToken(), inPerson(pair, inDays(2), 60));
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(first.header("Location")).endsWith("/api/v1/meetings/" + first.path("id"));
        assertThat(first.header("ETag")).isNotBlank();
        assertThat(first.<Boolean>path("inPersonRequired")).isTrue();
        assertThat(first.<List<String>>path("agendaTopics")).containsExactly("leading-teams");

        var second = schedule(pair.mentorToken(), online(pair, inDays(5), 45));
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(201);
        assertThat(second.<Boolean>path("inPersonRequired")).isFalse();

        String id = first.path("id");
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(id) && r.value().contains("mentoring.meeting.scheduled.v1"),
                Duration.ofSeconds(30));

        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}", id).then().statusCode(200)
                .body("place", equalTo("Cafe am Markt")).header("ETag", notNullValue());
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/{id}", id).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.participant("someone-else")).get("/api/v1/meetings/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(pair.menteeToken()).queryParam("limit", 1).get("/api/v1/meetings").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue());
        given().auth().oauth2(pair.menteeToken()).queryParam("agreementId", pair.agreementId().toString())
                .get("/api/v1/meetings").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void badMeetingsAreRefusedAndNothingIsStored() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        SessionsFixtures.Pair draft = newPair();
        SessionsFixtures.agreement(draft, "mentoring.agreement.drafted.v1", "DRAFT", 0, LocalDate.now(), 14, Instant.now());

        // missing agreement, draft agreement, third person
        SessionsFixtures.Pair missing = newPair();
        assertProblem(schedule(missing.menteeToken(), online(missing, inDays(1), 60)), 404);
        assertProblem(schedule(draft.menteeToken(), online(draft, inDays(1), 60)), 409);
        assertProblem(schedule(TestTokens.participant("intruder"), online(pair, inDays(1), 60)), 404);
        // past, zero and absurd duration, bad link, missing place, topic not on the agenda, too many free topics
        assertProblem(schedule(pair.menteeToken(), online(pair, Instant.now().minusSeconds(3600), 60)), 400);
        assertProblem(schedule(pair.menteeToken(), online(pair, inDays(1), 0)), 400);
        assertProblem(schedule(pair.menteeToken(), online(pair, inDays(1), 100000)), 400);
        Map<String, Object> httpLink = new HashMap<>(online(pair, inDays(1), 60));
        httpLink.put("videoLink", "http://insecure.example.org/x");
        assertProblem(schedule(pair.menteeToken(), httpLink), 400);
        Map<String, Object> noPlace = new HashMap<>(inPerson(pair, inDays(1), 60));
        noPlace.remove("place");
        assertProblem(schedule(pair.menteeToken(), noPlace), 400);
        Map<String, Object> offAgenda = new HashMap<>(online(pair, inDays(1), 60));
        offAgenda.put("agendaTopics", List.of("astrology"));
        assertProblem(schedule(pair.menteeToken(), offAgenda), 400);
        Map<String, Object> tooMany = new HashMap<>(online(pair, inDays(1), 60));
        tooMany.put("freeTopics", List.of("a", "b", "c", "d", "e", "f"));
        assertProblem(schedule(pair.menteeToken(), tooMany), 400);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body("{\"agreementId\": 5}")
                .post("/api/v1/meetings").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings").then().statusCode(200).body("items", hasSize(0));

        // overlapping: the same pair, and another pair sharing one person
        assertThat(schedule(pair.menteeToken(), online(pair, inDays(3), 60)).statusCode()).isEqualTo(201);
        assertProblem(schedule(pair.mentorToken(), online(pair, inDays(3).plusSeconds(1800), 60)), 409);
        SessionsFixtures.Pair other = new SessionsFixtures.Pair(UUID.randomUUID(), pair.programmeId(), pair.mentee(), "mentor-x-" + UUID.randomUUID());
        active(other, 0);
        assertProblem(schedule(other.mentorToken(), online(other, inDays(3).minusSeconds(1800), 60)), 409);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void rescheduleCancelAndOutcomeNeedIfMatchAndTheRightState() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        var created = schedule(pair.menteeToken(), online(pair, inDays(4), 60));
        String id = created.path("id");
        String etag = created.header("ETag");
        Map<String, Object> moved = Map.of("startsAt", inDays(6).toString(), "durationMinutes", 90, "format", "ONLINE",
                "videoLink", "https://meet.example.org/new");

        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).body(moved)
                .post("/api/v1/meetings/{id}/reschedule", id).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).header("If-Match", "\"99\"").body(moved)
                .post("/api/v1/meetings/{id}/reschedule", id).then().statusCode(412);
        given().auth().oauth2(TestTokens.participant("intruder")).contentType(ContentType.JSON).header("If-Match", etag).body(moved)
                .post("/api/v1/meetings/{id}/reschedule", id).then().statusCode(404);
        String etag2 = given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).header("If-Match", etag).body(moved)
                .post("/api/v1/meetings/{id}/reschedule", id).then().statusCode(200)
                .body("durationMinutes", equalTo(90)).body("videoLink", equalTo("https://meet.example.org/new"))
                .extract().header("ETag");
        assertThat(etag2).isNotEqualTo(etag);

        // not started yet: cannot be held
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header("If-Match", etag2)
                .body(Map.of("status", "HELD")).post("/api/v1/meetings/{id}/outcome", id).then().statusCode(409);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header("If-Match", etag2)
                .body(Map.of("reason", "  ")).post("/api/v1/meetings/{id}/cancel", id).then().statusCode(400);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header("If-Match", etag2)
                .body(Map.of("reason", "ill")).post("/api/v1/meetings/{id}/cancel", id).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo(pair.mentee())).body("cancelReason", equalTo("ill"));
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("reason", "again")).post("/api/v1/meetings/{id}/cancel", id).then().statusCode(409);
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(id) && r.value().contains("mentoring.meeting.cancelled.v1"),
                Duration.ofSeconds(30));

        String held = SessionsFixtures.heldMeeting(pair);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", held).then().statusCode(200).body("status", equalTo("HELD"));
        KafkaRecords.await(Topics.SESSIONS, r -> r.key().equals(held) && r.value().contains("mentoring.meeting.held.v1"),
                Duration.ofSeconds(30));
    }

    @Test
    void aMeetingAskedForBeforeTheActivationArrivedWaitsForItOrSaysToRetry() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.agreement(pair, "mentoring.agreement.proposed.v1", "PROPOSED", 0, LocalDate.now(), 14,
                Instant.now().minusSeconds(60));

        // nobody activates it: after the wait, a distinct problem that says to send the same request again
        var late = schedule(pair.menteeToken(), online(pair, inDays(2), 60));
        assertProblem(late, 409);
        assertThat(late.<String>path("type")).endsWith("/not-yet-consistent");
        assertThat(late.header("Retry-After")).isEqualTo("1");
        assertThat(late.<String>path("detail")).contains("PROPOSED").contains("send the same request again");
        given().auth().oauth2(pair.menteeToken()).queryParam("agreementId", pair.agreementId().toString()).get("/api/v1/meetings")
                .then().statusCode(200).body("items", hasSize(0));

        // the second signature was given a moment ago: the request waits and the meeting is scheduled once the
        // activation arrives
        var pending = CompletableFuture.supplyAsync(() -> schedule(pair.mentorToken(), online(pair, inDays(3), 60)));
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(pending).as("still waiting for the activation").isNotDone();
        SessionsFixtures.send(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now(), 14, Instant.now());
        var scheduled = pending.get(30, TimeUnit.SECONDS);
        assertThat(scheduled.statusCode()).as(scheduled.asString()).isEqualTo(201);
        assertThat(scheduled.<String>path("status")).isEqualTo("SCHEDULED");

        // an ended agreement is not waited for: it will never become active
        SessionsFixtures.agreement(pair, "mentoring.agreement.terminated.v1", "TERMINATED", 0, LocalDate.now(), 14, Instant.now());
        var ended = schedule(pair.menteeToken(), online(pair, inDays(4), 60));
        assertProblem(ended, 409);
        assertThat(ended.<String>path("type")).endsWith("/agreement-not-active");
        assertThat(ended.header("Retry-After")).isNull();
    }

    @Test
    void whenAnAgreementEndsItsFutureMeetingsAreCancelledAndNoNewOnesCanBeScheduled() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String future = schedule(pair.menteeToken(), online(pair, inDays(10), 60)).path("id");
        // an older snapshot arriving late changes nothing
        SessionsFixtures.send(pair, "mentoring.agreement.proposed.v1", "PROPOSED", 0, LocalDate.now(), 14, Instant.now().minusSeconds(3600));
        SessionsFixtures.agreement(pair, "mentoring.agreement.terminated.v1", "TERMINATED", 0, LocalDate.now(), 14, Instant.now());

        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", future).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("agreement ended"));
        assertProblem(schedule(pair.menteeToken(), online(pair, inDays(11), 60)), 409);
        given().auth().oauth2(pair.menteeToken()).queryParam("agreementId", pair.agreementId().toString()).get("/api/v1/meetings")
                .then().body("items", hasSize(1)).body("items.status", hasItem("CANCELLED"));
    }

    @Test
    void concurrentOverlappingRequestsScheduleOnlyOne() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        Instant start = inDays(8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String token = i % 2 == 0 ? pair.menteeToken() : pair.mentorToken();
                Instant at = start.plusSeconds(60L * i);
                answers.add(pool.submit(() -> schedule(token, online(pair, at, 60)).statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings").then().body("items", hasSize(1));
    }

    @Test
    void concurrentWritesWithOneETagNeverFailInternally() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        var created = schedule(pair.menteeToken(), online(pair, inDays(9), 60));
        String id = created.path("id");
        String etag = created.header("ETag");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Callable<Integer>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String token = i % 2 == 0 ? pair.menteeToken() : pair.mentorToken();
                Map<String, Object> moved = Map.of("startsAt", inDays(12).plusSeconds(60L * i).toString(), "durationMinutes", 30,
                        "format", "ONLINE", "videoLink", "https://meet.example.org/" + i);
                String path = i % 3 == 0 ? "/api/v1/meetings/{id}/cancel" : "/api/v1/meetings/{id}/reschedule";
                Object body = i % 3 == 0 ? Map.of("reason", "clash " + i) : moved;
                writes.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                        .post(path, id).then().extract().statusCode());
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : pool.invokeAll(writes)) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        String after = given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", id).then().statusCode(200)
                .extract().header("ETag");
        assertThat(after).isNotEqualTo(etag);
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLetterTopicAndDoesNotStallTheConsumer() {
        String key = "poison-" + UUID.randomUUID();
        KafkaRecords.send(Topics.AGREEMENTS, key, "{not json");
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0); // processed after the poison record
        KafkaRecords.await("sessions-service.dlq.mentoring.agreements.v1", r -> key.equals(r.key()), Duration.ofSeconds(30));
    }
}
