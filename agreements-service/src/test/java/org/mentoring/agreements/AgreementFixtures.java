package org.mentoring.agreements;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Feeds agreements-service confirmed matches as matching-service publishes them, and drives a pair through the API. */
public final class AgreementFixtures {

    private AgreementFixtures() {
    }

    /** A confirmed pair: ids, tokens and the event that announced it (to redeliver it). */
    public record Pair(UUID matchId, UUID programmeId, String mentee, String mentor, String menteeToken, String mentorToken, String event) {
    }

    public static Pair confirmedMatch(String preferredFormat) {
        return confirmedMatch(preferredFormat, "Prof. Senior", "Junior Dev");
    }

    /** A confirmed pair whose display names are as given (any text: they are JSON-quoted into the event). */
    public static Pair confirmedMatch(String preferredFormat, String menteeName, String mentorName) {
        return confirmedMatch(UUID.randomUUID(), preferredFormat, menteeName, mentorName);
    }

    /** The admin whom every programme of these fixtures has as its owner. */
    public static final String ADMIN = "admin";

    private static final java.util.Set<UUID> TEAMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Gives the programme its team ({@link #ADMIN} as owner), as applicants-service announces it, once, and waits until
     * agreements-service knows it: only a programme's team acts as its admins.
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
                         "changedAt":"%s","revision":0,"team":{"owners":["%s"],"coAdmins":[]}}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, Instant.now(), ADMIN);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> io.restassured.RestAssured.given().auth().oauth2(TestTokens.admin(ADMIN))
                        .queryParam("programmeId", programme).get("/api/v1/agreements").then().extract().statusCode() == 200);
    }

    /** Each programme snapshot of {@link #programme} a newer revision than the last. */
    private static final java.util.concurrent.atomic.AtomicLong REVISION = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    /**
     * Gives the programme the team of the given owners and co-admins with the given admin access (OPEN, AUDITED or
     * DISABLED), as applicants-service announces it, and waits until agreements-service knows it (its first owner no
     * longer gets 404 for the programme's agreements). Pairs of {@link #confirmedMatch(UUID, String, String, String)} then
     * belong to this team rather than to {@link #ADMIN}.
     */
    public static void programme(UUID programme, String adminAccess, List<String> owners, List<String> coAdmins) {
        TEAMED.add(programme);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.programme.updated.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"IN_PROGRESS","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"%s","revision":%d,"team":{"owners":[%s],"coAdmins":[%s],"adminAccess":"%s"}}}
                """.formatted(UUID.randomUUID(), programme, Instant.now(), programme, Instant.now(), REVISION.incrementAndGet(),
                quotedAll(owners), quotedAll(coAdmins), adminAccess);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), event);
        String owner = TestTokens.admin(owners.get(0));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(owner)
                .queryParam("programmeId", programme).get("/api/v1/agreements").then().extract().statusCode() != 404);
    }

    private static String quotedAll(List<String> texts) {
        return String.join(",", texts.stream().map(AgreementFixtures::quoted).toList());
    }

    /** A confirmed pair of the given programme, whose team is {@link #ADMIN} unless {@link #programme} gave it another. */
    public static Pair confirmedMatch(UUID programme, String preferredFormat, String menteeName, String mentorName) {
        team(programme);
        UUID match = UUID.randomUUID();
        String mentee = "mentee-" + UUID.randomUUID();
        String mentor = "mentor-" + UUID.randomUUID();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/matching-service","type":"mentoring.match.confirmed.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"matchId":"%s","programmeId":"%s","runId":null,"status":"CONFIRMED",
                         "mentee":{"applicationId":"%s","applicantId":"%s","displayName":%s,"institute":"Physics"},
                         "mentor":{"applicationId":"%s","applicantId":"%s","displayName":%s,"institute":"Data Science"},
                         "agendaTopics":["ai-tools","social-media"],"preferredFormat":"%s",
                         "agreementDefaults":{"months":6,"meetingCadenceDays":14},"score":0.8,"reason":null,"changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), match, Instant.now(), match, programme, UUID.randomUUID(), mentee, quoted(menteeName),
                UUID.randomUUID(), mentor, quoted(mentorName), preferredFormat, Instant.now());
        KafkaRecords.sendCloudEvent(Topics.MATCHING, match.toString(), event);
        return new Pair(match, programme, mentee, mentor, TestTokens.participant(mentee), TestTokens.participant(mentor), event);
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the draft of the pair's match and returns its id. */
    public static String awaitDraft(Pair pair) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(pair.menteeToken()).get("/api/v1/agreements")
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == 1);
        return given().auth().oauth2(pair.menteeToken()).get("/api/v1/agreements").then().extract().path("items[0].id");
    }

    public static String etag(String token, String id) {
        ExtractableResponse<Response> read = given().auth().oauth2(token).get("/api/v1/agreements/{id}", id).then().statusCode(200).extract();
        assertThat(read.<String>path("etag")).as("the etag property is the ETag header").isEqualTo(read.header("ETag")).isNotBlank();
        return read.header("ETag");
    }

    public static Map<String, Object> draft(List<String> topics, List<String> goals, String start, String end, int cadence) {
        return Map.of("agendaTopics", topics, "goals", goals, "startDate", start, "endDate", end, "meetingCadenceDays", cadence,
                "firstMeetingsInPerson", 2, "preferredFormat", "IN_PERSON",
                "mayBeShared", List.of(Map.of("what", "The topics we covered", "withWhom", "The programme team")));
    }

    /** Proposes the draft and has both sign it: the agreement is ACTIVE with version {@code n}. */
    public static void activate(Pair pair, String id, int n) {
        given().auth().oauth2(pair.menteeToken()).header("If-Match", etag(pair.menteeToken(), id))
                .post("/api/v1/agreements/{id}/proposals", id).then().statusCode(201);
        sign(pair.menteeToken(), id, n, 201);
        sign(pair.mentorToken(), id, n, 201);
    }

    /** Signs version {@code n}; a 201 names the signed version in Location, which the signer can read with the signature in it. */
    public static void sign(String token, String id, int n, int expected) {
        ExtractableResponse<Response> signed = given().auth().oauth2(token).header("If-Match", etag(token, id)).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post("/api/v1/agreements/{id}/versions/{n}/signatures", id, n).then().statusCode(expected).extract();
        if (expected == 201) {
            assertThat(signed.header("ETag")).isNotBlank();
            follow(token, signed, "/api/v1/agreements/" + id + "/versions/" + n)
                    .body("number", equalTo(n)).body("signatures.signer", hasItem(subjectOf(token)));
        }
    }

    /** The subject of a test JWT. */
    public static String subjectOf(String token) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(claims).get("sub").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts that a 201's Location is the absolute URL of {@code path} and reads it with the same token: 200. */
    public static ValidatableResponse follow(String token, ExtractableResponse<Response> created, String path) {
        String location = created.header("Location");
        assertThat(location).as("Location of a 201").isNotNull().matches("https?://[^/]+" + java.util.regex.Pattern.quote(path));
        return given().auth().oauth2(token).get(location).then().statusCode(200);
    }

    /**
     * Waits until the service's idempotent consumer has recorded event {@code eventId} as processed: its effect is
     * committed, and so is every earlier record of the same key, which the consumer applies one after the other.
     */
    public static void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
            try (var connection = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                    config.getValue("quarkus.datasource.username", String.class),
                    config.getValue("quarkus.datasource.password", String.class));
                 var query = connection.prepareStatement("select 1 from processed_event where event_id = ?")) {
                query.setObject(1, eventId);
                try (var rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }
}
