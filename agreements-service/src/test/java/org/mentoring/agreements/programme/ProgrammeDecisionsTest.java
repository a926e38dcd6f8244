package org.mentoring.agreements.programme;

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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * Decisions of applicants-service that end agreements: a programme cancelled or completed, a person who left the
 * organisation or withdrew. The system ends the agreements (endedBy SYSTEM) once, announces each ending once, and opens no
 * draft for a programme that has ended; people cannot choose the system's reasons.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeDecisionsTest {

    private static final String BASE = "/api/v1/agreements";
    private final String admin = TestTokens.admin(AgreementFixtures.ADMIN);

    @Test
    void aCancelledProgrammeEndsItsAgreementsOnceAndOpensNoLateDraft() {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.Pair drafting = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee A", "Mentor A");
        AgreementFixtures.Pair active = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee B", "Mentor B");
        AgreementFixtures.Pair endedBefore = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee C", "Mentor C");
        String draftId = AgreementFixtures.awaitDraft(drafting);
        String activeId = AgreementFixtures.awaitDraft(active);
        String endedId = AgreementFixtures.awaitDraft(endedBefore);
        AgreementFixtures.activate(active, activeId, 1);
        given().auth().oauth2(endedBefore.menteeToken()).header("If-Match", AgreementFixtures.etag(endedBefore.menteeToken(), endedId))
                .contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME", "closingConversation", Map.of("held", false)))
                .post(BASE + "/{id}/termination", endedId).then().statusCode(200);

        String cancelled = programmeEvent(EventTypes.PROGRAMME_CANCELLED, programme, "CANCELLED", 10);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), cancelled);
        awaitStatus(draftId, "TERMINATED");
        awaitStatus(activeId, "TERMINATED");
        for (String id : List.of(draftId, activeId)) {
            given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200)
                    .body("ending.endedBy", equalTo("SYSTEM"))
                    .body("ending.reasonCategory", equalTo("PROGRAMME_CANCELLED"))
                    .body("ending.adminReason", nullValue());
        }
        // the pair sees why; the agreement they ended themselves keeps its own ending
        given().auth().oauth2(active.mentorToken()).get(BASE + "/{id}", activeId).then().statusCode(200)
                .body("status", equalTo("TERMINATED")).body("ending.reasonCategory", equalTo("PROGRAMME_CANCELLED"));
        given().auth().oauth2(admin).get(BASE + "/{id}", endedId).then().statusCode(200)
                .body("ending.endedBy", equalTo("MENTEE")).body("ending.reasonCategory", equalTo("LACK_OF_TIME"));
        // the ended agreements no longer change
        given().auth().oauth2(drafting.menteeToken()).contentType(ContentType.JSON).body(Map.of("text", "still there?"))
                .post(BASE + "/{id}/comments", draftId).then().statusCode(409).contentType("application/problem+json");

        // the cancellation is delivered again, then an older snapshot of the programme; a marker on the same partition
        // tells when both have been processed
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(), cancelled);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(),
                programmeEvent(EventTypes.PROGRAMME_STARTED, programme, "IN_PROGRESS", 9));
        awaitMarker(programme.toString());

        assertThat(terminations(draftId)).hasSize(1);
        assertThat(terminations(activeId)).hasSize(1);
        assertThat(terminations(endedId)).hasSize(1);
        assertThat(terminations(activeId).get(0).value()).contains("\"endedBy\":\"SYSTEM\"", "\"reasonCategory\":\"PROGRAMME_CANCELLED\"");

        // a match confirmed before the cancellation arrives only now: no draft is opened for the ended programme
        UUID lateMatch = UUID.randomUUID();
        String lateMentee = "mentee-" + UUID.randomUUID();
        String partition = "late-" + UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.MATCHING, partition, matchEvent(lateMatch, programme, lateMentee));
        // a match of a live programme on the same partition, sent after it, is drafted: the late one has been processed
        UUID other = UUID.randomUUID();
        AgreementFixtures.team(other);
        String otherMentee = "mentee-" + UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.MATCHING, partition, matchEvent(UUID.randomUUID(), other, otherMentee));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(TestTokens.participant(otherMentee)).get(BASE).then().statusCode(200)
                        .extract().<List<Object>>path("items").size() == 1);
        given().auth().oauth2(TestTokens.participant(lateMentee)).get(BASE).then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(admin).queryParam("programmeId", programme).get(BASE).then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items.status", everyItem(equalTo("TERMINATED")));
    }

    @Test
    void aCompletedProgrammeCompletesActiveAgreementsAndEndsUnsignedOnes() {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.Pair drafting = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee A", "Mentor A");
        AgreementFixtures.Pair proposing = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee B", "Mentor B");
        AgreementFixtures.Pair active = AgreementFixtures.confirmedMatch(programme, "IN_PERSON", "Mentee C", "Mentor C");
        String draftId = AgreementFixtures.awaitDraft(drafting);
        String proposedId = AgreementFixtures.awaitDraft(proposing);
        String activeId = AgreementFixtures.awaitDraft(active);
        AgreementFixtures.activate(active, activeId, 1);
        given().auth().oauth2(proposing.menteeToken()).header("If-Match", AgreementFixtures.etag(proposing.menteeToken(), proposedId))
                .post(BASE + "/{id}/proposals", proposedId).then().statusCode(201);
        AgreementFixtures.sign(proposing.mentorToken(), proposedId, 1, 201);

        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(),
                programmeEvent(EventTypes.PROGRAMME_COMPLETED, programme, "COMPLETED", 10));
        awaitStatus(activeId, "COMPLETED");
        given().auth().oauth2(active.menteeToken()).get(BASE + "/{id}", activeId).then().statusCode(200)
                .body("ending.endedBy", equalTo("SYSTEM")).body("ending.reasonCategory", equalTo("PROGRAMME_COMPLETED"))
                .body("versionInForce", equalTo(1));
        for (String id : List.of(draftId, proposedId)) {
            given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200)
                    .body("status", equalTo("TERMINATED"))
                    .body("ending.endedBy", equalTo("SYSTEM"))
                    .body("ending.reasonCategory", equalTo("PROGRAMME_COMPLETED"));
        }
        // the half-signed proposal can no longer be signed
        AgreementFixtures.sign(proposing.menteeToken(), proposedId, 1, 409);

        ConsumerRecord<String, String> completed = KafkaRecords.await(Topics.AGREEMENTS,
                r -> activeId.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_COMPLETED), Duration.ofSeconds(30));
        assertThat(completed.value()).contains("\"status\":\"COMPLETED\"", "\"reasonCategory\":\"PROGRAMME_COMPLETED\"");
        KafkaRecords.await(Topics.AGREEMENTS, r -> draftId.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_TERMINATED),
                Duration.ofSeconds(30));
        KafkaRecords.await(Topics.AGREEMENTS, r -> proposedId.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_TERMINATED),
                Duration.ofSeconds(30));
        assertThat(terminations(activeId)).isEmpty();
    }

    @Test
    void aLeaversWithdrawalEndsOnlyTheirOwnAgreement() {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.Pair leaver = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee A", "Leaving Mentor");
        AgreementFixtures.Pair staying = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee B", "Mentor B");
        AgreementFixtures.Pair selfWithdrawn = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee C", "Mentor C");
        String leaverId = AgreementFixtures.awaitDraft(leaver);
        String stayingId = AgreementFixtures.awaitDraft(staying);
        String selfId = AgreementFixtures.awaitDraft(selfWithdrawn);
        AgreementFixtures.activate(leaver, leaverId, 1);
        AgreementFixtures.activate(staying, stayingId, 1);

        UUID mentorApplication = UUID.fromString(given().auth().oauth2(admin).get(BASE + "/{id}", leaverId).then().statusCode(200)
                .extract().path("mentor.applicationId"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, mentorApplication.toString(),
                withdrawnEvent(mentorApplication, programme, leaver.mentor(), "MENTOR", "LEFT_ORGANISATION"));
        awaitStatus(leaverId, "TERMINATED");
        given().auth().oauth2(leaver.menteeToken()).get(BASE + "/{id}", leaverId).then().statusCode(200)
                .body("ending.endedBy", equalTo("SYSTEM")).body("ending.reasonCategory", equalTo("LEFT_ORGANISATION"));
        given().auth().oauth2(admin).get(BASE + "/{id}", stayingId).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("ending", nullValue());
        given().auth().oauth2(admin).get(BASE + "/{id}", selfId).then().statusCode(200).body("status", equalTo("DRAFT"));

        // the mentee who withdrew themselves: their agreement ends for personal reasons, their own reason is not copied
        UUID menteeApplication = UUID.fromString(given().auth().oauth2(admin).get(BASE + "/{id}", selfId).then().statusCode(200)
                .extract().path("mentee.applicationId"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, menteeApplication.toString(),
                withdrawnEvent(menteeApplication, programme, selfWithdrawn.mentee(), "MENTEE", "Moving abroad next month"));
        awaitStatus(selfId, "TERMINATED");
        given().auth().oauth2(selfWithdrawn.mentorToken()).get(BASE + "/{id}", selfId).then().statusCode(200)
                .body("ending.endedBy", equalTo("SYSTEM")).body("ending.reasonCategory", equalTo("PERSONAL_REASONS"))
                .body("ending.adminReason", nullValue());
        assertThat(terminations(selfId)).singleElement().satisfies(r -> assertThat(r.value()).doesNotContain("Moving abroad"));
        given().auth().oauth2(admin).get(BASE + "/{id}", stayingId).then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertThat(terminations(stayingId)).isEmpty();
        assertThat(terminations(leaverId)).hasSize(1);
    }

    @Test
    void applicationsWithdrawnByTheCancellationEndTheirAgreementAsTheProgrammesEventDoes() {
        // applicants-service withdraws a cancelled programme's applications too; those events may come first
        UUID programme = UUID.randomUUID();
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Mentee A", "Mentor A");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        UUID menteeApplication = UUID.fromString(given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200)
                .extract().path("mentee.applicationId"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, menteeApplication.toString(),
                withdrawnEvent(menteeApplication, programme, pair.mentee(), "MENTEE", "PROGRAMME_CANCELLED"));
        awaitStatus(id, "TERMINATED");
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200)
                .body("ending.endedBy", equalTo("SYSTEM")).body("ending.reasonCategory", equalTo("PROGRAMME_CANCELLED"));

        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, programme.toString(),
                programmeEvent(EventTypes.PROGRAMME_CANCELLED, programme, "CANCELLED", 10));
        awaitMarker(programme.toString());
        assertThat(terminations(id)).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"reasonCategory\":\"PROGRAMME_CANCELLED\""));
    }

    @Test
    void peopleAndAdminsCannotChooseTheSystemsReasons() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String etag = AgreementFixtures.etag(pair.menteeToken(), id);

        given().auth().oauth2(pair.menteeToken()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "PROGRAMME_CANCELLED", "closingConversation", Map.of("held", false)))
                .post(BASE + "/{id}/termination", id).then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors[0].field", equalTo("reasonCategory"))
                .body("detail", org.hamcrest.Matchers.containsString("set by the system"))
                .body("detail", org.hamcrest.Matchers.containsString("PERSONAL_REASONS"));
        for (String reason : List.of("PROGRAMME_COMPLETED", "LEFT_ORGANISATION")) {
            given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                    .body(Map.of("reasonCategory", reason, "comment", "The programme ends"))
                    .post(BASE + "/{id}/termination", id).then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("reasonCategory"));
        }
        given().auth().oauth2(pair.mentorToken()).get(BASE + "/{id}", id).then().statusCode(200).header("ETag", etag)
                .body("status", equalTo("DRAFT"));
        // the categories people choose keep working
        given().auth().oauth2(pair.mentorToken()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LEAVING_ORGANISATION", "closingConversation", Map.of("held", false)))
                .post(BASE + "/{id}/termination", id).then().statusCode(200).body("status", equalTo("TERMINATED"))
                .body("ending.endedBy", equalTo("MENTOR")).body("ending.reasonCategory", equalTo("LEAVING_ORGANISATION"));

        // the read side documents every category, the system's included, and who may end an agreement
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.ReasonCategory.enum", hasItems("LACK_OF_TIME", "PROGRAMME_DECISION",
                        "PROGRAMME_CANCELLED", "PROGRAMME_COMPLETED", "LEFT_ORGANISATION"))
                .body("components.schemas.EndingView.properties.endedBy.$ref", equalTo("#/components/schemas/AgreementEndedBy"))
                .body("components.schemas.AgreementEndedBy.enum", hasItems("SCHEDULE", "SYSTEM"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                status.equals(given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200).extract().path("status")));
    }

    /** The terminated events of one agreement published so far. */
    private static List<ConsumerRecord<String, String>> terminations(String id) {
        return KafkaRecords.collect(Topics.AGREEMENTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_TERMINATED),
                Duration.ofSeconds(3));
    }

    /**
     * Sends, with {@code key} (so on the same partition as what was sent before with it), the withdrawal of a live agreement's
     * party in a programme of its own, and waits until that agreement has ended: everything sent before with the key has then
     * been processed too.
     */
    private void awaitMarker(String key) {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.Pair marker = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Marker Mentee", "Marker Mentor");
        String id = AgreementFixtures.awaitDraft(marker);
        UUID application = UUID.fromString(given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200)
                .extract().path("mentee.applicationId"));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, key, withdrawnEvent(application, programme, marker.mentee(), "MENTEE",
                "LEFT_ORGANISATION"));
        awaitStatus(id, "TERMINATED");
    }

    private static String programmeEvent(String type, UUID programme, String status, long revision) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"programmeId":"%s","name":"Cohort","status":"%s","applicationOpensAt":null,"applicationClosesAt":null,
                         "defaultAgreementMonths":6,"meetingCadenceDays":14,"topics":[{"code":"ai-tools","label":"AI"}],
                         "matching":{"weights":{"topicFit":0.5,"proximity":0.2,"availability":0.2,"diversity":0.1},
                                     "hierarchyExclusionLevels":2,"maxInPersonDistanceKm":50,"mentorCapacity":1,"minSeniorityGapYears":5},
                         "changedAt":"%s","revision":%d,"team":{"owners":["%s"],"coAdmins":[]}}}
                """.formatted(UUID.randomUUID(), type, programme, Instant.now(), programme, status, Instant.now(), revision,
                AgreementFixtures.ADMIN);
    }

    private static String withdrawnEvent(UUID application, UUID programme, String applicant, String role, String reason) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.application.withdrawn.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"%s","role":"%s","status":"WITHDRAWN",
                         "displayName":null,"institute":"Physics","reason":"%s","changedAt":"%s","revision":7}}
                """.formatted(UUID.randomUUID(), application, Instant.now(), application, programme, applicant, role, reason, Instant.now());
    }

    private static String matchEvent(UUID match, UUID programme, String mentee) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/matching-service","type":"mentoring.match.confirmed.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"matchId":"%s","programmeId":"%s","runId":null,"status":"CONFIRMED",
                         "mentee":{"applicationId":"%s","applicantId":"%s","displayName":"Late Mentee","institute":"Physics"},
                         "mentor":{"applicationId":"%s","applicantId":"mentor-%s","displayName":"Late Mentor","institute":"Data Science"},
                         "agendaTopics":["ai-tools"],"preferredFormat":"ONLINE",
                         "agreementDefaults":{"months":6,"meetingCadenceDays":14},"score":0.8,"reason":null,"changedAt":"%s"}}
                """.formatted(UUID.randomUUID(), match, Instant.now(), match, programme, UUID.randomUUID(), mentee, UUID.randomUUID(),
                UUID.randomUUID(), Instant.now());
    }
}
