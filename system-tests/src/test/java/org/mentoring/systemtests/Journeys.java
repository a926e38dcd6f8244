package org.mentoring.systemtests;

import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The steps of the journey that several ITs go through, through the gateway with real Keycloak tokens: a programme with a
 * mentee (by default {@code eva.executive}) and a mentor (by default {@code mia.mentor}) from different institutes, the admin
 * ({@code ada.admin}) accepting them, closing, matching, approving; both accepting; the agreement draft that follows, proposed
 * and signed.
 * Every run makes its own programme, so the ITs never see each other's pairs. State fed by Kafka is awaited, never slept for.
 */
final class Journeys {

    static final String ADMIN = "ada.admin";
    static final String MENTEE = "eva.executive";
    static final String MENTOR = "mia.mentor";
    /** A participant who belongs to none of the pairs made here. */
    static final String STRANGER = "max.mentor";
    static final String TOPIC = "ai-tools";
    static final Duration EVENTUAL = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(300);
    static final String SCIM = "application/scim+json";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String MATCHING = "urn:mentoring:scim:schemas:extension:matching:1.0:User";

    private Journeys() {
    }

    /** The body of a step that yields what later steps need; it may throw whatever the test could. */
    @FunctionalInterface
    interface StepWithResult<T> {
        T run() throws Exception;
    }

    /** The body of a step that yields nothing. */
    @FunctionalInterface
    interface StepWithoutResult {
        void run() throws Exception;
    }

    /**
     * Runs one named step of a journey and returns what it yields. A failing assertion or an exception (a timeout of an awaited
     * condition, a refused request) comes back as an {@link AssertionError} "step 'name' failed: ...", with the original as
     * its cause, so the report says which step of the journey broke.
     */
    static <T> T step(String name, StepWithResult<T> body) {
        try {
            return body.run();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("step '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** Runs one named step of a journey that yields nothing; a failure names the step, as {@link #step(String, StepWithResult)}. */
    static void step(String name, StepWithoutResult body) {
        step(name, () -> {
            body.run();
            return null;
        });
    }

    static void useGateway() {
        RestAssured.baseURI = System.getProperty("gateway.url", "http://localhost:8080");
        RestAssured.registerParser(SCIM, Parser.JSON);
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    /** The people of a journey, each with a fresh token. */
    record People(String admin, String mentee, String mentor) {
        static People signIn(String menteeUsername, String mentorUsername) {
            return new People(Keycloak.tokenFor(ADMIN), Keycloak.tokenFor(menteeUsername), Keycloak.tokenFor(mentorUsername));
        }
    }

    /** A pair that both people accepted; {@code matchId} is matching-service's proposal id. */
    record ConfirmedMatch(People people, String programmeId, String matchId, String menteeApplicationId, String mentorApplicationId) {
    }

    /** An agreement both signed, with the version in force and its content hash. */
    record ActiveAgreement(ConfirmedMatch match, String agreementId, int version, String contentHash) {
        People people() {
            return match.people();
        }
    }

    // ---- directory (applicants-service, SCIM) ----------------------------------------------------------------------------

    /**
     * The HR system provisions a person over SCIM (their work address when {@code email} is given), or replaces them when an
     * earlier run of the same stack already did.
     */
    static void provision(String hrToken, String userName, String displayName, String institute, String city, double latitude,
                          double longitude, List<String> languages, String email) {
        Map<String, Object> user = new HashMap<>(Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE, MATCHING),
                "userName", userName,
                "displayName", displayName,
                "active", true,
                ENTERPRISE, Map.of("organization", institute, "department", "Research"),
                MATCHING, Map.of("location", Map.of("city", city, "country", "DE", "latitude", latitude, "longitude", longitude),
                        "languages", languages)));
        if (email != null) {
            user.put("emails", List.of(Map.of("value", email, "type", "work", "primary", true)));
        }
        List<String> existing = given().auth().oauth2(hrToken).accept(SCIM)
                .queryParam("filter", "userName eq \"" + userName + "\"")
                .get("/scim/v2/Users").then().statusCode(200).extract().path("Resources.id");
        if (existing == null || existing.isEmpty()) {
            given().auth().oauth2(hrToken).contentType(SCIM).accept(SCIM).body(user).post("/scim/v2/Users").then().statusCode(201);
        } else {
            given().auth().oauth2(hrToken).contentType(SCIM).accept(SCIM).body(user)
                    .put("/scim/v2/Users/{id}", existing.get(0)).then().statusCode(200);
        }
    }

    // ---- programme and applications (applicants-service) ---------------------------------------------------------------

    /** A new programme with a unique name, OPEN for applications. */
    static String openProgramme(String admin, String name) {
        String programmeId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name + " " + UUID.randomUUID(),
                        "topics", List.of(Map.of("code", TOPIC, "label", "AI tools"), Map.of("code", "social-media", "label", "Social media"))))
                .post("/api/v1/programmes").then()
                // the link names the gateway the client called, never the service behind it
                .statusCode(201).header("Location", startsWith(RestAssured.baseURI + "/api/v1/programmes/"))
                .header("X-Request-Id", notNullValue())
                .extract().path("id");
        transition(admin, programmeId, "OPEN");
        return programmeId;
    }

