package org.mentoring.systemtests;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.mentoring.systemtests.Journeys.step;

/**
 * A programme's whole life through the gateway, with what one service decides reaching the others over Kafka:
 * <ol>
 *     <li>a programme goes DRAFT -> OPEN; two mentees and two mentors apply and are accepted; the admin closes it and starts
 *     the matching run at once (matching may not have heard of the closing yet: the run waits for it instead of failing);</li>
 *     <li>both pairs confirm and sign; the HR system deactivates one mentee (a leaver): her application is withdrawn, her
 *     agreement terminated and its meeting to come cancelled, her mentor free again;</li>
 *     <li>the other pair ends early; the admin keeps those two apart and re-matches only the people without a partner;</li>
 *     <li>the new pair signs; the programme completes: its agreement completes, the applications of matched people complete,
 *     those never matched are withdrawn, and sessions-service knows;</li>
 *     <li>a second programme is cancelled with a pair working: their agreement is terminated, their meeting cancelled and
 *     their applications withdrawn, and no run can start any more.</li>
 * </ol>
 * The leaver is provisioned over SCIM (so her application is tied to the directory) and restored at the end, so the other
 * system tests find the directory as they left it.
 */
class ProgrammeLifeIT {

    private static final String LEAVER = "elena.head";
    private static final String MENTEE = Journeys.MENTEE;
    private static final String MENTOR_A = Journeys.MENTOR;
    private static final String MENTOR_B = Journeys.STRANGER;
    private static final String SCIM = Journeys.SCIM;

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    @AfterAll
    static void restoreTheLeaver() {
        provisionLeaver(Keycloak.hrIntegrationToken());
    }

    /** The tokens of HR, the admin and the four people, by username. */
    private record Cast(String hr, String admin, Map<String, String> tokens) {
        String token(String username) {
            return tokens.get(username);
        }
    }

    /** The closed programme and each person's application in it, by username. */
    private record Programme(String id, Map<String, String> applications) {
        String applicationOf(String username) {
            return applications.get(username);
        }
    }

    /** The two first pairs, signed: each person's partner, both agreements and the leaver's meeting still to come. */
    private record Pairs(Map<String, String> partnerOf, String leaversAgreement, String menteesAgreement, String meetingToCome) {
        String leaversMentor() {
            return partnerOf.get(LEAVER);
        }

        /** The mentor the mentee parts from early. */
        String formerMentor() {
            return partnerOf.get(MENTEE);
        }
    }

    @Test
    void aProgrammeFromDraftToCompletedWithALeaverAnEarlyEndAndARematchAndACancelledOne() {
        Cast cast = step("the leaver is provisioned and everyone signs in", () -> theLeaverIsProvisionedAndEveryoneSignsIn());
        Programme programme = step("a programme opens, four are accepted, it closes and the run starts at once",
                () -> aProgrammeOpensFourAreAcceptedItClosesAndTheRunStartsAtOnce(cast));
        Pairs pairs = step("both pairs confirm and sign", () -> bothPairsConfirmAndSign(cast, programme));
        step("the HR system deactivates the leaver and every service hears of it",
                () -> theHrSystemDeactivatesTheLeaverAndEveryServiceHearsOfIt(cast, programme, pairs));
        String secondAgreement = step("the other pair ends early and the people without a partner are re-matched",
                () -> theOtherPairEndsEarlyAndThePeopleWithoutAPartnerAreRematched(cast, programme, pairs));
        step("the programme completes and every service follows",
                () -> theProgrammeCompletesAndEveryServiceFollows(cast, programme, pairs, secondAgreement));
    }

    private static Cast theLeaverIsProvisionedAndEveryoneSignsIn() {
        String hr = Keycloak.hrIntegrationToken();
        provisionLeaver(hr);
        String admin = Keycloak.tokenFor(Journeys.ADMIN);
        Map<String, String> tokens = Map.of(MENTEE, Keycloak.tokenFor(MENTEE), LEAVER, Keycloak.tokenFor(LEAVER),
                MENTOR_A, Keycloak.tokenFor(MENTOR_A), MENTOR_B, Keycloak.tokenFor(MENTOR_B));
        return new Cast(hr, admin, tokens);
    }

