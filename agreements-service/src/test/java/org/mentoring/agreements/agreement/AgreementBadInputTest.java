package org.mentoring.agreements.agreement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Every bad input is a 4xx problem+json that changes nothing. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementBadInputTest {

    private static final String BASE = "/api/v1/agreements";
    private static final String PROBLEM = "application/problem+json";

    @Test
    void signaturesOnlyOnTheLatestProposedVersionOncePerPartyAndOnlyByThePair() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String mentee = pair.menteeToken();
        LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(7);

        // nothing proposed yet
        AgreementFixtures.sign(mentee, id, 1, 409);
        propose(mentee, id);
        // version 1 is replaced by version 2 after an edit
        given().auth().oauth2(mentee).header("If-Match", AgreementFixtures.etag(mentee, id)).contentType(ContentType.JSON)
                .body(AgreementFixtures.draft(List.of("ai-tools"), List.of(), start.toString(), start.plusMonths(3).toString(), 14))
                .put(BASE + "/{id}/draft", id).then().statusCode(200).body("latestVersion", equalTo(2));
        propose(mentee, id);
        // proposing again while version 2 is open
        given().auth().oauth2(mentee).header("If-Match", AgreementFixtures.etag(mentee, id))
                .post(BASE + "/{id}/proposals", id).then().statusCode(409).contentType(PROBLEM);

        String before = AgreementFixtures.etag(mentee, id);
        given().auth().oauth2(mentee).header("If-Match", before).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 1).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("latest proposed version is 2"));
        given().auth().oauth2(mentee).header("If-Match", before).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 7).then().statusCode(409).contentType(PROBLEM);
        // the rules of conduct must be acknowledged
        given().auth().oauth2(mentee).header("If-Match", before).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", false))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 2).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("rulesOfConductAcknowledged"));
        // a third person and an admin
        given().auth().oauth2(TestTokens.participant("stranger")).header("If-Match", before).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 2).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.admin("admin")).header("If-Match", before).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 2).then().statusCode(403).contentType(PROBLEM);
        assertThat(AgreementFixtures.etag(mentee, id)).isEqualTo(before);
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions/{n}", id, 2).then().body("signatures", hasSize(0));

        // signing twice
        AgreementFixtures.sign(mentee, id, 2, 201);
        String signed = AgreementFixtures.etag(mentee, id);
        given().auth().oauth2(mentee).header("If-Match", signed).contentType(ContentType.JSON)
                .body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/{n}/signatures", id, 2).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("already signed"));
        assertThat(AgreementFixtures.etag(mentee, id)).isEqualTo(signed);
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions/{n}", id, 2).then().body("signatures", hasSize(1));
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions", id).then().body("status", equalTo(List.of("VOIDED", "PROPOSED")));
    }

    @Test
    void anActiveAgreementChangesOnlyByAmendment() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        String mentee = pair.menteeToken();
        String etag = AgreementFixtures.etag(mentee, id);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(7);

        given().auth().oauth2(mentee).header("If-Match", etag).contentType(ContentType.JSON)
                .body(AgreementFixtures.draft(List.of("other"), List.of(), start.toString(), start.plusMonths(3).toString(), 14))
                .put(BASE + "/{id}/draft", id).then().statusCode(409).contentType(PROBLEM).body("detail", containsString("amendment"));
        given().auth().oauth2(mentee).header("If-Match", etag).post(BASE + "/{id}/proposals", id).then().statusCode(409);
        // bad amendments: empty, end before start, beyond 24 months, cadence zero, the mentor changing the topics
        String startDate = given().auth().oauth2(mentee).get(BASE + "/{id}", id).then().extract().path("inForce.startDate");
        LocalDate inForceStart = LocalDate.parse(startDate);
        amend(mentee, id, etag, Map.of()).statusCode(400).contentType(PROBLEM);
        amend(mentee, id, etag, Map.of("endDate", inForceStart.minusDays(1).toString())).statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        amend(mentee, id, etag, Map.of("endDate", inForceStart.plusMonths(24).plusDays(1).toString())).statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        amend(mentee, id, etag, Map.of("meetingCadenceDays", 0)).statusCode(400).body("errors[0].field", equalTo("meetingCadenceDays"));
        amend(pair.mentorToken(), id, etag, Map.of("agendaTopics", List.of("mentor's idea"))).statusCode(403)
                .body("errors[0].field", equalTo("agendaTopics"));
        amend(mentee, id, "\"999\"", Map.of("meetingCadenceDays", 7)).statusCode(412);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("meetingCadenceDays", 7))
                .post(BASE + "/{id}/amendments", id).then().statusCode(428).contentType(PROBLEM);

        assertThat(AgreementFixtures.etag(mentee, id)).isEqualTo(etag);
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions", id).then().body("number", equalTo(List.of(1)));
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then().body("status", equalTo("ACTIVE")).body("latestVersion", equalTo(1));
    }

    @Test
    void badDraftsAndPreconditionsChangeNothing() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("IN_PERSON");
        String id = AgreementFixtures.awaitDraft(pair);
        String mentee = pair.menteeToken();
        String mentor = pair.mentorToken();
        String etag = AgreementFixtures.etag(mentee, id);
        Object before = given().auth().oauth2(mentee).get(BASE + "/{id}", id).then().extract().path("latest");
        LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        String s = start.toString();

        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), s, start.minusDays(1).toString(), 14)).statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), s, s, 14)).statusCode(400)
                .body("errors[0].field", equalTo("endDate"));
        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), s, start.plusMonths(25).toString(), 14)).statusCode(400)
                .body("errors[0].field", equalTo("endDate")).body("detail", containsString("24 months"));
        // dates at the ends of the calendar: a 400 naming startDate, not an internal error or an agreement of year -999999999
        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), "+999999999-01-01", "+999999999-06-01", 14))
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("startDate"));
        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), "-999999999-01-01", "-999999999-06-01", 14))
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("startDate"));
        edit(mentee, id, etag, AgreementFixtures.draft(List.of("a"), List.of(), s, start.plusMonths(6).toString(), 0)).statusCode(400)
                .body("errors[0].field", equalTo("meetingCadenceDays"));
        Map<String, Object> threeInPerson = new java.util.HashMap<>(
                AgreementFixtures.draft(List.of("a"), List.of(), s, start.plusMonths(6).toString(), 14));
        threeInPerson.put("firstMeetingsInPerson", 3);
        edit(mentee, id, etag, threeInPerson).statusCode(400).body("errors[0].field", equalTo("firstMeetingsInPerson"));
        Map<String, Object> rules = new java.util.HashMap<>(
                AgreementFixtures.draft(List.of("a"), List.of(), s, start.plusMonths(6).toString(), 14));
        rules.put("rulesOfConduct", List.of("none"));
        edit(mentee, id, etag, rules).statusCode(400).body("errors[0].field", equalTo("rulesOfConduct"));
        // the mentor may not change what the mentee owns
        edit(mentor, id, etag, AgreementFixtures.draft(List.of("mentor's topic"), List.of(), s, start.plusMonths(6).toString(), 14))
                .statusCode(403).body("errors[0].field", equalTo("agendaTopics"));
        edit(mentor, id, etag, AgreementFixtures.draft(List.of("ai-tools", "social-media"), List.of("a goal"), s,
                start.plusMonths(6).toString(), 14)).statusCode(403).body("errors[0].field", equalTo("goals"));
        // preconditions
        Map<String, Object> good = AgreementFixtures.draft(List.of("a"), List.of(), s, start.plusMonths(6).toString(), 14);
        edit(mentee, id, "\"12345\"", good).statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(good).put(BASE + "/{id}/draft", id).then()
                .statusCode(428).contentType(PROBLEM);
        given().auth().oauth2(mentee).post(BASE + "/{id}/proposals", id).then().statusCode(428).contentType(PROBLEM);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("rulesOfConductAcknowledged", true))
                .post(BASE + "/{id}/versions/1/signatures", id).then().statusCode(428).contentType(PROBLEM);
        // others
        edit(TestTokens.participant("stranger"), id, etag, good).statusCode(404);
        edit(TestTokens.admin("admin"), id, etag, good).statusCode(403);
        // endings without what they need
        terminate(mentee, id, etag, Map.of("reasonCategory", "OTHER")).statusCode(400).body("errors[0].field", equalTo("closingConversation"));
        terminate(mentee, id, etag, Map.of("reasonCategory", "OTHER", "closingConversation", Map.of("held", true))).statusCode(400)
                .body("errors[0].field", equalTo("closingConversation.on"));
        terminate(mentee, id, etag, Map.of("reasonCategory", "BORED", "closingConversation", Map.of("held", false))).statusCode(400)
                .body("errors[0].field", equalTo("reasonCategory"));
        terminate(mentee, id, etag, Map.of("reasonCategory", "OTHER", "closingConversation",
                Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()))).statusCode(400);
        given().auth().oauth2(mentee).header("If-Match", etag).post(BASE + "/{id}/completion", id).then().statusCode(409);
        given().auth().oauth2(mentee).get(BASE + "/{id}/document", id).then().statusCode(409).contentType(PROBLEM);

        assertThat(AgreementFixtures.etag(mentee, id)).isEqualTo(etag);
        given().auth().oauth2(mentee).get(BASE + "/{id}", id).then().body("latest", equalTo(before)).body("status", equalTo("DRAFT"))
                .body("latestVersion", equalTo(1));
        given().auth().oauth2(mentee).get(BASE + "/{id}/versions", id).then().body("$", hasSize(0));

        // ended: nothing more
        terminate(mentee, id, etag, Map.of("reasonCategory", "NO_COMMON_GROUND", "closingConversation", Map.of("held", false)))
                .statusCode(200).body("ending.closingConversation.held", equalTo(false));
        String ended = AgreementFixtures.etag(mentee, id);
        terminate(mentor, id, ended, Map.of("reasonCategory", "OTHER", "closingConversation", Map.of("held", false))).statusCode(409);
        edit(mentee, id, ended, good).statusCode(409);
    }

    @Test
    void concurrentSignaturesWithOneETagNeverFailInternally() throws Exception {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        propose(pair.menteeToken(), id);
        String etag = AgreementFixtures.etag(pair.menteeToken(), id);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> answers = pool.invokeAll(List.of(pair.menteeToken(), pair.mentorToken()).stream()
                    .map(token -> (java.util.concurrent.Callable<Integer>) () -> given().auth().oauth2(token).header("If-Match", etag)
                            .contentType(ContentType.JSON).body(Map.of("rulesOfConductAcknowledged", true))
                            .post(BASE + "/{id}/versions/1/signatures", id).then().extract().statusCode())
                    .toList());
            List<Integer> codes = new java.util.ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get());
            }
            assertThat(codes).contains(201).allMatch(code -> code == 201 || code == 412);
            int signatures = given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}/versions/1", id).then()
                    .extract().path("signatures.size()");
            assertThat(signatures).isEqualTo((int) codes.stream().filter(code -> code == 201).count());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void propose(String token, String id) {
        given().auth().oauth2(token).header("If-Match", AgreementFixtures.etag(token, id))
                .post(BASE + "/{id}/proposals", id).then().statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse edit(String token, String id, String etag, Map<String, Object> body) {
        return given().auth().oauth2(token).header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .put(BASE + "/{id}/draft", id).then();
    }

    private static io.restassured.response.ValidatableResponse amend(String token, String id, String etag, Map<String, Object> body) {
        return given().auth().oauth2(token).header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .post(BASE + "/{id}/amendments", id).then();
    }

    private static io.restassured.response.ValidatableResponse terminate(String token, String id, String etag, Map<String, Object> body) {
        return given().auth().oauth2(token).header("If-Match", etag).contentType(ContentType.JSON).body(body)
                .post(BASE + "/{id}/termination", id).then();
    }
}
