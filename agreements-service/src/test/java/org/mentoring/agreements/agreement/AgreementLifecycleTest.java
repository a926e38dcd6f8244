package org.mentoring.agreements.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** From a confirmed match to an active, amended and terminated agreement, through the HTTP API, with the events on the broker. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/v1/agreements";

    @Test
    void aConfirmedMatchOpensOneDraftPrefilledFromTheMatch() throws Exception {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("IN_PERSON");
        String id = AgreementFixtures.awaitDraft(pair);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));

        given().auth().oauth2(pair.mentorToken()).get(BASE + "/{id}", id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("DRAFT"))
                .body("latestVersion", equalTo(1))
                .body("versionInForce", nullValue())
                .body("matchId", equalTo(pair.matchId().toString()))
                .body("mentee.applicantId", equalTo(pair.mentee()))
                .body("mentor.displayName", equalTo("Junior Dev"))
                .body("latest.agendaTopics", equalTo(List.of("ai-tools", "social-media")))
                .body("latest.goals", hasSize(0))
                .body("latest.startDate", equalTo(start.toString()))
                .body("latest.endDate", equalTo(start.plusMonths(6).toString()))
                .body("latest.meetingCadenceDays", equalTo(14))
                .body("latest.firstMeetingsInPerson", equalTo(1))
                .body("latest.preferredFormat", equalTo("IN_PERSON"))
                .body("latest.confidentiality.confidentialByDefault", equalTo(true))
                .body("latest.confidentiality.mayBeShared", hasSize(0))
                .body("latest.rulesOfConduct.size()", equalTo(6));

        ConsumerRecord<String, String> drafted = KafkaRecords.await(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_DRAFTED), Duration.ofSeconds(30));
        JsonNode data = JSON.readTree(drafted.value()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("DRAFT");
        assertThat(data.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(data.at("/mentee/applicantId").asText()).isEqualTo(pair.mentee());
        assertThat(data.has("goals")).isFalse();

        // the same event again, and a second event for the same match: nothing new
        org.mentoring.testsupport.KafkaRecords.sendCloudEvent(Topics.MATCHING, pair.matchId().toString(), pair.event());
        java.util.UUID secondId = java.util.UUID.randomUUID();
        org.mentoring.testsupport.KafkaRecords.sendCloudEvent(Topics.MATCHING, pair.matchId().toString(),
                pair.event().replaceFirst("\"id\":\"[0-9a-f-]+\"", "\"id\":\"" + secondId + "\""));
        // the second event is the later record of the match's key: once it is recorded, both have been handled
        AgreementFixtures.awaitProcessed(secondId);
        given().auth().oauth2(pair.menteeToken()).get(BASE).then().body("items", hasSize(1));
        assertThat(KafkaRecords.collect(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_DRAFTED), Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void thePairEditsProposesSignsAmendsAndEndsIt() throws Exception {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String mentee = pair.menteeToken();
        String mentor = pair.mentorToken();
        LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(10);

        // the mentee sets topics and goals; the mentor suggests by comment and edits logistics
        given().auth().oauth2(mentee).header("If-Match", AgreementFixtures.etag(mentee, id)).contentType(ContentType.JSON)
                .body(AgreementFixtures.draft(List.of("ai-tools"), List.of("Use AI tools in my group"), start.toString(),
                        start.plusMonths(6).toString(), 14))
                .put(BASE + "/{id}/draft", id).then().statusCode(200)
                .body("latest.goals", equalTo(List.of("Use AI tools in my group")))
                .body("latest.confidentiality.mayBeShared[0].withWhom", equalTo("The programme team"));
        var commented = given().auth().oauth2(mentor).contentType(ContentType.JSON)
                .body(Map.of("text", "Shall we add social media?", "field", "agendaTopics"))
                .post(BASE + "/{id}/comments", id).then().statusCode(201).body("authorParty", equalTo("MENTOR")).extract();
        // Location is the agreement, which lists the comment; the ETag is the agreement's, as on its read
        AgreementFixtures.follow(mentor, commented, BASE + "/" + id)
                .header("ETag", equalTo(commented.header("ETag")))
                .body("comments.text", org.hamcrest.Matchers.hasItem("Shall we add social media?"));
        given().auth().oauth2(mentor).header("If-Match", AgreementFixtures.etag(mentor, id)).contentType(ContentType.JSON)
                .body(AgreementFixtures.draft(List.of("ai-tools"), List.of("Use AI tools in my group"), start.toString(),
                        start.plusMonths(6).toString(), 21))
                .put(BASE + "/{id}/draft", id).then().statusCode(200).body("latest.meetingCadenceDays", equalTo(21));
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then()
                .body("comments[0].text", equalTo("Shall we add social media?"));

        // propose version 1; the mentee signs it; an edit then voids it and starts version 2
        String hash1 = proposeAndGetHash(mentee, id, 1);
        AgreementFixtures.sign(mentee, id, 1, 201);
        given().auth().oauth2(mentee).header("If-Match", AgreementFixtures.etag(mentee, id)).contentType(ContentType.JSON)
                .body(AgreementFixtures.draft(List.of("ai-tools", "podcasts"), List.of("Use AI tools in my group"), start.toString(),
                        start.plusMonths(6).toString(), 21))
                .put(BASE + "/{id}/draft", id).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("latestVersion", equalTo(2)).body("openProposal", nullValue());
        String hash2 = proposeAndGetHash(mentee, id, 2);
        assertThat(hash2).isNotEqualTo(hash1);
        AgreementFixtures.sign(mentor, id, 2, 201);
        AgreementFixtures.sign(mentee, id, 2, 201);
        given().auth().oauth2(mentor).get(BASE + "/{id}", id).then()
                .body("status", equalTo("ACTIVE")).body("versionInForce", equalTo(2))
                .body("inForce.agendaTopics", equalTo(List.of("ai-tools", "podcasts")));
        given().auth().oauth2(mentor).get(BASE + "/{id}/versions", id).then().statusCode(200)
                .body("number", equalTo(List.of(1, 2)))
                .body("status", equalTo(List.of("VOIDED", "IN_FORCE")))
                .body("[0].signatures[0].party", equalTo("MENTEE"))
                .body("[1].signatures.party", equalTo(List.of("MENTEE", "MENTOR")))
                .body("[1].signatures[0].contentHash", equalTo(hash2));

        ConsumerRecord<String, String> activated = KafkaRecords.await(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_ACTIVATED), Duration.ofSeconds(30));
        JsonNode data = JSON.readTree(activated.value()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(data.get("versionInForce").asInt()).isEqualTo(2);
        assertThat(data.get("meetingCadenceDays").asInt()).isEqualTo(21);

        // the document renders the version in force
        String doc = given().auth().oauth2(mentee).accept("text/markdown").get(BASE + "/{id}/document", id).then()
                .statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertThat(doc).contains("# Reverse mentoring agreement", "Version: 2", "podcasts", "every 21 days",
                "The programme team", hash2, "Prof. Senior");
        byte[] pdf = given().auth().oauth2(mentor).accept("application/pdf").get(BASE + "/{id}/document", id).then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        String pdfText = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(pdfText).startsWith("%PDF-1.4").contains("Reverse mentoring agreement", hash2).endsWith("%%EOF\n");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "agreement-sample.pdf"), pdf);
        given().auth().oauth2(mentee).accept("application/xml").get(BASE + "/{id}/document", id).then().statusCode(406)
                .contentType("application/problem+json");

        // an amendment (extend by two months, monthly meetings) is version 3; version 2 stays in force until both sign
        LocalDate newEnd = start.plusMonths(8);
        given().auth().oauth2(mentor).header("If-Match", AgreementFixtures.etag(mentor, id)).contentType(ContentType.JSON)
                .body(Map.of("endDate", newEnd.toString(), "meetingCadenceDays", 28))
                .post(BASE + "/{id}/amendments", id).then().statusCode(201)
                .header("Location", containsString("/versions/3"))
                .body("status", equalTo("ACTIVE")).body("versionInForce", equalTo(2)).body("openProposal", equalTo(3))
                .body("inForce.meetingCadenceDays", equalTo(21)).body("latest.meetingCadenceDays", equalTo(28));
        AgreementFixtures.sign(mentee, id, 3, 201);
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then().body("versionInForce", equalTo(2));
        AgreementFixtures.sign(mentor, id, 3, 201);
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then()
                .body("versionInForce", equalTo(3)).body("inForce.endDate", equalTo(newEnd.toString()));
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions", id).then()
                .body("status", equalTo(List.of("VOIDED", "SUPERSEDED", "IN_FORCE")));
        ConsumerRecord<String, String> amended = KafkaRecords.await(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_AMENDED), Duration.ofSeconds(30));
        assertThat(JSON.readTree(amended.value()).at("/data/endDate").asText()).isEqualTo(newEnd.toString());

        // the mentor ends it after a closing conversation; the private comment is theirs alone
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().auth().oauth2(mentor).header("If-Match", AgreementFixtures.etag(mentor, id)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME", "comment", "New project eats my time",
                        "closingConversation", Map.of("held", true, "on", today.toString())))
                .post(BASE + "/{id}/termination", id).then().statusCode(200)
                .body("status", equalTo("TERMINATED"))
                .body("ending.endedBy", equalTo("MENTOR"))
                .body("ending.privateComment", equalTo("New project eats my time"))
                .body("ending.closingConversation.held", equalTo(true))
                .body("ending.closingConversation.on", equalTo(today.toString()));
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then()
                .body("ending.reasonCategory", equalTo("LACK_OF_TIME")).body("ending.privateComment", nullValue());
        ConsumerRecord<String, String> terminated = KafkaRecords.await(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_TERMINATED), Duration.ofSeconds(30));
        JsonNode ending = JSON.readTree(terminated.value()).at("/data/ending");
        assertThat(ending.get("endedBy").asText()).isEqualTo("MENTOR");
        assertThat(ending.get("closingConversationHeld").asBoolean()).isTrue();
        assertThat(terminated.value()).doesNotContain("New project eats my time");
    }

    @Test
    void bothConfirmingCompletionCompletesIt() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        given().auth().oauth2(pair.menteeToken()).header("If-Match", AgreementFixtures.etag(pair.menteeToken(), id))
                .post(BASE + "/{id}/completion", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("mentee.completionConfirmedAt", notNullValue());
        given().auth().oauth2(pair.menteeToken()).header("If-Match", AgreementFixtures.etag(pair.menteeToken(), id))
                .post(BASE + "/{id}/completion", id).then().statusCode(409);
        given().auth().oauth2(pair.mentorToken()).header("If-Match", AgreementFixtures.etag(pair.mentorToken(), id))
                .post(BASE + "/{id}/completion", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("ending.endedBy", equalTo("BOTH"));
        KafkaRecords.await(Topics.AGREEMENTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_COMPLETED),
                Duration.ofSeconds(30));
    }

    @Test
    void adminsSeeAllAndEndForProgrammeReasonsOthersSeeNothing() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String admin = TestTokens.admin("admin");
        given().auth().oauth2(admin).queryParam("programmeId", pair.programmeId()).queryParam("status", "DRAFT").get(BASE)
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(admin).queryParam("programmeId", pair.programmeId()).queryParam("status", "ACTIVE").get(BASE)
                .then().body("items", hasSize(0));
        given().auth().oauth2(TestTokens.participant("stranger")).get(BASE + "/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.participant("stranger")).get(BASE).then().body("items", hasSize(0));
        given().auth().oauth2(TestTokens.token("hr", TestTokens.HR_INTEGRATION)).get(BASE + "/{id}", id).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("hr", TestTokens.HR_INTEGRATION)).queryParam("programmeId", pair.programmeId())
                .get(BASE + "/statistics").then().statusCode(200).body("byStatus.DRAFT", nullValue()).body("byStatus.ACTIVE", equalTo(0))
                .body("total", nullValue()).body("suppressed", equalTo(List.of("total", "byStatus.DRAFT")));

        String etag = AgreementFixtures.etag(admin, id);
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "PROGRAMME_DECISION"))
                .post(BASE + "/{id}/termination", id).then().statusCode(400).body("errors[0].field", equalTo("comment"));
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "PROGRAMME_DECISION", "comment", "The programme was cancelled"))
                .post(BASE + "/{id}/termination", id).then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("ending.endedBy", equalTo("ADMIN"))
                .body("ending.adminReason", equalTo("The programme was cancelled"));
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then()
                .body("ending.adminReason", equalTo("The programme was cancelled"));
    }

    private static String proposeAndGetHash(String token, String id, int n) {
        given().auth().oauth2(token).header("If-Match", AgreementFixtures.etag(token, id))
                .post(BASE + "/{id}/proposals", id).then().statusCode(201)
                .header("Location", containsString("/api/v1/agreements/" + id + "/versions/" + n))
                .body("status", equalTo("PROPOSED")).body("openProposal", equalTo(n));
        return given().auth().oauth2(token).get(BASE + "/{id}/versions/{n}", id, n).then().statusCode(200)
                .body("status", equalTo("PROPOSED")).body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .extract().path("contentHash");
    }
}