    /** 1. DRAFT -> OPEN, four applications accepted, closed, and the run started at once. */
    private static Programme aProgrammeOpensFourAreAcceptedItClosesAndTheRunStartsAtOnce(Cast cast) {
        String admin = cast.admin();
        String programmeId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Whole life " + java.util.UUID.randomUUID(),
                        "topics", List.of(Map.of("code", Journeys.TOPIC, "label", "AI tools"))))
                .post("/api/v1/programmes").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        Journeys.transition(admin, programmeId, "OPEN");
        Map<String, String> applications = new HashMap<>();
        applications.put(MENTEE, Journeys.apply(cast.token(MENTEE), programmeId, "MENTEE", "Institute of Law"));
        applications.put(LEAVER, applyFromDirectory(cast.token(LEAVER), programmeId));
        applications.put(MENTOR_A, Journeys.apply(cast.token(MENTOR_A), programmeId, "MENTOR", "Institute for Data Science"));
        applications.put(MENTOR_B, Journeys.apply(cast.token(MENTOR_B), programmeId, "MENTOR", "Institute of Chemistry"));
        applications.values().forEach(id -> Journeys.accept(admin, id));
        Journeys.awaitPool(admin, programmeId, applications.get(MENTOR_B), 4);
        Journeys.transition(admin, programmeId, "CLOSED");
        String firstRun = startRun(admin, programmeId, "PUBLISH");
        awaitRun(admin, firstRun);
        return new Programme(programmeId, applications);
    }

    /** 2. Both pairs confirm and sign; the leaver books a meeting to come. */
    private static Pairs bothPairsConfirmAndSign(Cast cast, Programme programme) {
        String admin = cast.admin();
        String programmeId = programme.id();
        List<Map<String, Object>> proposals = given().auth().oauth2(admin).queryParam("programmeId", programmeId)
                .get("/api/v1/proposals").then().statusCode(200).body("items.size()", equalTo(2)).extract().path("items");
        Map<String, String> partnerOf = new HashMap<>();
        for (Map<String, Object> p : proposals) {
            String menteeApp = applicationOf(p, "mentee");
            String mentorApp = applicationOf(p, "mentor");
            String mentee = personOf(programme.applications(), menteeApp);
            String mentor = personOf(programme.applications(), mentorApp);
            partnerOf.put(mentee, mentor);
            partnerOf.put(mentor, mentee);
            confirm(admin, cast.token(mentee), cast.token(mentor), (String) p.get("id"));
        }
        Journeys.transition(admin, programmeId, "IN_PROGRESS");
        String leaversAgreement = sign(cast.token(LEAVER), cast.token(partnerOf.get(LEAVER)), programmeId);
        String menteesAgreement = sign(cast.token(MENTEE), cast.token(partnerOf.get(MENTEE)), programmeId);
        String meetingToCome = scheduleOnline(cast.token(LEAVER), leaversAgreement);
        return new Pairs(partnerOf, leaversAgreement, menteesAgreement, meetingToCome);
    }

    /**
     * 3. The leaver: the HR system deactivates her; every service hears of it (her application withdrawn, her agreement
     * terminated, its meeting to come cancelled).
     */
    private static void theHrSystemDeactivatesTheLeaverAndEveryServiceHearsOfIt(Cast cast, Programme programme, Pairs pairs) {
        String leaversMentor = pairs.leaversMentor();
        deactivate(cast.hr(), LEAVER);
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() -> {
            given().auth().oauth2(cast.admin()).get("/api/v1/applications/{id}", programme.applicationOf(LEAVER)).then()
                    .statusCode(200).body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("LEFT_ORGANISATION"));
            given().auth().oauth2(cast.token(leaversMentor)).get("/api/v1/agreements/{id}", pairs.leaversAgreement()).then()
                    .statusCode(200).body("status", equalTo("TERMINATED")).body("ending.reasonCategory", equalTo("LEFT_ORGANISATION"));
            given().auth().oauth2(cast.token(leaversMentor)).get("/api/v1/meetings/{id}", pairs.meetingToCome()).then()
                    .statusCode(200).body("status", equalTo("CANCELLED"));
        });
    }

    /**
     * 4. The other pair ends early; the admin keeps them apart and re-matches the people without a partner: the mentee and
     * the leaver's mentor, who then confirm and sign. Returns the new pair's agreement.
     */
    private static String theOtherPairEndsEarlyAndThePeopleWithoutAPartnerAreRematched(Cast cast, Programme programme, Pairs pairs) {
        String admin = cast.admin();
        String programmeId = programme.id();
        String mentee = cast.token(MENTEE);
        String menteesAgreement = pairs.menteesAgreement();
        String leaversMentor = pairs.leaversMentor();
        String formerMentor = pairs.formerMentor();
        given().auth().oauth2(mentee).header("If-Match", Journeys.etag(mentee, menteesAgreement))
                .contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "NO_COMMON_GROUND",
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", menteesAgreement).then().statusCode(200).body("status", equalTo("TERMINATED"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("menteeApplicationId", programme.applicationOf(MENTEE), "mentorApplicationId", programme.applicationOf(formerMentor),
                        "reason", "Ended early: no common ground"))
                .post("/api/v1/programmes/{id}/exclusions", programmeId).then().statusCode(204);
        String rematch = await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(() -> {
            String run = startRun(admin, programmeId, "REMATCH");
            awaitRun(admin, run);
            List<Map<String, Object>> open = given().auth().oauth2(admin).queryParam("programmeId", programmeId)
                    .queryParam("status", "PROPOSED").get("/api/v1/proposals").then().statusCode(200).extract().path("items");
            return open.isEmpty() ? null : (String) open.get(0).get("id");
        }, id -> id != null);
        Map<String, Object> rematched = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", rematch).then()
                .statusCode(200).extract().path("");
        assertThat(applicationOf(rematched, "mentee")).isEqualTo(programme.applicationOf(MENTEE));
        assertThat(applicationOf(rematched, "mentor")).isEqualTo(programme.applicationOf(leaversMentor));
        // the two first pairs stay as they were decided: confirmed, not proposed again
        List<String> statuses = given().auth().oauth2(admin).queryParam("programmeId", programmeId).get("/api/v1/proposals").then()
                .statusCode(200).extract().path("items.status");
        assertThat(statuses).containsExactlyInAnyOrder("CONFIRMED", "CONFIRMED", "PROPOSED");
        confirm(admin, mentee, cast.token(leaversMentor), rematch);
        String secondAgreement = await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(() ->
                given().auth().oauth2(mentee).queryParam("programmeId", programmeId).queryParam("status", "DRAFT")
                        .get("/api/v1/agreements").then().statusCode(200).extract().<List<String>>path("items.id"), l -> l.size() == 1).get(0);
        activate(mentee, cast.token(leaversMentor), secondAgreement);
        return secondAgreement;
    }

    /**
     * 5. The programme completes: every service follows. The new pair's agreement and the applications of the matched people
     * complete; the leaver stays withdrawn, the early end stays terminated, and no run can start any more.
     */
    private static void theProgrammeCompletesAndEveryServiceFollows(Cast cast, Programme programme, Pairs pairs, String secondAgreement) {
        String admin = cast.admin();
        String mentee = cast.token(MENTEE);
        Journeys.transition(admin, programme.id(), "COMPLETED");
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() -> {
            given().auth().oauth2(mentee).get("/api/v1/agreements/{id}", secondAgreement).then()
                    .statusCode(200).body("status", equalTo("COMPLETED"));
            given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", secondAgreement).then()
                    .statusCode(200).body("status", equalTo("COMPLETED"));
            given().auth().oauth2(admin).get("/api/v1/applications/{id}", programme.applicationOf(MENTEE)).then()
                    .statusCode(200).body("status", equalTo("COMPLETED"));
            given().auth().oauth2(admin).get("/api/v1/applications/{id}", programme.applicationOf(pairs.leaversMentor())).then()
                    .statusCode(200).body("status", equalTo("COMPLETED"));
        });
        // the mentor the mentee parted from was matched once, but not at the end: not completed with the others
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", programme.applicationOf(pairs.formerMentor())).then()
                .statusCode(200).body("status", oneOf("WITHDRAWN", "COMPLETED"));
        given().auth().oauth2(admin).get("/api/v1/applications/{id}", programme.applicationOf(LEAVER)).then()
                .statusCode(200).body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("LEFT_ORGANISATION"));
        given().auth().oauth2(mentee).get("/api/v1/agreements/{id}", pairs.menteesAgreement()).then()
                .statusCode(200).body("status", equalTo("TERMINATED")).body("ending.reasonCategory", equalTo("NO_COMMON_GROUND"));
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "REMATCH"))
                        .post("/api/v1/programmes/{id}/matching-runs", programme.id()).then().statusCode(409));
    }

    @Test
    void cancellingAProgrammeEndsItsAgreementsCancelsItsMeetingsAndWithdrawsItsApplications() {
        Journeys.ConfirmedMatch match = Journeys.confirmedMatch("Cancelled cohort", "ed.director", "mila.mentor");
        Journeys.ActiveAgreement agreement = Journeys.activeAgreement(match, List.of("Learn to run a team online"), 0);
        String mentee = match.people().mentee();
        String admin = match.people().admin();
        String meeting = scheduleOnline(mentee, agreement.agreementId());

        Journeys.transition(admin, match.programmeId(), "CANCELLED");

        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() -> {
            given().auth().oauth2(mentee).get("/api/v1/agreements/{id}", agreement.agreementId()).then()
                    .statusCode(200).body("status", equalTo("TERMINATED")).body("ending.reasonCategory", equalTo("PROGRAMME_CANCELLED"));
            given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meeting).then()
                    .statusCode(200).body("status", equalTo("CANCELLED"));
            given().auth().oauth2(mentee).get("/api/v1/meetings/agreements/{id}/progress", agreement.agreementId()).then()
                    .statusCode(200).body("status", equalTo("TERMINATED"));
            for (String application : List.of(match.menteeApplicationId(), match.mentorApplicationId())) {
                given().auth().oauth2(admin).get("/api/v1/applications/{id}", application).then()
                        .statusCode(200).body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("PROGRAMME_CANCELLED"));
            }
        });
        // nothing can be started or booked in a cancelled programme
        given().auth().oauth2(mentee).contentType(ContentType.JSON)
                .body(online(agreement.agreementId(), Instant.now().plus(3, ChronoUnit.DAYS)))
                .post("/api/v1/meetings").then().statusCode(409);
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                        .post("/api/v1/programmes/{id}/matching-runs", match.programmeId()).then().statusCode(409));
    }

    // ---- steps ------------------------------------------------------------------------------------------------------------

    private static void provisionLeaver(String hr) {
        Journeys.provision(hr, LEAVER, "Elena Head", "Institute of Economics", "Berlin", 52.52, 13.40, List.of("en", "de"), null);
    }

    /** No institute in the form: the directory knows it, and the application is tied to the directory person. */
    private static String applyFromDirectory(String token, String programmeId) {
        Map<String, Object> form = new HashMap<>(Journeys.application("MENTEE", "ignored"));
        form.remove("institute");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(form)
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201).body("fromDirectory", equalTo(true)).extract().path("id");
    }

    private static void deactivate(String hr, String userName) {
        String id = given().auth().oauth2(hr).accept(SCIM).queryParam("filter", "userName eq \"" + userName + "\"")
                .get("/scim/v2/Users").then().statusCode(200).extract().path("Resources[0].id");
        given().auth().oauth2(hr).contentType(SCIM).accept(SCIM)
                .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations", List.of(Map.of("op", "replace", "path", "active", "value", false))))
                .patch("/scim/v2/Users/{id}", id).then().statusCode(200).body("active", equalTo(false));
    }

    /** Starts a run without retrying: right after a closing it may wait for matching to hear of it, never fail. */
    private static String startRun(String admin, String programmeId, String mode) {
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/v1/programmes/{id}/matching-runs", programmeId).then()
                .statusCode(202).body("status", oneOf("WAITING", "QUEUED", "RUNNING", "COMPLETED"))
                .header("Location", startsWith(RestAssured.baseURI + "/api/v1/programmes/" + programmeId + "/matching-runs/"))
                .extract().header("Location");
        return URI.create(location).getPath();
    }

    private static void awaitRun(String admin, String runPath) {
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).until(() ->
                "COMPLETED".equals(given().auth().oauth2(admin).get(runPath).then().statusCode(200).extract().path("status")));
    }

    private static void confirm(String admin, String mentee, String mentor, String proposalId) {
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposalId).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposalId).then().statusCode(200);
        given().auth().oauth2(mentee).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200);
        given().auth().oauth2(mentor).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    /** Waits for the pair's draft in this programme, then the mentee proposes it and both sign: its id. */
    private static String sign(String mentee, String mentor, String programmeId) {
        String id = Journeys.awaitDraft(mentee, programmeId);
        activate(mentee, mentor, id);
        return id;
    }

    private static void activate(String mentee, String mentor, String agreementId) {
        Journeys.editDraft(mentee, agreementId, Journeys.draftWith(mentee, agreementId, List.of("Try three AI tools at work"), 0))
                .then().statusCode(200);
        Journeys.propose(mentee, agreementId, 1);
        Journeys.sign(mentee, agreementId, 1, Journeys.etag(mentee, agreementId)).then().statusCode(201);
        Journeys.sign(mentor, agreementId, 1, Journeys.etag(mentor, agreementId)).then().statusCode(201).body("status", equalTo("ACTIVE"));
    }

    /** An online meeting some days ahead, once sessions-service knows the agreement is active: its id. */
    private static String scheduleOnline(String token, String agreementId) {
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                given().auth().oauth2(token).get("/api/v1/meetings/agreements/{id}/progress", agreementId).then()
                        .statusCode(200).body("status", equalTo("ACTIVE")));
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(online(agreementId, Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES)))
                .post("/api/v1/meetings").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> online(String agreementId, Instant startsAt) {
        return Map.of("agreementId", agreementId, "startsAt", startsAt.toString(), "durationMinutes", 45, "format", "ONLINE",
                "videoLink", "https://meet.example.org/pair-" + agreementId, "agendaTopics", List.of(Journeys.TOPIC));
    }

    @SuppressWarnings("unchecked")
    private static String applicationOf(Map<String, Object> proposal, String side) {
        return (String) ((Map<String, Object>) proposal.get(side)).get("applicationId");
    }

    private static String personOf(Map<String, String> applications, String applicationId) {
        return applications.entrySet().stream().filter(e -> e.getValue().equals(applicationId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("A proposal names an application of no one here: " + applicationId));
    }
}
