package org.mentoring.applicants;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Editing, idempotent submits, the admins' review, withdrawal and the person's privacy rights. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ReviewAndPrivacyTest {

    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void theOwnerEditsWithIfMatchUntilAcceptedAndOthersCannot() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Edit " + UUID.randomUUID()));
        String owner = TestTokens.participant("owner-" + UUID.randomUUID());
        ExtractableResponse<Response> created = submit(owner, programme, ApplicantsFixtures.application("MENTEE"), null);
        String id = created.path("id");
        String etag = created.header("ETag");

        Map<String, Object> edited = new HashMap<>(ApplicantsFixtures.application("MENTEE"));
        edited.put("topics", List.of("hybrid-work", "ai-tools"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(edited).put("/api/v1/applications/{id}", id).then()
                .statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", "\"99\"").body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(412);
        given().auth().oauth2(TestTokens.participant("intruder")).contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(404);
        String newEtag = given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", etag).body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(200)
                .body("topics", equalTo(List.of("hybrid-work", "ai-tools"))).extract().header("ETag");
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.APPLICATION_UPDATED),
                Duration.ofSeconds(30));

        // accepted: no more edits
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", newEtag).body(Map.of("decision", "ACCEPT"))
                .post("/api/v1/applications/{id}/decision", id).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        String acceptedEtag = given().auth().oauth2(owner).get("/api/v1/applications/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", acceptedEtag).body(edited)
                .put("/api/v1/applications/{id}", id).then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", acceptedEtag).body(Map.of("decision", "REJECT", "reason", "x"))
                .post("/api/v1/applications/{id}/decision", id).then().statusCode(409);
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.APPLICATION_ACCEPTED),
                Duration.ofSeconds(30));
    }

    @Test
    void aRetriedSubmitWithTheSameIdempotencyKeyIsAppliedOnce() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Idem " + UUID.randomUUID()));
        String sub = "idem-" + UUID.randomUUID();
        String token = TestTokens.participant(sub);
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = submit(token, programme, ApplicantsFixtures.application("MENTOR"), key);
        ExtractableResponse<Response> retry = given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(ApplicantsFixtures.application("MENTOR"))
                .post("/api/v1/programmes/{id}/applications", programme).then()
                .statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));

        Map<String, Object> other = new HashMap<>(ApplicantsFixtures.application("MENTOR"));
        other.put("motivation", "something else");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .post("/api/v1/programmes/{id}/applications", programme).then()
                .statusCode(422).contentType("application/problem+json");
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> r.value().contains(sub), Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void adminsReviewFilterInterviewAndDecide() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Review " + UUID.randomUUID()));
        String mentee = TestTokens.participant("mentee-" + UUID.randomUUID());
        String menteeApp = submit(mentee, programme, ApplicantsFixtures.application("MENTEE"), null).path("id");
        Map<String, Object> mentorForm = new HashMap<>(ApplicantsFixtures.application("MENTOR"));
        mentorForm.put("institute", "Institute of Economics");
        mentorForm.put("topics", List.of("hybrid-work"));
        String mentorApp = submit(TestTokens.participant("mentor-" + UUID.randomUUID()), programme, mentorForm, null).path("id");

        given().auth().oauth2(admin).queryParam("role", "MENTOR").get("/api/v1/programmes/{id}/applications", programme).then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(mentorApp));
        given().auth().oauth2(admin).queryParam("topic", "ai-tools").get("/api/v1/programmes/{id}/applications", programme).then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(menteeApp));
        given().auth().oauth2(admin).queryParam("institute", "institute of economics").get("/api/v1/programmes/{id}/applications", programme)
                .then().body("items", hasSize(1));
        given().auth().oauth2(admin).queryParam("limit", 1).get("/api/v1/programmes/{id}/applications", programme).then()
                .body("items", hasSize(1)).body("nextCursor", notNullValue());
        given().auth().oauth2(admin).queryParam("status", "NOPE").get("/api/v1/programmes/{id}/applications", programme).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("NOPE is not one of [")).body("detail", containsString("ACCEPTED"));
        given().auth().oauth2(admin).queryParam("limit", "ten").get("/api/v1/programmes/{id}/applications", programme).then()
                .statusCode(400).body("detail", containsString("\"ten\" is not a number"));
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", "not-a-uuid").then()
                .statusCode(400).body("detail", containsString("not-a-uuid is not a UUID"));
        given().auth().oauth2(mentee).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(403);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", "2020-01-01T10:00:00Z", "durationMinutes", 20))
                .post("/api/v1/applications/{id}/interview", menteeApp).then()
                .statusCode(400).body("errors[0].field", equalTo("scheduledAt"));
        String when = Instant.now().plusSeconds(86400).toString();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", when, "durationMinutes", 20, "videoLink", "https://meet.example.org/x",
                        "adminNotes", "ask about team size"))
                .post("/api/v1/applications/{id}/interview", menteeApp).then()
                .statusCode(200).body("status", equalTo("IN_REVIEW")).body("interview.adminNotes", equalTo("ask about team size"));
        // the applicant sees the interview, never the notes
        given().auth().oauth2(mentee).get("/api/v1/applications/{id}", menteeApp).then()
                .statusCode(200).body("interview.videoLink", equalTo("https://meet.example.org/x"))
                .body("interview.adminNotes", nullValue());
        // and is told when and where, through an event that never carries the notes
        List<ConsumerRecord<String, String>> asked = KafkaRecords.collect(Topics.APPLICANTS,
                r -> menteeApp.equals(r.key()) && r.value().contains(EventTypes.APPLICATION_INTERVIEW_REQUESTED), Duration.ofSeconds(10));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).value()).contains("\"scheduledAt\":\"" + when.substring(0, 19))
                .contains("https://meet.example.org/x").doesNotContain("team size");

        String etag = given().auth().oauth2(admin).get("/api/v1/applications/{id}", menteeApp).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("decision", "REJECT"))
                .post("/api/v1/applications/{id}/decision", menteeApp).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("decision", "REJECT", "reason", "The cohort is full"))
                .post("/api/v1/applications/{id}/decision", menteeApp).then()
                .statusCode(200).body("status", equalTo("REJECTED")).body("decisionReason", equalTo("The cohort is full"));
        given().auth().oauth2(admin).queryParam("status", "REJECTED").get("/api/v1/programmes/{id}/applications", programme).then()
                .body("items.id", equalTo(List.of(menteeApp)));
    }

    @Test
    void withdrawingOrWithdrawingConsentEndsTheApplication() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Withdraw " + UUID.randomUUID()));
        String token = TestTokens.participant("w-" + UUID.randomUUID());
        String first = submit(token, programme, ApplicantsFixtures.application("MENTOR"), null).path("id");
        given().auth().oauth2(TestTokens.participant("other")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/applications/{id}/withdraw", first).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "No time this year"))
                .post("/api/v1/applications/{id}/withdraw", first).then()
                .statusCode(200).body("status", equalTo("WITHDRAWN"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/applications/{id}/withdraw", first).then().statusCode(409);

        String second = submit(token, programme, ApplicantsFixtures.application("MENTOR"), null).path("id");
        given().auth().oauth2(token).delete("/api/v1/applications/{id}/consent", second).then()
                .statusCode(200).body("status", equalTo("WITHDRAWN")).body("privacyPolicyVersion", nullValue());
        KafkaRecords.await(Topics.APPLICANTS, r -> second.equals(r.key()) && r.value().contains(EventTypes.APPLICATION_WITHDRAWN),
                Duration.ofSeconds(30));
        given().auth().oauth2(token).get("/api/v1/me/applications").then()
                .statusCode(200).body("status", everyItem(equalTo("WITHDRAWN"))).body("", hasSize(2));
    }

    @Test
    void aPersonExportsAndErasesTheirData() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Privacy " + UUID.randomUUID()));
        String sub = "erase-" + UUID.randomUUID();
        String token = TestTokens.participant(sub);
        String app = submit(token, programme, ApplicantsFixtures.application("MENTEE"), null).path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("scheduledAt", Instant.now().plusSeconds(3600).toString(), "durationMinutes", 15, "adminNotes", "secret"))
                .post("/api/v1/applications/{id}/interview", app).then().statusCode(200);

        given().auth().oauth2(token).get("/api/v1/me/export").then()
                .statusCode(200).body("subject", equalTo(sub))
                .body("applications[0].motivation", containsString("learn"))
                .body("applications[0].interview.durationMinutes", equalTo(15))
                .body("applications[0].interview.adminNotes", nullValue());

        given().auth().oauth2(token).post("/api/v1/me/erasure").then()
                .statusCode(200).body("applicationsErased", equalTo(1));
        KafkaRecords.await(Topics.APPLICANTS, r -> sub.equals(r.key()) && r.value().contains(EventTypes.APPLICANT_ERASED)
                && r.value().contains(app), Duration.ofSeconds(30));

        // what is left is a pseudonymous statistic
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", app).then()
                .statusCode(200).body("applicantId", not(equalTo(sub))).body("applicantId", containsString("erased-"))
                .body("motivation", nullValue()).body("location", nullValue()).body("status", equalTo("WITHDRAWN"))
                .body("role", equalTo("MENTEE")).body("interview.adminNotes", nullValue());
        given().auth().oauth2(token).get("/api/v1/applications/{id}", app).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/me/export").then().statusCode(200).body("applications", hasSize(0));
        given().auth().oauth2(token).post("/api/v1/me/erasure").then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/people/{subject}/erasure", sub).then().statusCode(400).body("errors[0].field", equalTo("reason"));
    }

    @Test
    void programmesAreReplacedWhileEditableButTopicsInUseStay() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Replace " + UUID.randomUUID()));
        submit(TestTokens.participant("t-" + UUID.randomUUID()), programme, ApplicantsFixtures.application("MENTEE"), null);
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programme).then().extract().header("ETag");
        Map<String, Object> withoutAiTools = Map.of("name", "Renamed", "topics", List.of(Map.of("code", "social-media", "label", "Social media")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(withoutAiTools)
                .put("/api/v1/programmes/{id}", programme).then()
                .statusCode(409).body("detail", containsString("ai-tools"));
        Map<String, Object> renamed = new HashMap<>(ApplicantsFixtures.programme("Renamed"));
        renamed.put("defaultAgreementMonths", 9);
        renamed.put("matching", Map.of("weights", Map.of("topicFit", 0, "proximity", 0, "availability", 0, "diversity", 0)));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(renamed)
                .put("/api/v1/programmes/{id}", programme).then()
                .statusCode(400).body("errors[0].field", equalTo("matching.weights"));
        renamed.put("matching", Map.of("mentorCapacity", 2, "maxInPersonDistanceKm", 0));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(renamed)
                .put("/api/v1/programmes/{id}", programme).then()
                .statusCode(400).body("errors[0].field", equalTo("matching.maxInPersonDistanceKm"));
        renamed.put("matching", Map.of("mentorCapacity", 2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(renamed)
                .put("/api/v1/programmes/{id}", programme).then()
                .statusCode(200).body("name", equalTo("Renamed")).body("defaultAgreementMonths", equalTo(9))
                .body("matching.mentorCapacity", equalTo(2)).body("matching.minSeniorityGapYears", equalTo(5));
    }

    @Test
    void hrSeesAggregatesWithSmallGroupsSuppressedAndNeverAnApplication() {
        String programme = ApplicantsFixtures.openProgramme(admin, ApplicantsFixtures.programme("Stats " + UUID.randomUUID()));
        String anApplication = null;
        for (int i = 0; i < 6; i++) {
            Map<String, Object> form = new HashMap<>(ApplicantsFixtures.application(i < 5 ? "MENTEE" : "MENTOR"));
            form.put("institute", i < 5 ? "Institute of Physics" : "Institute of Economics");
            anApplication = submit(TestTokens.participant("s-" + UUID.randomUUID()), programme, form, null).path("id");
        }
        String hr = TestTokens.token("hr-client", TestTokens.HR_INTEGRATION);
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/statistics", programme).then()
                .statusCode(200)
                .body("applications", equalTo(6))
                // one mentor is too few to show, and 6 - 5 mentees would tell it: both hidden
                .body("byStatusAndRole.find { it.role == 'MENTOR' }.count", nullValue())
                .body("byStatusAndRole.find { it.role == 'MENTEE' }.count", nullValue())
                .body("suppressed", equalTo(List.of("byStatusAndRole.SUBMITTED.MENTOR", "byStatusAndRole.SUBMITTED.MENTEE")))
                // likewise the institute of one, and the institute of five with it
                .body("byInstitute", hasSize(0))
                .body("suppressedInstitutes", equalTo(2));
        given().auth().oauth2(hr).get("/api/v1/applications/{id}", anApplication).then().statusCode(403);
        given().auth().oauth2(hr).get("/api/v1/programmes/{id}/applications", programme).then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("p")).get("/api/v1/programmes/{id}/statistics", programme).then().statusCode(403);
    }

    private static ExtractableResponse<Response> submit(String token, String programme, Map<String, Object> form, String key) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(form);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
    }
}