    static void transition(String admin, String programmeId, String to) {
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", programmeId).then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", to))
                .post("/api/v1/programmes/{id}/transitions", programmeId).then()
                .statusCode(200).body("status", equalTo(to));
    }

    static Map<String, Object> application(String role, String institute) {
        return Map.of(
                "role", role,
                "institute", institute,
                "languages", List.of("de", "en"),
                "topics", List.of(TOPIC),
                "meetingFormats", List.of("ONLINE"),
                "availabilityHoursPerMonth", 4,
                "yearsOfExperience", "MENTOR".equals(role) ? 3 : 25,
                "motivation", "Learning from each other",
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
    }

    static String apply(String token, String programmeId, String role, String institute) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(application(role, institute))
                .post("/api/v1/programmes/{id}/applications", programmeId).then()
                .statusCode(201).extract().path("id");
    }

    static void accept(String admin, String applicationId) {
        String etag = given().auth().oauth2(admin).get("/api/v1/applications/{id}", applicationId).then()
                .statusCode(200).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("decision", "ACCEPT")).post("/api/v1/applications/{id}/decision", applicationId).then()
                .statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    // ---- matching (matching-service) -----------------------------------------------------------------------------------

    /** Waits until matching-service's pool, fed by applicants-service's events, holds {@code size} applicants. */
    static void awaitPool(String admin, String programmeId, String applicationId, int size) {
        await().atMost(EVENTUAL).pollInterval(POLL).untilAsserted(() ->
                given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programmeId).then()
                        .statusCode(200)
                        .body("items.applicationId", hasItem(applicationId))
                        .body("items.size()", equalTo(size)));
    }

    /** Starts a PUBLISH run (retried while the pool still catches up with the closing) and waits until it completed. */
    static String publishMatching(String admin, String programmeId) {
        String runLocation = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PUBLISH"))
                                .post("/api/v1/programmes/{id}/matching-runs", programmeId).then().extract(),
                r -> r.statusCode() == 202).header("Location");
        String runPath = URI.create(runLocation).getPath();
        await().atMost(EVENTUAL).pollInterval(POLL).until(() ->
                "COMPLETED".equals(given().auth().oauth2(admin).get(runPath).then().statusCode(200).extract().path("status")));
        return runPath;
    }

    /** The admin approves the programme's only proposal and both people accept it: CONFIRMED. Returns the proposal id. */
    static String approveAndAccept(People people, String programmeId) {
        String proposalId = given().auth().oauth2(people.admin()).queryParam("programmeId", programmeId).get("/api/v1/proposals").then()
                .statusCode(200).body("items.size()", equalTo(1)).extract().path("items[0].id");
        String etag = given().auth().oauth2(people.admin()).get("/api/v1/proposals/{id}", proposalId).then().extract().header("ETag");
        given().auth().oauth2(people.admin()).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposalId).then().statusCode(200);
        given().auth().oauth2(people.mentee()).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200);
        given().auth().oauth2(people.mentor()).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        return proposalId;
    }

    /** The whole way to a confirmed pair of {@code eva.executive} and {@code mia.mentor}, as FirstSliceIT walks it. */
    static ConfirmedMatch confirmedMatch(String programmeName) {
        return confirmedMatch(programmeName, MENTEE, MENTOR);
    }

    /** The whole way to a confirmed pair of these two people, as FirstSliceIT walks it, in a programme of its own. */
    static ConfirmedMatch confirmedMatch(String programmeName, String menteeUsername, String mentorUsername) {
        People people = People.signIn(menteeUsername, mentorUsername);
        String programmeId = openProgramme(people.admin(), programmeName);
        String menteeApplication = apply(people.mentee(), programmeId, "MENTEE", "Institute of Physics");
        String mentorApplication = apply(people.mentor(), programmeId, "MENTOR", "Institute for Data Science");
        accept(people.admin(), menteeApplication);
        accept(people.admin(), mentorApplication);
        awaitPool(people.admin(), programmeId, menteeApplication, 2);
        transition(people.admin(), programmeId, "CLOSED");
        publishMatching(people.admin(), programmeId);
        String matchId = approveAndAccept(people, programmeId);
        return new ConfirmedMatch(people, programmeId, matchId, menteeApplication, mentorApplication);
    }

    // ---- the agreement (agreements-service) ----------------------------------------------------------------------------

    /** Waits until agreements-service, fed by matching's event, lists the programme's DRAFT to the caller; returns its id. */
    static String awaitDraft(String token, String programmeId) {
        await().atMost(EVENTUAL).pollInterval(POLL).untilAsserted(() ->
                given().auth().oauth2(token).queryParam("programmeId", programmeId).get("/api/v1/agreements").then()
                        .statusCode(200).body("items", hasSize(1)));
        return given().auth().oauth2(token).queryParam("programmeId", programmeId).get("/api/v1/agreements").then()
                .statusCode(200).body("items[0].status", equalTo("DRAFT")).extract().path("items[0].id");
    }

    static ExtractableResponse<Response> agreement(String token, String agreementId) {
        return given().auth().oauth2(token).get("/api/v1/agreements/{id}", agreementId).then().statusCode(200).extract();
    }

    static String etag(String token, String agreementId) {
        return agreement(token, agreementId).header("ETag");
    }

    /** The draft as it stands with other goals and number of first meetings in person: the body of {@code PUT .../draft}. */
    static Map<String, Object> draftWith(String token, String agreementId, List<String> goals, int firstMeetingsInPerson) {
        Map<String, Object> latest = agreement(token, agreementId).path("latest");
        Map<String, Object> draft = new HashMap<>();
        draft.put("agendaTopics", latest.get("agendaTopics"));
        draft.put("goals", goals);
        draft.put("startDate", latest.get("startDate"));
        draft.put("endDate", latest.get("endDate"));
        draft.put("meetingCadenceDays", latest.get("meetingCadenceDays"));
        draft.put("firstMeetingsInPerson", firstMeetingsInPerson);
        draft.put("preferredFormat", latest.get("preferredFormat"));
        draft.put("mayBeShared", List.of(Map.of("what", "That we meet, and the topics we covered", "withWhom", "The programme team")));
        return draft;
    }

    static Response editDraft(String token, String agreementId, Map<String, Object> draft) {
        return given().auth().oauth2(token).header("If-Match", etag(token, agreementId)).contentType(ContentType.JSON).body(draft)
                .put("/api/v1/agreements/{id}/draft", agreementId);
    }

    /** Proposes the draft for signature; returns the content hash of the frozen version {@code n}. */
    static String propose(String token, String agreementId, int n) {
        given().auth().oauth2(token).header("If-Match", etag(token, agreementId))
                .post("/api/v1/agreements/{id}/proposals", agreementId).then()
                .statusCode(201).header("Location", equalTo(RestAssured.baseURI + "/api/v1/agreements/" + agreementId + "/versions/" + n))
                .body("status", equalTo("PROPOSED")).body("openProposal", equalTo(n));
        return given().auth().oauth2(token).get("/api/v1/agreements/{id}/versions/{n}", agreementId, n).then()
                .statusCode(200).body("status", equalTo("PROPOSED"))
                .body("contentHash", matchesPattern("[0-9a-f]{64}"))
                .extract().path("contentHash");
    }

    /** Signs version {@code n}; {@code ifMatch} null sends no If-Match header. */
    static Response sign(String token, String agreementId, int n, String ifMatch) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rulesOfConductAcknowledged", true));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/api/v1/agreements/{id}/versions/{n}/signatures", agreementId, n);
    }

    /** A confirmed match whose agreement the mentee gave goals to, proposed, and both signed: ACTIVE with version 1. */
    static ActiveAgreement activeAgreement(ConfirmedMatch match, List<String> goals, int firstMeetingsInPerson) {
        People people = match.people();
        String id = awaitDraft(people.mentee(), match.programmeId());
        editDraft(people.mentee(), id, draftWith(people.mentee(), id, goals, firstMeetingsInPerson)).then().statusCode(200);
        String hash = propose(people.mentee(), id, 1);
        sign(people.mentee(), id, 1, etag(people.mentee(), id)).then().statusCode(201);
        sign(people.mentor(), id, 1, etag(people.mentor(), id)).then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("versionInForce", equalTo(1));
        return new ActiveAgreement(match, id, 1, hash);
    }
}
